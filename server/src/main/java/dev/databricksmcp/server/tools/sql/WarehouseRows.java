package dev.databricksmcp.server.tools.sql;

import com.databricks.sdk.service.sql.Channel;
import com.databricks.sdk.service.sql.EndpointHealth;
import com.databricks.sdk.service.sql.EndpointInfo;
import com.databricks.sdk.service.sql.EndpointTagPair;
import com.databricks.sdk.service.sql.EndpointTags;
import com.databricks.sdk.service.sql.GetWarehouseResponse;
import com.databricks.sdk.service.sql.OdbcParams;
import com.databricks.sdk.service.sql.State;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A SQL warehouse as every warehouse tool answers it (docs/OUTPUT.md): a list row and a get use the
 * same field names, the get adds fields. The names are the API's where a tool also takes them as
 * arguments ({@code cluster_size}, {@code auto_stop_mins}, {@code enable_serverless_compute},
 * {@code max_num_clusters}), {@code type} for the warehouse type.
 */
final class WarehouseRows {
  private WarehouseRows() {}

  /** The fields a model needs to pick a warehouse (list_warehouses, start, stop). */
  static Map<String, Object> row(EndpointInfo e) {
    return row(
        e.getId(),
        e.getName(),
        e.getState(),
        e.getClusterSize(),
        e.getAutoStopMins(),
        e.getEnableServerlessCompute(),
        e.getNumClusters(),
        e.getWarehouseType());
  }

  /** The row's fields of a warehouse read with get. */
  static Map<String, Object> row(GetWarehouseResponse e) {
    return row(
        e.getId(),
        e.getName(),
        e.getState(),
        e.getClusterSize(),
        e.getAutoStopMins(),
        e.getEnableServerlessCompute(),
        e.getNumClusters(),
        e.getWarehouseType());
  }

  /** get_warehouse (and create/update): the row's fields, then scaling, owner and connection. */
  static Map<String, Object> detail(GetWarehouseResponse e) {
    Map<String, Object> out = row(e);
    out.put("min_num_clusters", e.getMinNumClusters());
    out.put("max_num_clusters", e.getMaxNumClusters());
    out.put("num_active_sessions", e.getNumActiveSessions());
    out.put("creator_name", e.getCreatorName());
    out.put("enable_photon", e.getEnablePhoton());
    Channel channel = e.getChannel();
    out.put(
        "channel", channel == null || channel.getName() == null ? null : name(channel.getName()));
    EndpointHealth health = e.getHealth();
    if (health != null && (health.getStatus() != null || health.getSummary() != null)) {
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("status", name(health.getStatus()));
      h.put("summary", health.getSummary());
      out.put("health", h);
    }
    Map<String, String> tags = tags(e.getTags());
    if (!tags.isEmpty()) {
      out.put("tags", tags);
    }
    Map<String, Object> connection = new LinkedHashMap<>();
    OdbcParams odbc = e.getOdbcParams();
    if (odbc != null) {
      connection.put("hostname", odbc.getHostname());
      connection.put("http_path", odbc.getPath());
      connection.put("port", odbc.getPort());
      connection.put("protocol", odbc.getProtocol());
    }
    connection.put("jdbc_url", e.getJdbcUrl());
    out.put("connection", connection);
    return out;
  }

  private static Map<String, Object> row(
      String id,
      String name,
      State state,
      String size,
      Long autoStop,
      Boolean serverless,
      Long clusters,
      Object type) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", id);
    out.put("name", name);
    out.put("state", name(state));
    out.put("cluster_size", size);
    out.put("auto_stop_mins", autoStop);
    out.put("enable_serverless_compute", Boolean.TRUE.equals(serverless));
    out.put("num_clusters", clusters);
    out.put("type", name(type));
    return out;
  }

  private static Map<String, String> tags(EndpointTags tags) {
    Map<String, String> out = new LinkedHashMap<>();
    if (tags != null && tags.getCustomTags() != null) {
      for (EndpointTagPair t : tags.getCustomTags()) {
        out.put(t.getKey(), t.getValue());
      }
    }
    return out;
  }

  private static String name(Object enumValue) {
    return enumValue == null ? null : enumValue.toString();
  }
}
