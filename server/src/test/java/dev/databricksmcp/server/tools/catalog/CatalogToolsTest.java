package dev.databricksmcp.server.tools.catalog;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.data;
import static dev.databricksmcp.server.testing.SandboxFixture.errorCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.server.testing.SandboxFixture;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The catalog toolset against the sandbox: browse, describe, search, preview, govern, lineage,
 * cache.
 */
@Timeout(120)
class CatalogToolsTest {
  private static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> items(CallToolResult r) {
    assertThat(r.isError()).as(String.valueOf(body(r))).isFalse();
    return (List<Map<String, Object>>) data(r).get("items");
  }

  @Test
  void catalogsAndSchemasListCompactly() {
    List<Map<String, Object>> catalogs = items(fx.call("list_catalogs", Map.of()));
    assertThat(catalogs).extracting(c -> c.get("name")).contains("main", "samples", "system");
    assertThat(catalogs.get(0)).containsKeys("name", "owner").doesNotContainKey("metastore_id");
    assertThat(items(fx.call("list_catalogs", Map.of("detail", true))).get(0))
        .containsKey("metastore_id");
    assertThat(items(fx.call("list_schemas", Map.of("catalog_name", "samples"))))
        .extracting(s -> s.get("name"))
        .contains("samples.tpch");
    assertThat(data(fx.call("get_schema", Map.of("full_name", "samples.tpch"))).get("comment"))
        .asString()
        .contains("TPC-H");
    assertThat(data(fx.call("get_metastore", Map.of())).get("metastore_id")).isNotNull();
  }

  @Test
  void tablesPageAcrossSeveralPagesWithTheApisToken() {
    List<Object> names = new ArrayList<>();
    Map<String, Object> page =
        data(
            fx.call(
                "list_tables",
                Map.of("catalog_name", "samples", "schema_name", "tpch", "max_results", 3)));
    int pages = 1;
    while (true) {
      ((List<Map<String, Object>>) page.get("items")).forEach(t -> names.add(t.get("name")));
      Object token = page.get("next_page_token");
      if (token == null) {
        break;
      }
      page =
          data(
              fx.call(
                  "list_tables",
                  Map.of(
                      "catalog_name",
                      "samples",
                      "schema_name",
                      "tpch",
                      "max_results",
                      3,
                      "page_token",
                      token)));
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(names).hasSize(8).contains("samples.tpch.orders");
    assertThat(
            items(
                fx.call(
                    "list_tables",
                    Map.of(
                        "catalog_name",
                        "samples",
                        "schema_name",
                        "tpch",
                        "name_pattern",
                        "part%"))))
        .extracting(t -> t.get("name"))
        .containsExactlyInAnyOrder("samples.tpch.part", "samples.tpch.partsupp");
  }

  @Test
  @SuppressWarnings("unchecked")
  void getTableAnswersWhatIsInTheTableInOneCall() {
    Map<String, Object> t =
        data(fx.call("get_table", Map.of("full_name", "samples.nyctaxi.trips")));
    assertThat(t)
        .containsEntry("table_type", "MANAGED")
        .containsEntry("format", "DELTA")
        .containsKeys("owner", "storage_location", "created", "updated");
    List<Map<String, Object>> columns = (List<Map<String, Object>>) t.get("columns");
    assertThat(columns).hasSize(6);
    assertThat(columns.get(2))
        .containsEntry("name", "trip_distance")
        .containsEntry("type", "double")
        .containsEntry("comment", "Trip distance in miles");
  }

  @Test
  void searchRanksExactThenPrefixThenContains() {
    List<Map<String, Object>> found = items(fx.call("search_tables", Map.of("query", "part")));
    assertThat(found)
        .extracting(t -> t.get("full_name"))
        .startsWith("samples.tpch.part", "samples.tpch.partsupp");
    assertThat(items(fx.call("search_tables", Map.of("query", "order", "catalog_name", "samples"))))
        .extracting(t -> t.get("full_name"))
        .containsExactly("samples.tpch.orders");
  }

  @Test
  @SuppressWarnings("unchecked")
  void previewShowsTheFirstRowsWithAColumnLimit() {
    CallToolResult r =
        fx.call(
            "preview_table",
            Map.of("full_name", "samples.tpch.region", "rows", 3, "max_columns", 2));
    Map<String, Object> d = data(r);
    assertThat((List<?>) d.get("rows")).hasSize(3);
    assertThat((List<?>) d.get("columns")).hasSize(2);
    assertThat(d).containsEntry("columns_total", 3);
    assertThat((String) body(r).get("message")).contains("Showing 2 of 3 columns");
  }

  @Test
  void notFoundPermissionDeniedAndValidationErrors() {
    assertThat(errorCode(fx.call("get_table", Map.of("full_name", "main.default.nope"))))
        .isEqualTo("NOT_FOUND");
    assertThat(errorCode(fx.call("get_catalog", Map.of("name", "nope")))).isEqualTo("NOT_FOUND");
    assertThat(
            errorCode(
                fx.call(
                    "get_catalog",
                    Map.of("name", "main"),
                    Identities.SERVICE_PRINCIPAL_TOKEN,
                    false)))
        .isEqualTo("PERMISSION_DENIED");
    CallToolResult bad = fx.call("get_table", Map.of("full_name", "main.default"));
    assertThat(errorCode(bad)).isEqualTo("VALIDATION_ERROR");
    assertThat((String) body(bad).get("error")).startsWith("full_name:");
    assertThat(errorCode(fx.call("get_table", Map.of("full_name", "main.default.t/../x"))))
        .isEqualTo("VALIDATION_ERROR");
    assertThat(errorCode(fx.call("create_schema", Map.of("catalog_name", "samples", "name", "x"))))
        .isEqualTo("PERMISSION_DENIED");
  }

  /**
   * Unity Catalog allows '?', '#', '%', '&', '+' and non-ASCII letters in names; each must reach
   * the right object through a URL path (the SDK does not encode path parameters), never another
   * API.
   */
  @Test
  void namesWithUrlCharactersReachTheirOwnObject() {
    String odd = "odd?#%25&+=é";
    CallToolResult created = fx.call("create_schema", Map.of("catalog_name", "main", "name", odd));
    assertThat(created.isError()).as(String.valueOf(body(created))).isFalse();
    assertThat(data(fx.call("get_schema", Map.of("full_name", "main.`" + odd + "`"))))
        .containsEntry("full_name", "main." + odd);
    assertThat(
            data(
                fx.call(
                    "update_schema",
                    Map.of("full_name", "main." + odd, "comment", "found by its encoded path"))))
        .containsEntry("comment", "found by its encoded path");
    // a name that is the prefix of the odd one must not be reached by it
    assertThat(errorCode(fx.call("get_schema", Map.of("full_name", "main.odd"))))
        .isEqualTo("NOT_FOUND");
    CallToolResult deleted = fx.call("delete_schema", Map.of("full_name", "main." + odd));
    assertThat(deleted.isError()).as(String.valueOf(body(deleted))).isFalse();
    assertThat(errorCode(fx.call("get_schema", Map.of("full_name", "main." + odd))))
        .isEqualTo("NOT_FOUND");
  }

  @Test
  void aValueLongerThanAnyNameIsRefusedBeforeItBecomesAUrl() {
    CallToolResult r =
        fx.call(
            "list_tables",
            Map.of(
                "catalog_name",
                "samples",
                "schema_name",
                "tpch",
                "name_pattern",
                "x".repeat(10_000)));
    assertThat(errorCode(r)).isEqualTo("VALIDATION_ERROR");
    assertThat(body(r).get("error")).asString().startsWith("name_pattern:").contains("too long");
    assertThat(errorCode(fx.call("get_schema", Map.of("full_name", "main.my name"))))
        .isEqualTo("VALIDATION_ERROR");
    assertThat(errorCode(fx.call("get_table", Map.of("full_name", "a.b; DROP.c"))))
        .isEqualTo("VALIDATION_ERROR");
  }

  @Test
  void writesWorkAndInvalidateTheCache() {
    fx.call("create_catalog", Map.of("name", "cachecat", "comment", "first"));
    assertThat(data(fx.call("get_catalog", Map.of("name", "cachecat"))).get("comment"))
        .isEqualTo("first");
    long hitsBefore = fx.cache.hits();
    assertThat(data(fx.call("get_catalog", Map.of("name", "cachecat"))).get("comment"))
        .isEqualTo("first");
    assertThat(fx.cache.hits()).isEqualTo(hitsBefore + 1);

    fx.call("update_catalog", Map.of("name", "cachecat", "comment", "second"));
    assertThat(data(fx.call("get_catalog", Map.of("name", "cachecat"))).get("comment"))
        .isEqualTo("second");

    fx.call(
        "create_schema", Map.of("catalog_name", "cachecat", "name", "s1", "comment", "a schema"));
    fx.call("update_schema", Map.of("full_name", "cachecat.s1", "comment", "renamed comment"));
    assertThat(data(fx.call("get_schema", Map.of("full_name", "cachecat.s1"))).get("comment"))
        .isEqualTo("renamed comment");
    fx.call("execute_sql", Map.of("statement", "CREATE TABLE cachecat.s1.t AS SELECT 1 AS x"));
    // not empty: the schema's state forbids the delete (INVALID_STATE), which is a conflict, not
    // bad input
    assertThat(errorCode(fx.call("delete_schema", Map.of("full_name", "cachecat.s1"))))
        .isEqualTo("CONFLICT");
    assertThat(fx.call("delete_table", Map.of("full_name", "cachecat.s1.t")).isError()).isFalse();
    assertThat(errorCode(fx.call("get_table", Map.of("full_name", "cachecat.s1.t"))))
        .isEqualTo("NOT_FOUND");
    assertThat(fx.call("delete_catalog", Map.of("name", "cachecat", "force", true)).isError())
        .isFalse();
    assertThat(errorCode(fx.call("get_catalog", Map.of("name", "cachecat"))))
        .isEqualTo("NOT_FOUND");
  }

  @Test
  void volumesAndFunctions() {
    assertThat(
            fx.call(
                    "create_volume",
                    Map.of("catalog_name", "main", "schema_name", "default", "name", "files"))
                .isError())
        .isFalse();
    assertThat(
            items(
                fx.call("list_volumes", Map.of("catalog_name", "main", "schema_name", "default"))))
        .extracting(v -> v.get("name"))
        .containsExactly("main.default.files");
    assertThat(
            data(fx.call("get_volume", Map.of("full_name", "main.default.files")))
                .get("volume_type"))
        .isEqualTo("MANAGED");
    assertThat(
            errorCode(
                fx.call(
                    "create_volume",
                    Map.of(
                        "catalog_name",
                        "main",
                        "schema_name",
                        "default",
                        "name",
                        "ext",
                        "volume_type",
                        "external"))))
        .isEqualTo("VALIDATION_ERROR");
    assertThat(fx.call("delete_volume", Map.of("full_name", "main.default.files")).isError())
        .isFalse();
    assertThat(
            items(
                fx.call(
                    "list_functions", Map.of("catalog_name", "main", "schema_name", "default"))))
        .isEmpty();
    assertThat(errorCode(fx.call("get_function", Map.of("full_name", "main.default.nope"))))
        .isEqualTo("NOT_FOUND");
  }

  @Test
  @SuppressWarnings("unchecked")
  void grantsAreReadAndUpdated() {
    fx.call(
        "execute_sql", Map.of("statement", "CREATE TABLE main.default.granted AS SELECT 1 AS x"));
    assertThat(
            errorCode(
                fx.call(
                    "preview_table",
                    Map.of("full_name", "main.default.granted"),
                    Identities.USER_TOKEN,
                    false)))
        .isEqualTo("PERMISSION_DENIED");
    assertThat(
            fx.call(
                    "update_grants",
                    Map.of(
                        "securable_type",
                        "table",
                        "full_name",
                        "main.default.granted",
                        "principal",
                        "analyst@sandbox.local",
                        "add",
                        List.of("select")))
                .isError())
        .isFalse();
    List<Object> direct =
        (List<Object>)
            body(fx.call(
                    "get_grants",
                    Map.of("securable_type", "table", "full_name", "main.default.granted")))
                .get("data");
    assertThat(direct).hasSize(1);
    List<Map<String, Object>> effective =
        (List<Map<String, Object>>)
            body(fx.call(
                    "get_effective_grants",
                    Map.of(
                        "securable_type",
                        "table",
                        "full_name",
                        "main.default.granted",
                        "principal",
                        "analyst@sandbox.local")))
                .get("data");
    assertThat(effective.get(0).get("privileges").toString())
        .contains("SELECT")
        .contains("USE_CATALOG");
    assertThat(
            fx.call(
                    "preview_table",
                    Map.of("full_name", "main.default.granted"),
                    Identities.USER_TOKEN,
                    false)
                .isError())
        .isFalse();
    assertThat(
            errorCode(
                fx.call(
                    "update_grants",
                    Map.of(
                        "securable_type",
                        "table",
                        "full_name",
                        "main.default.granted",
                        "principal",
                        "x",
                        "add",
                        List.of("FLY")))))
        .isEqualTo("VALIDATION_ERROR");
  }

  @Test
  @SuppressWarnings("unchecked")
  void lineageUpstreamDownstreamAndColumns() {
    fx.call(
        "execute_sql",
        Map.of(
            "statement",
            "CREATE TABLE main.default.lin_a AS SELECT pickup_zip, fare_amount FROM"
                + " samples.nyctaxi.trips"));
    fx.call(
        "execute_sql",
        Map.of(
            "statement",
            "CREATE TABLE main.default.lin_b AS SELECT pickup_zip, sum(fare_amount) AS total FROM"
                + " main.default.lin_a GROUP BY 1"));
    Map<String, Object> lineage =
        data(fx.call("get_table_lineage", Map.of("full_name", "main.default.lin_a")));
    assertThat((List<?>) lineage.get("upstreams")).hasSize(1);
    assertThat((List<?>) lineage.get("downstreams")).hasSize(1);
    assertThat(lineage.get("upstreams").toString()).contains("trips").contains("queryInfos");
    Map<String, Object> cols =
        data(
            fx.call(
                "get_column_lineage",
                Map.of("full_name", "main.default.lin_a", "column_name", "pickup_zip")));
    assertThat(cols.get("upstream_cols").toString()).contains("trips");
    assertThat(cols.get("downstream_cols").toString()).contains("lin_b");
  }

  @Test
  void readOnlyModeHidesAndRefusesWrites() {
    assertThatThrownBy(
            () ->
                fx.call(
                    "delete_table",
                    Map.of("full_name", "main.default.x"),
                    Identities.ADMIN_TOKEN,
                    true))
        .hasMessageContaining("not available in read-only mode");
    assertThat(fx.call("list_catalogs", Map.of(), Identities.ADMIN_TOKEN, true).isError())
        .isFalse();
  }
}
