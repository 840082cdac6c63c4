package dev.databricksmcp.server.tools.admin;

import com.databricks.sdk.service.dashboards.Dashboard;
import com.databricks.sdk.service.dashboards.PublishedDashboard;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Curated rows of AI/BI dashboards (docs/OUTPUT.md), never the SDK's objects. */
final class DashboardRows {
  private DashboardRows() {}

  /** A list row: what the list API gives (it leaves out path, contents and update time). */
  static Map<String, Object> row(Dashboard d) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("dashboard_id", d.getDashboardId());
    row.put("name", d.getDisplayName());
    row.put("state", d.getLifecycleState() == null ? null : d.getLifecycleState().toString());
    row.put("warehouse_id", d.getWarehouseId());
    row.put("created_at", iso(d.getCreateTime()));
    return row;
  }

  /**
   * get_dashboard: the row's fields, path, update time, whether and how it is published, then its
   * pages and datasets in words ({@link DashboardSummary}).
   */
  static Map<String, Object> detail(Dashboard d, PublishedDashboard published) {
    Map<String, Object> out = row(d);
    out.put("path", d.getPath());
    out.put("updated_at", iso(d.getUpdateTime()));
    out.put("published", published(published));
    out.putAll(DashboardSummary.of(d.getSerializedDashboard()));
    return out;
  }

  /** Whether it is published, and if so on which warehouse, with whose credentials, since when. */
  static Map<String, Object> published(PublishedDashboard p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("is_published", p != null);
    if (p != null) {
      out.put("warehouse_id", p.getWarehouseId());
      out.put("embed_credentials", p.getEmbedCredentials());
      out.put("published_at", iso(p.getRevisionCreateTime()));
    }
    return out;
  }

  /** The API's RFC 3339 timestamp in UTC with a Z; as given when it does not parse. */
  static String iso(String timestamp) {
    if (timestamp == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(timestamp).toInstant().toString();
    } catch (DateTimeParseException e) {
      return timestamp;
    }
  }
}
