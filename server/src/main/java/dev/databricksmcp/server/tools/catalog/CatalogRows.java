package dev.databricksmcp.server.tools.catalog;

import com.databricks.sdk.service.catalog.CatalogInfo;
import com.databricks.sdk.service.catalog.ColumnInfo;
import com.databricks.sdk.service.catalog.EffectivePrivilege;
import com.databricks.sdk.service.catalog.EffectivePrivilegeAssignment;
import com.databricks.sdk.service.catalog.FunctionInfo;
import com.databricks.sdk.service.catalog.FunctionParameterInfo;
import com.databricks.sdk.service.catalog.GetMetastoreSummaryResponse;
import com.databricks.sdk.service.catalog.PrivilegeAssignment;
import com.databricks.sdk.service.catalog.SchemaInfo;
import com.databricks.sdk.service.catalog.TableInfo;
import com.databricks.sdk.service.catalog.VolumeInfo;
import dev.databricksmcp.server.core.Times;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every catalog tool's rows, curated (docs/OUTPUT.md): snake_case keys, times as {@code <what>_at}
 * in ISO-8601 UTC, the same names for the same thing in a list and a get ({@code name}, {@code
 * full_name}, {@code type}, {@code owner}, {@code comment}, {@code updated_at}). A compact row is
 * what a model needs to choose; a detail row (a get, or a list with {@code detail=true}) adds
 * fields, never other names, and never the API's object or its nested JSON strings ({@code
 * type_json}).
 */
final class CatalogRows {
  /** A comment in a compact row is cut here; a detail row has it whole. */
  static final int COMPACT_COMMENT_CHARS = 300;

  private CatalogRows() {}

  // ---- catalogs

  static Map<String, Object> catalog(CatalogInfo c) {
    return Row.start(c.getName(), null)
        .put("type", c.getCatalogType())
        .common(c.getOwner(), c.getComment(), c.getUpdatedAt(), true)
        .map();
  }

  static Map<String, Object> catalogDetail(CatalogInfo c) {
    return Row.start(c.getName(), null)
        .put("type", c.getCatalogType())
        .common(c.getOwner(), c.getComment(), c.getUpdatedAt(), false)
        .put("created_at", Times.iso(c.getCreatedAt()))
        .put("created_by", c.getCreatedBy())
        .put("updated_by", c.getUpdatedBy())
        .put("isolation_mode", c.getIsolationMode())
        .put("storage_root", c.getStorageRoot())
        .put("storage_location", c.getStorageLocation())
        .put("connection_name", c.getConnectionName())
        .put("provider_name", c.getProviderName())
        .put("share_name", c.getShareName())
        .put("properties", emptyToNull(c.getProperties()))
        .put("options", emptyToNull(c.getOptions()))
        .put("metastore_id", c.getMetastoreId())
        .map();
  }

  // ---- schemas

  static Map<String, Object> schema(SchemaInfo s) {
    return Row.start(s.getName(), s.getFullName())
        .common(s.getOwner(), s.getComment(), s.getUpdatedAt(), true)
        .map();
  }

  static Map<String, Object> schemaDetail(SchemaInfo s) {
    return Row.start(s.getName(), s.getFullName())
        .common(s.getOwner(), s.getComment(), s.getUpdatedAt(), false)
        .put("catalog_name", s.getCatalogName())
        .put("created_at", Times.iso(s.getCreatedAt()))
        .put("created_by", s.getCreatedBy())
        .put("updated_by", s.getUpdatedBy())
        .put("storage_root", s.getStorageRoot())
        .put("storage_location", s.getStorageLocation())
        .put("properties", emptyToNull(s.getProperties()))
        .put("schema_id", s.getSchemaId())
        .put("metastore_id", s.getMetastoreId())
        .map();
  }

  // ---- tables

  static Map<String, Object> table(TableInfo t) {
    return Row.start(t.getName(), t.getFullName())
        .put("type", t.getTableType())
        .common(t.getOwner(), t.getComment(), t.getUpdatedAt(), true)
        .map();
  }

  /**
   * A table described for a model in one call: the compact fields, then columns, format, storage,
   * properties, partitioning, view definition, times and ids.
   */
  static Map<String, Object> tableDetail(TableInfo t) {
    List<Map<String, Object>> columns = new ArrayList<>();
    List<String> partitions = new ArrayList<>();
    if (t.getColumns() != null) {
      int position = 0;
      for (ColumnInfo c : t.getColumns()) {
        columns.add(column(c, position++));
        if (c.getPartitionIndex() != null) {
          partitions.add(c.getName());
        }
      }
    }
    return Row.start(t.getName(), t.getFullName())
        .put("type", t.getTableType())
        .common(t.getOwner(), t.getComment(), t.getUpdatedAt(), false)
        .put("catalog_name", t.getCatalogName())
        .put("schema_name", t.getSchemaName())
        .put("format", t.getDataSourceFormat())
        .put("columns", columns)
        .put("partitioned_by", partitions)
        .put("storage_location", t.getStorageLocation())
        .put("view_definition", t.getViewDefinition())
        .put("properties", emptyToNull(t.getProperties()))
        .put("created_at", Times.iso(t.getCreatedAt()))
        .put("created_by", t.getCreatedBy())
        .put("updated_by", t.getUpdatedBy())
        .put("table_id", t.getTableId())
        .map();
  }

  /** A column: name, type (as SQL writes it), nullable, comment, position (0-based). */
  static Map<String, Object> column(ColumnInfo c, int fallbackPosition) {
    Map<String, Object> col = new LinkedHashMap<>();
    col.put("name", c.getName());
    col.put("type", c.getTypeText() != null ? c.getTypeText() : text(c.getTypeName()));
    col.put("nullable", c.getNullable() == null || c.getNullable());
    if (c.getComment() != null) {
      col.put("comment", c.getComment());
    }
    col.put("position", c.getPosition() != null ? c.getPosition().intValue() : fallbackPosition);
    return col;
  }

  // ---- volumes

  static Map<String, Object> volume(VolumeInfo v) {
    return Row.start(v.getName(), v.getFullName())
        .put("type", v.getVolumeType())
        .common(v.getOwner(), v.getComment(), v.getUpdatedAt(), true)
        .map();
  }

  static Map<String, Object> volumeDetail(VolumeInfo v) {
    return Row.start(v.getName(), v.getFullName())
        .put("type", v.getVolumeType())
        .common(v.getOwner(), v.getComment(), v.getUpdatedAt(), false)
        .put("catalog_name", v.getCatalogName())
        .put("schema_name", v.getSchemaName())
        .put("storage_location", v.getStorageLocation())
        .put(
            "path",
            v.getCatalogName() == null
                ? null
                : "/Volumes/" + v.getCatalogName() + "/" + v.getSchemaName() + "/" + v.getName())
        .put("created_at", Times.iso(v.getCreatedAt()))
        .put("created_by", v.getCreatedBy())
        .put("updated_by", v.getUpdatedBy())
        .put("volume_id", v.getVolumeId())
        .map();
  }

  // ---- functions

  static Map<String, Object> function(FunctionInfo f) {
    return Row.start(f.getName(), f.getFullName())
        .put("language", language(f))
        .put("returns", f.getFullDataType())
        .common(f.getOwner(), f.getComment(), f.getUpdatedAt(), true)
        .map();
  }

  static Map<String, Object> functionDetail(FunctionInfo f) {
    List<Map<String, Object>> parameters = new ArrayList<>();
    if (f.getInputParams() != null && f.getInputParams().getParameters() != null) {
      for (FunctionParameterInfo p : f.getInputParams().getParameters()) {
        Map<String, Object> param = new LinkedHashMap<>();
        param.put("name", p.getName());
        param.put("type", p.getTypeText() != null ? p.getTypeText() : text(p.getTypeName()));
        if (p.getParameterDefault() != null) {
          param.put("default", p.getParameterDefault());
        }
        if (p.getComment() != null) {
          param.put("comment", p.getComment());
        }
        parameters.add(param);
      }
    }
    return Row.start(f.getName(), f.getFullName())
        .put("language", language(f))
        .put("returns", f.getFullDataType())
        .common(f.getOwner(), f.getComment(), f.getUpdatedAt(), false)
        .put("catalog_name", f.getCatalogName())
        .put("schema_name", f.getSchemaName())
        .put("parameters", parameters)
        .put("routine_definition", f.getRoutineDefinition())
        .put("deterministic", f.getIsDeterministic())
        .put("data_access", f.getSqlDataAccess())
        .put("security_type", f.getSecurityType())
        .put("created_at", Times.iso(f.getCreatedAt()))
        .put("created_by", f.getCreatedBy())
        .put("updated_by", f.getUpdatedBy())
        .put("function_id", f.getFunctionId())
        .map();
  }

  /** SQL, or the external language (PYTHON) for an EXTERNAL routine body. */
  private static String language(FunctionInfo f) {
    if (f.getExternalLanguage() != null && !f.getExternalLanguage().isBlank()) {
      return f.getExternalLanguage().toUpperCase(Locale.ROOT);
    }
    return text(f.getRoutineBody());
  }

  // ---- metastore

  static Map<String, Object> metastore(GetMetastoreSummaryResponse m) {
    return Row.start(m.getName(), null)
        .common(m.getOwner(), null, m.getUpdatedAt(), false)
        .put("metastore_id", m.getMetastoreId())
        .put("global_metastore_id", m.getGlobalMetastoreId())
        .put("cloud", m.getCloud())
        .put("region", m.getRegion())
        .put("storage_root", m.getStorageRoot())
        .put("delta_sharing_scope", m.getDeltaSharingScope())
        .put("created_at", Times.iso(m.getCreatedAt()))
        .put("created_by", m.getCreatedBy())
        .put("updated_by", m.getUpdatedBy())
        .map();
  }

  // ---- grants

  /** Direct grants: {principal, privileges: ["SELECT", ...]}. */
  static Map<String, Object> grant(PrivilegeAssignment a) {
    List<String> privileges = new ArrayList<>();
    if (a.getPrivileges() != null) {
      a.getPrivileges().forEach(p -> privileges.add(text(p)));
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("principal", a.getPrincipal());
    row.put("privileges", privileges);
    return row;
  }

  /**
   * Effective grants: the same {principal, privileges} as direct ones, and for each privilege that
   * comes from a parent, where it comes from: {@code inherited_from: [{privilege, type, name}]}
   * ({@code type} as {@code securable_type} takes it: catalog, schema, ...).
   */
  static Map<String, Object> effectiveGrant(EffectivePrivilegeAssignment a) {
    List<String> privileges = new ArrayList<>();
    List<Map<String, Object>> inherited = new ArrayList<>();
    if (a.getPrivileges() != null) {
      for (EffectivePrivilege p : a.getPrivileges()) {
        String privilege = text(p.getPrivilege());
        if (!privileges.contains(privilege)) {
          privileges.add(privilege);
        }
        if (p.getInheritedFromName() != null && !p.getInheritedFromName().isBlank()) {
          Map<String, Object> from = new LinkedHashMap<>();
          from.put("privilege", privilege);
          from.put(
              "type",
              p.getInheritedFromType() == null
                  ? null
                  : text(p.getInheritedFromType()).toLowerCase(Locale.ROOT));
          from.put("name", p.getInheritedFromName());
          inherited.add(from);
        }
      }
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("principal", a.getPrincipal());
    row.put("privileges", privileges);
    if (!inherited.isEmpty()) {
      row.put("inherited_from", inherited);
    }
    return row;
  }

  // ---- helpers

  static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private static <M extends Map<?, ?>> M emptyToNull(M map) {
    return map == null || map.isEmpty() ? null : map;
  }

  /** An ordered row that leaves out absent values; enums as their names. */
  private static final class Row {
    private final Map<String, Object> out = new LinkedHashMap<>();

    static Row start(String name, String fullName) {
      Row r = new Row();
      r.out.put("name", name);
      if (fullName != null) {
        r.out.put("full_name", fullName);
      }
      return r;
    }

    Row put(String key, Object value) {
      if (value instanceof Enum<?> e) {
        value = e.toString();
      }
      if (value != null && !(value instanceof Collection<?> c && c.isEmpty() && !isList(key))) {
        out.put(key, value);
      }
      return this;
    }

    /** Lists a detail row always shows, even empty (a table without columns is news). */
    private static boolean isList(String key) {
      return key.equals("columns") || key.equals("partitioned_by") || key.equals("parameters");
    }

    /** owner, comment (cut in a compact row), updated_at. */
    Row common(String owner, String comment, Long updatedAt, boolean compact) {
      put("owner", owner);
      if (comment != null) {
        put(
            "comment",
            compact && comment.length() > COMPACT_COMMENT_CHARS
                ? comment.substring(0, COMPACT_COMMENT_CHARS) + "…"
                : comment);
      }
      put("updated_at", Times.iso(updatedAt));
      return this;
    }

    Map<String, Object> map() {
      return out;
    }
  }
}
