package dev.databricksmcp.server.tools.catalog;

import com.databricks.sdk.service.catalog.CatalogInfo;
import com.databricks.sdk.service.catalog.ColumnInfo;
import com.databricks.sdk.service.catalog.FunctionInfo;
import com.databricks.sdk.service.catalog.SchemaInfo;
import com.databricks.sdk.service.catalog.TableInfo;
import com.databricks.sdk.service.catalog.VolumeInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compact rows for lists: what a model needs to choose, not everything the API returns. */
final class CatalogRows {
  private CatalogRows() {}

  static Map<String, Object> catalog(CatalogInfo c) {
    return row(
        c.getName(),
        c.getCatalogType() == null ? null : c.getCatalogType().toString(),
        c.getOwner(),
        c.getComment(),
        c.getUpdatedAt());
  }

  static Map<String, Object> schema(SchemaInfo s) {
    return row(s.getFullName(), null, s.getOwner(), s.getComment(), s.getUpdatedAt());
  }

  static Map<String, Object> table(TableInfo t) {
    return row(
        t.getFullName(),
        t.getTableType() == null ? null : t.getTableType().toString(),
        t.getOwner(),
        t.getComment(),
        t.getUpdatedAt());
  }

  static Map<String, Object> volume(VolumeInfo v) {
    return row(
        v.getFullName(),
        v.getVolumeType() == null ? null : v.getVolumeType().toString(),
        v.getOwner(),
        v.getComment(),
        v.getUpdatedAt());
  }

  static Map<String, Object> function(FunctionInfo f) {
    Map<String, Object> out =
        row(
            f.getFullName(),
            f.getRoutineBody() == null ? null : f.getRoutineBody().toString(),
            f.getOwner(),
            f.getComment(),
            f.getUpdatedAt());
    out.put("returns", f.getFullDataType());
    return out;
  }

  private static Map<String, Object> row(
      String name, String type, String owner, String comment, Long updated) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    if (type != null) {
      out.put("type", type);
    }
    out.put("owner", owner);
    if (comment != null) {
      out.put("comment", comment.length() > 300 ? comment.substring(0, 300) + "…" : comment);
    }
    if (updated != null) {
      out.put("updated", Instant.ofEpochMilli(updated).toString());
    }
    return out;
  }

  /**
   * A table described for a model in one call: columns, type, format, owner, storage, properties,
   * times.
   */
  static Map<String, Object> tableDetail(TableInfo t) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("full_name", t.getFullName());
    out.put("table_type", t.getTableType() == null ? null : t.getTableType().toString());
    out.put("format", t.getDataSourceFormat() == null ? null : t.getDataSourceFormat().toString());
    out.put("owner", t.getOwner());
    out.put("comment", t.getComment());
    List<Map<String, Object>> columns = new ArrayList<>();
    List<String> partitions = new ArrayList<>();
    if (t.getColumns() != null) {
      for (ColumnInfo c : t.getColumns()) {
        Map<String, Object> col = new LinkedHashMap<>();
        col.put("name", c.getName());
        col.put("type", c.getTypeText());
        col.put("nullable", c.getNullable());
        if (c.getComment() != null) {
          col.put("comment", c.getComment());
        }
        columns.add(col);
        if (c.getPartitionIndex() != null) {
          partitions.add(c.getName());
        }
      }
    }
    out.put("columns", columns);
    out.put("partitioned_by", partitions);
    out.put("storage_location", t.getStorageLocation());
    out.put("properties", t.getProperties());
    out.put("view_definition", t.getViewDefinition());
    out.put(
        "created",
        t.getCreatedAt() == null ? null : Instant.ofEpochMilli(t.getCreatedAt()).toString());
    out.put("created_by", t.getCreatedBy());
    out.put(
        "updated",
        t.getUpdatedAt() == null ? null : Instant.ofEpochMilli(t.getUpdatedAt()).toString());
    out.put("updated_by", t.getUpdatedBy());
    out.put("table_id", t.getTableId());
    return out;
  }
}
