package dev.databricksmcp.server.tools.catalog;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.data;
import static dev.databricksmcp.server.testing.SandboxFixture.errorCode;
import static dev.databricksmcp.server.testing.SandboxFixture.items;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.service.catalog.ColumnTypeName;
import com.databricks.sdk.service.catalog.CreateFunction;
import com.databricks.sdk.service.catalog.CreateFunctionParameterStyle;
import com.databricks.sdk.service.catalog.CreateFunctionRequest;
import com.databricks.sdk.service.catalog.CreateFunctionRoutineBody;
import com.databricks.sdk.service.catalog.CreateFunctionSecurityType;
import com.databricks.sdk.service.catalog.CreateFunctionSqlDataAccess;
import com.databricks.sdk.service.catalog.FunctionParameterInfo;
import com.databricks.sdk.service.catalog.FunctionParameterInfos;
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

  @Test
  void catalogsAndSchemasListCompactly() {
    List<Map<String, Object>> catalogs = items(fx.call("list_catalogs", Map.of()));
    assertThat(catalogs).extracting(c -> c.get("name")).contains("main", "samples", "system");
    assertThat(catalogs.get(0)).containsKeys("name", "owner").doesNotContainKey("metastore_id");
    assertThat(items(fx.call("list_catalogs", Map.of("detail", true))).get(0))
        .containsKey("metastore_id");
    assertThat(items(fx.call("list_schemas", Map.of("catalog_name", "samples"))))
        .extracting(s -> s.get("full_name"))
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
      ((List<Map<String, Object>>) page.get("items")).forEach(t -> names.add(t.get("full_name")));
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
        .extracting(t -> t.get("full_name"))
        .containsExactlyInAnyOrder("samples.tpch.part", "samples.tpch.partsupp");
  }

  @Test
  @SuppressWarnings("unchecked")
  void getTableAnswersWhatIsInTheTableInOneCall() {
    Map<String, Object> t =
        data(fx.call("get_table", Map.of("full_name", "samples.nyctaxi.trips")));
    assertThat(t)
        .containsEntry("type", "MANAGED")
        .containsEntry("format", "DELTA")
        .containsKeys("owner", "storage_location", "created_at", "updated_at");
    List<Map<String, Object>> columns = (List<Map<String, Object>>) t.get("columns");
    assertThat(columns).hasSize(6);
    assertThat(columns.get(2))
        .containsEntry("name", "trip_distance")
        .containsEntry("type", "double")
        .containsEntry("comment", "Trip distance in miles")
        .containsEntry("position", 2);
  }

  /**
   * Every get and list answers curated rows: snake_case keys, no epoch numbers, no nested JSON
   * strings or raw SDK objects, and a list row's fields are the get's fields (a get has more, never
   * other names), with or without detail and name_pattern.
   */
  @Test
  @SuppressWarnings("unchecked")
  void listsAndGetsAnswerTheSameCuratedFields() {
    fx.call("create_schema", Map.of("catalog_name", "main", "name", "shapes"));
    fx.call(
        "create_volume", Map.of("catalog_name", "main", "schema_name", "shapes", "name", "shp"));
    fx.adminClient()
        .functions()
        .create(
            new CreateFunctionRequest()
                .setFunctionInfo(
                    new CreateFunction()
                        .setCatalogName("main")
                        .setSchemaName("shapes")
                        .setName("twice")
                        .setComment("x times two")
                        .setInputParams(
                            new FunctionParameterInfos()
                                .setParameters(
                                    List.of(
                                        new FunctionParameterInfo()
                                            .setName("x")
                                            .setTypeName(ColumnTypeName.INT)
                                            .setTypeText("int")
                                            .setPosition(0L))))
                        .setDataType(ColumnTypeName.INT)
                        .setFullDataType("int")
                        .setRoutineBody(CreateFunctionRoutineBody.SQL)
                        .setRoutineDefinition("x * 2")
                        .setParameterStyle(CreateFunctionParameterStyle.S)
                        .setIsDeterministic(true)
                        .setIsNullCall(false)
                        .setSqlDataAccess(CreateFunctionSqlDataAccess.CONTAINS_SQL)
                        .setSecurityType(CreateFunctionSecurityType.DEFINER)
                        .setSpecificName("twice")
                        .setSqlPath("")));
    Map<String, Map<String, Object>> listRowAndGet =
        Map.of(
            "catalog",
            Map.of(
                "list", row(items(fx.call("list_catalogs", Map.of())), "name", "samples"),
                "get", data(fx.call("get_catalog", Map.of("name", "samples")))),
            "schema",
            Map.of(
                "list",
                row(
                    items(fx.call("list_schemas", Map.of("catalog_name", "samples"))),
                    "full_name",
                    "samples.tpch"),
                "get",
                data(fx.call("get_schema", Map.of("full_name", "samples.tpch")))),
            "table",
            Map.of(
                "list",
                row(
                    items(
                        fx.call(
                            "list_tables",
                            Map.of("catalog_name", "samples", "schema_name", "tpch"))),
                    "full_name",
                    "samples.tpch.orders"),
                "get",
                data(fx.call("get_table", Map.of("full_name", "samples.tpch.orders")))),
            "volume",
            Map.of(
                "list",
                row(
                    items(
                        fx.call(
                            "list_volumes",
                            Map.of("catalog_name", "main", "schema_name", "shapes"))),
                    "full_name",
                    "main.shapes.shp"),
                "get",
                data(fx.call("get_volume", Map.of("full_name", "main.shapes.shp")))),
            "function",
            Map.of(
                "list",
                row(
                    items(
                        fx.call(
                            "list_functions",
                            Map.of("catalog_name", "main", "schema_name", "shapes"))),
                    "full_name",
                    "main.shapes.twice"),
                "get",
                data(fx.call("get_function", Map.of("full_name", "main.shapes.twice")))));
    listRowAndGet.forEach(
        (kind, pair) -> {
          Map<String, Object> list = (Map<String, Object>) pair.get("list");
          Map<String, Object> get = (Map<String, Object>) pair.get("get");
          assertCurated(kind + " list row", list);
          assertCurated(kind + " get", get);
          assertThat(get.keySet())
              .as(kind + ": a get has the list's fields")
              .containsAll(list.keySet());
          assertThat(get).as(kind).containsKeys("name", "owner");
        });
    assertThat((Map<String, Object>) listRowAndGet.get("table").get("get"))
        .containsEntry("name", "orders")
        .containsEntry("full_name", "samples.tpch.orders")
        .containsEntry("type", "MANAGED");
    assertThat(data(fx.call("get_metastore", Map.of())))
        .satisfies(m -> assertCurated("metastore", m));

    // detail adds curated fields to the same rows: columns, never type_json
    CallToolResult detailed =
        fx.call(
            "list_tables",
            Map.of("catalog_name", "samples", "schema_name", "tpch", "detail", true));
    List<Map<String, Object>> detailRows = items(detailed);
    assertThat(detailRows).hasSize(8);
    detailRows.forEach(t -> assertCurated("list_tables detail", t));
    Map<String, Object> orders = row(detailRows, "full_name", "samples.tpch.orders");
    assertThat(orders).isEqualTo(listRowAndGet.get("table").get("get"));
    assertThat((List<Map<String, Object>>) orders.get("columns"))
        .allSatisfy(c -> assertThat(c).containsKeys("name", "type", "nullable", "position"));
    assertThat(
            ((io.modelcontextprotocol.spec.McpSchema.TextContent) detailed.content().get(0))
                .text()
                .length())
        .as("8 tables with columns, without SDK passthrough (25,944 bytes before)")
        .isLessThan(16_000);
    for (String kind : List.of("list_catalogs", "list_schemas", "list_volumes", "list_functions")) {
      Map<String, Object> args =
          switch (kind) {
            case "list_catalogs" -> Map.of("detail", true);
            case "list_schemas" -> Map.of("catalog_name", "samples", "detail", true);
            default -> Map.of("catalog_name", "main", "schema_name", "shapes", "detail", true);
          };
      items(fx.call(kind, args)).forEach(r -> assertCurated(kind + " detail", r));
    }

    // a name_pattern returns the same fields as the unfiltered list
    Map<String, Object> filtered =
        items(
                fx.call(
                    "list_tables",
                    Map.of(
                        "catalog_name", "samples", "schema_name", "tpch", "name_pattern", "ord%")))
            .get(0);
    assertThat(filtered).isEqualTo(listRowAndGet.get("table").get("list"));
    assertThat(
            row(
                items(
                    fx.call(
                        "list_tables",
                        Map.of(
                            "catalog_name",
                            "samples",
                            "schema_name",
                            "tpch",
                            "name_pattern",
                            "ord%",
                            "detail",
                            true))),
                "full_name",
                "samples.tpch.orders"))
        .isEqualTo(orders);
    assertThat(
            (String)
                body(fx.call(
                        "list_tables",
                        Map.of(
                            "catalog_name",
                            "samples",
                            "schema_name",
                            "tpch",
                            "name_pattern",
                            "ord%")))
                    .get("message"))
        .isEqualTo("1 table");
    fx.call("delete_schema", Map.of("full_name", "main.shapes", "force", true));
  }

  private static Map<String, Object> row(List<Map<String, Object>> rows, String key, Object value) {
    return rows.stream()
        .filter(r -> value.equals(r.get(key)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row with " + key + "=" + value + " in " + rows));
  }

  /** snake_case keys, ISO times named *_at, no epoch numbers, no nested JSON strings. */
  @SuppressWarnings("unchecked")
  static void assertCurated(String where, Object value) {
    if (value instanceof Map<?, ?> m) {
      m.forEach(
          (k, v) -> {
            String key = (String) k;
            if (!(where.endsWith("properties"))) {
              assertThat(key).as(where + ": snake_case key").matches("[a-z][a-z0-9_]*");
              assertThat(key)
                  .as(where + ": no nested JSON, no bare time names")
                  .isNotIn("type_json", "created", "updated", "lineage_timestamp");
            }
            if (key.endsWith("_at") && v != null) {
              assertThat(v)
                  .as(where + "." + key)
                  .asString()
                  .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
            }
            if (v instanceof Number n && !(where.endsWith("properties"))) {
              assertThat(n.longValue())
                  .as(where + "." + key + ": no epoch")
                  .isLessThan(100_000_000_000L);
            }
            assertCurated(key.equals("properties") ? where + ".properties" : where + "." + key, v);
          });
    } else if (value instanceof List<?> l) {
      l.forEach(e -> assertCurated(where + "[]", e));
    } else if (value instanceof String str && !where.endsWith("properties")) {
      assertThat(str.trim()).as(where + ": no nested JSON").doesNotStartWith("{\"");
    }
  }

  @Test
  void searchRanksExactThenPrefixThenContains() {
    List<Map<String, Object>> found = items(fx.call("search_tables", Map.of("query", "part")));
    assertThat(found)
        .extracting(t -> t.get("full_name"))
        .startsWith("samples.tpch.part", "samples.tpch.partsupp");
    // orders by its name first; lineitem by its column l_orderkey and its comment after it
    List<Map<String, Object>> orders =
        items(fx.call("search_tables", Map.of("query", "order", "catalog_name", "samples")));
    assertThat(orders)
        .extracting(t -> t.get("full_name"))
        .startsWith("samples.tpch.orders")
        .contains("samples.tpch.lineitem");
    assertThat(orders.get(0))
        .containsEntry("name", "orders")
        .containsEntry("type", "MANAGED")
        .containsKey("owner");
  }

  @Test
  @SuppressWarnings("unchecked")
  void searchFindsTablesByCommentColumnsAndSeveralTerms() {
    // by comment only: no name or column says "yellow"
    assertThat(items(fx.call("search_tables", Map.of("query", "yellow"))))
        .singleElement()
        .satisfies(
            t ->
                assertThat(t)
                    .containsEntry("full_name", "samples.nyctaxi.trips")
                    .containsEntry("matched_in", List.of("comment")));
    // by column name, with the columns that matched; every column only on request
    Map<String, Object> byColumn =
        items(fx.call("search_tables", Map.of("query", "pickup_zip", "catalog_name", "samples")))
            .get(0);
    assertThat(byColumn)
        .containsEntry("full_name", "samples.nyctaxi.trips")
        .containsEntry("matched_in", List.of("columns"))
        .containsEntry("matched_columns", List.of("pickup_zip"))
        .doesNotContainKey("columns");
    Map<String, Object> withColumns =
        items(
                fx.call(
                    "search_tables",
                    Map.of("query", "pickup_zip", "catalog_name", "samples", "columns", true)))
            .get(0);
    assertThat((List<Map<String, Object>>) withColumns.get("columns"))
        .extracting(c -> c.get("name"))
        .contains("pickup_zip", "fare_amount");
    // several terms: any matches, the best first; spaces and | alike
    for (String query : List.of("order customer", "order|customer", "ORDER, Customer")) {
      List<Map<String, Object>> found =
          items(fx.call("search_tables", Map.of("query", query, "catalog_name", "samples")));
      assertThat(found)
          .as(query)
          .extracting(t -> t.get("full_name"))
          .startsWith("samples.tpch.customer", "samples.tpch.orders")
          .contains("samples.tpch.lineitem");
    }
    CallToolResult r = fx.call("search_tables", Map.of("query", "yellow"));
    assertThat((String) body(r).get("message")).startsWith("1 match in ");
  }

  @Test
  void searchErrorsNameItsOwnFields() {
    for (Object bad : List.of("   ", "%", "| ,", "x".repeat(501))) {
      CallToolResult r = fx.call("search_tables", Map.of("query", bad));
      assertThat(errorCode(r)).as(String.valueOf(bad)).isEqualTo("VALIDATION_ERROR");
      assertThat((String) body(r).get("error")).as(String.valueOf(bad)).startsWith("query:");
    }
    assertThat(
            errorCode(
                fx.call("search_tables", Map.of("query", "order", "catalog_name", "nope_nope"))))
        .isEqualTo("NOT_FOUND");
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
        .extracting(v -> v.get("full_name"))
        .containsExactly("main.default.files");
    assertThat(data(fx.call("get_volume", Map.of("full_name", "main.default.files"))).get("type"))
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
            items(
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
                        List.of("select")))))
        .containsExactly(
            Map.of("principal", "analyst@sandbox.local", "privileges", List.of("SELECT")));
    CallToolResult grants =
        fx.call(
            "get_grants", Map.of("securable_type", "table", "full_name", "main.default.granted"));
    assertThat(items(grants))
        .containsExactly(
            Map.of("principal", "analyst@sandbox.local", "privileges", List.of("SELECT")));
    assertThat(body(grants)).containsEntry("count", 1);
    assertThat((String) body(grants).get("message"))
        .isEqualTo("1 principal holds direct grants on main.default.granted.");
    List<Map<String, Object>> effective =
        items(
            fx.call(
                "get_effective_grants",
                Map.of(
                    "securable_type",
                    "table",
                    "full_name",
                    "main.default.granted",
                    "principal",
                    "analyst@sandbox.local")));
    // privileges are strings in both tools; where inherited ones come from is said per privilege
    assertThat((List<Object>) effective.get(0).get("privileges"))
        .contains("SELECT", "USE_CATALOG")
        .allMatch(p -> p instanceof String);
    assertThat((List<Map<String, Object>>) effective.get(0).get("inherited_from"))
        .contains(Map.of("privilege", "USE_CATALOG", "type", "catalog", "name", "main"))
        .noneMatch(i -> "SELECT".equals(i.get("privilege")));
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
    CallToolResult r = fx.call("get_table_lineage", Map.of("full_name", "main.default.lin_a"));
    Map<String, Object> lineage = data(r);
    List<Map<String, Object>> up = (List<Map<String, Object>>) lineage.get("upstreams");
    List<Map<String, Object>> down = (List<Map<String, Object>>) lineage.get("downstreams");
    assertThat(up).hasSize(1);
    assertThat(down).hasSize(1);
    // curated: snake_case, get_table's type vocabulary, ISO-8601 UTC, statement ids
    assertThat(up.get(0))
        .containsEntry("full_name", "samples.nyctaxi.trips")
        .containsEntry("name", "trips")
        .containsEntry("type", "MANAGED")
        .doesNotContainKeys("tableInfo", "table_info", "queryInfos", "table_type");
    assertThat((String) up.get(0).get("lineage_at"))
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
    assertThat((List<Map<String, Object>>) up.get(0).get("queries"))
        .isNotEmpty()
        .allSatisfy(q -> assertThat(q).containsKeys("statement_id", "lineage_at"));
    assertCurated("get_table_lineage", lineage);
    assertThat(down.get(0)).containsEntry("full_name", "main.default.lin_b");
    assertThat((String) body(r).get("message"))
        .isEqualTo("main.default.lin_a: 1 upstream table, 1 downstream table.");
    Map<String, Object> cols =
        data(
            fx.call(
                "get_column_lineage",
                Map.of("full_name", "main.default.lin_a", "column_name", "pickup_zip")));
    assertThat((List<Map<String, Object>>) cols.get("upstreams"))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c)
                    .containsEntry("name", "pickup_zip")
                    .containsEntry("table_full_name", "samples.nyctaxi.trips")
                    .containsEntry("table_type", "MANAGED")
                    .containsKey("lineage_at"));
    assertThat((List<Map<String, Object>>) cols.get("downstreams"))
        .extracting(c -> c.get("table_full_name"))
        .containsExactly("main.default.lin_b");
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
