package dev.databricksmcp.sandbox.uc;

import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.engine.DuckDbEngine;
import dev.databricksmcp.sandbox.engine.Sql;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.http.Router;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lineage-tracking API the Databricks UI uses: immediate upstream and downstream tables of a
 * table, with the queries that connected them ({@code include_entity_lineage}), from {@code
 * system.access.table_lineage}. Arguments come as query parameters or a JSON body, as clients send
 * both.
 */
public final class LineageApi implements ApiModule {
  private final DuckDbEngine engine;
  private final Metastore metastore;

  public LineageApi(DuckDbEngine engine, Metastore metastore) {
    this.engine = engine;
    this.metastore = metastore;
  }

  @Override
  public void register(Router router) {
    router.get("/api/2.0/lineage-tracking/table-lineage", this::tableLineage);
    router.get("/api/2.0/lineage-tracking/column-lineage", this::columnLineage);
  }

  /**
   * Column lineage, as the sandbox can know it: along each table-lineage edge, a column of the same
   * name on the other side (the sandbox does not analyse expressions).
   */
  private Map<String, Object> columnLineage(ApiRequest r) throws Exception {
    Map<String, Object> body =
        r.body().length == 0 ? Map.of() : Json.MAPPER.readValue(r.body(), Map.class);
    String table = r.queryParam("table_name").orElse((String) body.get("table_name"));
    String column = r.queryParam("column_name").orElse((String) body.get("column_name"));
    if (table == null || column == null) {
      throw ApiException.invalid("Missing required field: table_name and column_name");
    }
    String[] parts = table.toLowerCase(java.util.Locale.ROOT).split("\\.");
    if (parts.length != 3) {
      throw ApiException.invalid("table_name must be a three-part name catalog.schema.table");
    }
    com.databricks.sdk.service.catalog.TableInfo info =
        metastore.requireTable(parts[0], parts[1], parts[2]);
    if (info.getColumns().stream().noneMatch(c -> c.getName().equalsIgnoreCase(column))) {
      throw new ApiException(
          dev.databricksmcp.sandbox.http.ErrorCode.RESOURCE_DOES_NOT_EXIST,
          "Column '" + column + "' does not exist in " + table + ".");
    }
    String full = String.join(".", parts);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(
        "upstream_cols", columns(full, "target_table_full_name", "source_table_full_name", column));
    out.put(
        "downstream_cols",
        columns(full, "source_table_full_name", "target_table_full_name", column));
    return out;
  }

  private List<Map<String, Object>> columns(
      String table, String self, String other, String column) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> row :
        Sql.query(
            engine,
            "SELECT DISTINCT "
                + other
                + " AS other, max(event_time) AS at FROM uc_system.access.table_lineage WHERE "
                + self
                + " = ? GROUP BY 1 ORDER BY 1",
            table)) {
      String[] p = ((String) row.get("other")).split("\\.");
      boolean has;
      try {
        has =
            metastore.requireTable(p[0], p[1], p[2]).getColumns().stream()
                .anyMatch(c -> c.getName().equalsIgnoreCase(column));
      } catch (ApiException e) {
        has = false; // the other table is gone
      }
      if (has) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", column);
        c.put("catalog_name", p[0]);
        c.put("schema_name", p[1]);
        c.put("table_name", p[2]);
        c.put("table_type", "TABLE");
        c.put("lineage_timestamp", String.valueOf(row.get("at")));
        out.add(c);
      }
    }
    return out;
  }

  private Map<String, Object> tableLineage(ApiRequest r) throws Exception {
    Map<String, Object> body =
        r.body().length == 0 ? Map.of() : Json.MAPPER.readValue(r.body(), Map.class);
    String table = r.queryParam("table_name").orElse((String) body.get("table_name"));
    if (table == null || table.isBlank()) {
      throw ApiException.invalid("Missing required field: table_name");
    }
    String[] parts = table.toLowerCase(java.util.Locale.ROOT).split("\\.");
    if (parts.length != 3) {
      throw ApiException.invalid("table_name must be a three-part name catalog.schema.table");
    }
    metastore.requireTable(parts[0], parts[1], parts[2]);
    boolean entities =
        r.queryParam("include_entity_lineage")
            .map(Boolean::parseBoolean)
            .orElse(Boolean.parseBoolean(String.valueOf(body.get("include_entity_lineage"))));
    String full = String.join(".", parts);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("upstreams", edges(full, "target_table_full_name", "source_table_full_name", entities));
    out.put(
        "downstreams", edges(full, "source_table_full_name", "target_table_full_name", entities));
    return out;
  }

  private List<Map<String, Object>> edges(
      String table, String self, String other, boolean entities) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> row :
        Sql.query(
            engine,
            "SELECT "
                + other
                + " AS other, max(event_time) AS at, list(DISTINCT statement_id) AS queries "
                + "FROM uc_system.access.table_lineage WHERE "
                + self
                + " = ? GROUP BY "
                + other
                + " ORDER BY other",
            table)) {
      String[] p = ((String) row.get("other")).split("\\.");
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("name", p[2]);
      info.put("catalog_name", p[0]);
      info.put("schema_name", p[1]);
      info.put("table_type", "TABLE");
      info.put("lineage_timestamp", String.valueOf(row.get("at")));
      Map<String, Object> edge = new LinkedHashMap<>();
      edge.put("tableInfo", info);
      if (entities) {
        List<Map<String, Object>> queries = new ArrayList<>();
        Object ids = row.get("queries");
        Object[] values = ids instanceof java.sql.Array a ? asArray(a) : new Object[0];
        for (Object id : values) {
          queries.add(
              Map.of(
                  "workspace_id",
                  Long.parseLong(Identities.WORKSPACE_ID),
                  "query_id",
                  String.valueOf(id),
                  "lineage_timestamp",
                  String.valueOf(row.get("at"))));
        }
        edge.put("queryInfos", queries);
      }
      out.add(edge);
    }
    return out;
  }

  private static Object[] asArray(java.sql.Array a) {
    try {
      return (Object[]) a.getArray();
    } catch (java.sql.SQLException e) {
      return new Object[0];
    }
  }
}
