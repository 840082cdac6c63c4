package dev.databricksmcp.sandbox.data;

import dev.databricksmcp.sandbox.sql.Warehouses;
import dev.databricksmcp.sandbox.uc.SampleModels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a new sandbox workspace holds, said once for whoever connects to it (get_workspace_info), so
 * that a model can start without exploring: the schemas and tables {@link WorkspaceSetup} and
 * {@link SampleData} create, the registered models of {@link SampleModels}, the warehouses {@link
 * Warehouses} starts with, and the SQL helpers the sandbox adds ({@code sandbox_sleep}). {@code
 * SandboxContentsTest} holds this to what a new sandbox really has.
 */
public final class SandboxContents {
  /** A schema of a new sandbox and its tables (none for a schema to create tables in). */
  public record SampleSchema(String fullName, String comment, List<String> tables) {}

  /** A SQL function the sandbox adds to Databricks SQL, for testing. */
  public record Helper(String call, String description) {}

  /** The schemas and tables of a new sandbox, as {@link WorkspaceSetup} creates them. */
  public static final List<SampleSchema> SCHEMAS =
      List.of(
          new SampleSchema(
              "samples.nyctaxi",
              "New York City taxi trips (January-February 2016), read-only",
              List.of("trips")),
          new SampleSchema(
              "samples.tpch",
              "TPC-H benchmark data at a tiny scale, read-only",
              List.of(
                  "customer",
                  "lineitem",
                  "nation",
                  "orders",
                  "part",
                  "partsupp",
                  "region",
                  "supplier")),
          new SampleSchema(
              "samples.bakehouse",
              "Customer reviews of a bakery chain (text for vector search), read-only",
              List.of("media_customer_reviews")),
          new SampleSchema(
              "main.default",
              "Writable: create your own tables, views and volumes here",
              List.of()),
          new SampleSchema(
              "system.access",
              "Table lineage of the statements run here",
              List.of("table_lineage")),
          new SampleSchema(
              "system.query", "History of the statements run here", List.of("history")));

  /** The sandbox's own SQL helpers. */
  public static final List<Helper> HELPERS =
      List.of(
          new Helper(
              "sandbox_sleep(seconds)",
              "Keeps a statement RUNNING that long and returns the number (SELECT"
                  + " sandbox_sleep(30)): to try long queries, timeouts, get_statement and"
                  + " cancel_statement"));

  private SandboxContents() {}

  /** All of it as plain data (snake_case keys). */
  public static Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(
        "sample_data",
        SCHEMAS.stream()
            .map(
                s -> {
                  Map<String, Object> row = new LinkedHashMap<>();
                  row.put("schema", s.fullName());
                  row.put("comment", s.comment());
                  row.put("tables", s.tables());
                  return row;
                })
            .toList());
    out.put(
        "registered_models",
        SampleModels.ALL.stream()
            .map(
                m -> {
                  Map<String, Object> row = new LinkedHashMap<>();
                  row.put("full_name", m.fullName());
                  row.put("comment", m.comment());
                  row.put("versions", m.versionComments().size());
                  row.put("aliases", new java.util.TreeMap<>(m.aliases()));
                  return row;
                })
            .toList());
    out.put(
        "sql_helpers",
        HELPERS.stream()
            .map(h -> Map.of("call", h.call(), "description", h.description()))
            .toList());
    out.put(
        "warehouses",
        List.of(
            Map.of(
                "id",
                Warehouses.STARTER_ID,
                "name",
                Warehouses.STARTER_NAME,
                "initial_state",
                "RUNNING"),
            Map.of(
                "id",
                Warehouses.ANALYTICS_ID,
                "name",
                Warehouses.ANALYTICS_NAME,
                "initial_state",
                "STOPPED")));
    return out;
  }
}
