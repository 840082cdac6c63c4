package dev.databricksmcp.server.tools.catalog;

import dev.databricksmcp.server.core.ToolContext;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The lineage-tracking API's answer (camelCase {@code tableInfo} / {@code queryInfos}, the lineage
 * vocabulary {@code TABLE}, times like {@code 2026-12-01 05:34:24.682}) turned into curated rows:
 * snake_case keys, table types as get_table says them ({@code MANAGED}, {@code EXTERNAL}, {@code
 * VIEW}, ...), times as {@code lineage_at} in ISO-8601 UTC, statement ids as {@code statement_id}.
 */
final class LineageRows {
  /**
   * Related tables whose type is looked up (get_table, cached); beyond, the lineage type stands.
   */
  static final int TYPE_LOOKUPS = 50;

  /** How the related table's type is found: its TableInfo type, or null when it cannot be read. */
  @FunctionalInterface
  interface TableTypes {
    String of(String fullName);
  }

  private LineageRows() {}

  /** The type lookup through get_table's cache entry: null for a table gone or not readable. */
  static TableTypes lookup(MetadataCache cache, ToolContext ctx) {
    int[] budget = {TYPE_LOOKUPS};
    return fullName -> {
      if (budget[0]-- <= 0) {
        return null;
      }
      try {
        Object type =
            cache
                .get(ctx, new CacheKey.Table(fullName), () -> TableTools.read(ctx, fullName))
                .getTableType();
        return type == null ? null : type.toString();
      } catch (Exception e) {
        return null;
      }
    };
  }

  /** One table-lineage edge list ({@code upstreams} or {@code downstreams}) as rows. */
  static List<Map<String, Object>> tables(Object edges, TableTypes types) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> edge : maps(edges)) {
      Map<String, Object> table = map(first(edge, "tableInfo", "table_info"));
      Map<String, Object> file = map(first(edge, "fileInfo", "file_info"));
      Map<String, Object> row = new LinkedHashMap<>();
      if (!table.isEmpty()) {
        String catalog = str(table.get("catalog_name"));
        String schema = str(table.get("schema_name"));
        String name = str(table.get("name"));
        String fullName = catalog + "." + schema + "." + name;
        row.put("name", name);
        row.put("full_name", fullName);
        putIfPresent(row, "type", type(str(table.get("table_type")), fullName, types));
        putIfPresent(row, "lineage_at", iso(table.get("lineage_timestamp")));
        copyRest(
            table,
            row,
            List.of("name", "catalog_name", "schema_name", "table_type", "lineage_timestamp"));
      } else if (!file.isEmpty()) {
        putIfPresent(row, "path", str(file.get("path")));
        row.put("type", "PATH");
        putIfPresent(row, "lineage_at", iso(file.get("lineage_timestamp")));
        copyRest(file, row, List.of("path", "lineage_timestamp"));
      } else {
        continue;
      }
      entities(edge, row, "queries", "queryInfos", "query_infos");
      entities(edge, row, "notebooks", "notebookInfos", "notebook_infos");
      entities(edge, row, "jobs", "jobInfos", "job_infos");
      entities(edge, row, "dashboards", "dashboardInfos", "dashboard_infos");
      entities(edge, row, "pipelines", "pipelineInfos", "pipeline_infos");
      rows.add(row);
    }
    return rows;
  }

  /** One column-lineage list ({@code upstream_cols} or {@code downstream_cols}) as rows. */
  static List<Map<String, Object>> columns(Object cols, TableTypes types) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> col : maps(cols)) {
      String table =
          str(col.get("catalog_name"))
              + "."
              + str(col.get("schema_name"))
              + "."
              + str(col.get("table_name"));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", str(col.get("name")));
      row.put("table_full_name", table);
      putIfPresent(row, "table_type", type(str(col.get("table_type")), table, types));
      putIfPresent(row, "lineage_at", iso(col.get("lineage_timestamp")));
      copyRest(
          col,
          row,
          List.of(
              "name",
              "catalog_name",
              "schema_name",
              "table_name",
              "table_type",
              "lineage_timestamp"));
      rows.add(row);
    }
    return rows;
  }

  /**
   * The type as get_table says it. The lineage API says TABLE for managed and external alike, so a
   * TABLE is looked up; its view types read as get_table's.
   */
  static String type(String lineageType, String fullName, TableTypes types) {
    String looked = types.of(fullName);
    if (looked != null) {
      return looked;
    }
    if (lineageType == null) {
      return null;
    }
    return switch (lineageType.toUpperCase(Locale.ROOT)) {
      case "TABLE" -> null; // managed or external: not known without the table
      case "PERSISTED_VIEW", "VIEW" -> "VIEW";
      default -> lineageType.toUpperCase(Locale.ROOT);
    };
  }

  /**
   * A lineage time as ISO-8601 UTC: the API's {@code 2026-12-01 05:34:24.682} (UTC, no zone), ISO
   * with a zone, or epoch milliseconds; null when it is none of these.
   */
  static String iso(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number n) {
      return Instant.ofEpochMilli(n.longValue()).toString();
    }
    String s = value.toString().trim();
    if (s.isEmpty()) {
      return null;
    }
    if (s.matches("\\d{10,}")) {
      return Instant.ofEpochMilli(Long.parseLong(s)).toString();
    }
    String t = s.replace(' ', 'T');
    try {
      return OffsetDateTime.parse(t).toInstant().toString();
    } catch (DateTimeParseException e) {
      // no zone: the lineage API's times are UTC
    }
    try {
      return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toString();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** queryInfos and the like: snake_case keys, query_id as statement_id, times as lineage_at. */
  private static void entities(
      Map<String, Object> edge, Map<String, Object> row, String as, String... keys) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> e : maps(first(edge, keys))) {
      Map<String, Object> entity = new LinkedHashMap<>();
      e.forEach(
          (k, v) -> {
            String key = snake(k);
            if (key.equals("workspace_id")) {
              return; // the workspace the model already works in; a 16-digit number reads as epoch
            } else if (key.equals("query_id")) {
              entity.put("statement_id", str(v));
            } else if (key.equals("lineage_timestamp")) {
              putIfPresent(entity, "lineage_at", iso(v));
            } else if (!(v instanceof Map<?, ?>) && !(v instanceof List<?>)) {
              putIfPresent(entity, key, v);
            }
          });
      out.add(entity);
    }
    if (!out.isEmpty()) {
      row.put(as, out);
    }
  }

  /** Fields the API may add (has_permission, ...): scalars kept, snake_case. */
  private static void copyRest(
      Map<String, Object> from, Map<String, Object> to, List<String> done) {
    from.forEach(
        (k, v) -> {
          String key = snake(k);
          if (!done.contains(key)
              && !(v instanceof Map<?, ?>)
              && !(v instanceof List<?>)
              && !key.endsWith("timestamp")) {
            putIfPresent(to, key, v);
          }
        });
  }

  static String snake(String key) {
    return key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  private static Object first(Map<String, Object> m, String... keys) {
    for (String k : keys) {
      if (m.get(k) != null) {
        return m.get(k);
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> maps(Object list) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (list instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof Map<?, ?> m) {
          out.add((Map<String, Object>) m);
        }
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }

  private static void putIfPresent(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }
}
