package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.sql;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.service.catalog.ExistsRequest;
import com.databricks.sdk.service.catalog.GetTableRequest;
import com.databricks.sdk.service.catalog.ListSchemasRequest;
import com.databricks.sdk.service.catalog.ListSummariesRequest;
import com.databricks.sdk.service.catalog.ListTablesRequest;
import com.databricks.sdk.service.catalog.SchemaInfo;
import com.databricks.sdk.service.catalog.TableInfo;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Identities;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Unity Catalog tables, table existence, table summaries and the metastore summary against the API
 * reference (index: https://docs.databricks.com/api/uc-tables/v1/table.md and
 * https://docs.databricks.com/api/uc-tables/v1.md) and the OpenAPI spec's request rules as the Go
 * SDK carries them ({@code ListTablesRequest}: {@code catalog_name} and {@code schema_name}
 * required; {@code ListSummariesRequest}: {@code catalog_name} required).
 */
@Timeout(120)
@ExtendWith(SharedSandbox.class)
class TablesContractTest {
  private static final String BASE = "/api/2.1/unity-catalog";
  private static final JsonShape TABLE =
      JsonShape.named("TableInfo")
          .required(
              "name",
              "catalog_name",
              "schema_name",
              "full_name",
              "table_type",
              "owner",
              "columns[].name",
              "columns[].type_name",
              "columns[].type_text",
              "columns[].position");

  /**
   * Get: the TableInfo object with its columns; an unknown table is 404 {@code
   * TABLE_DOES_NOT_EXIST}. https://docs.databricks.com/api/uc-tables/v1/get-table.md
   */
  @Test
  @Contract(
      value = "GET /api/2.1/unity-catalog/tables/{full_name}",
      doc = "https://docs.databricks.com/api/uc-tables/v1/get-table.md")
  void getReturnsTheTableInfoObject() {
    JsonNode region = admin().get(BASE + "/tables/samples.tpch.region").ok();
    TABLE.check(region);
    assertThat(region.get("full_name").asText()).isEqualTo("samples.tpch.region");
    assertThat(region.get("columns").get(0).get("position").asInt()).isZero();

    admin()
        .get(BASE + "/tables/samples.tpch.no_such_table")
        .isError(404, "TABLE_DOES_NOT_EXIST", NotFound.class);
  }

  /**
   * List: {@code {tables: [TableInfo], next_page_token}}; {@code catalog_name} and {@code
   * schema_name} are required. https://docs.databricks.com/api/uc-tables/v1/list-tables.md
   */
  @Test
  @Contract(
      value = "GET /api/2.1/unity-catalog/tables",
      doc = "https://docs.databricks.com/api/uc-tables/v1/list-tables.md")
  void listNeedsCatalogAndSchema() {
    JsonNode all =
        admin()
            .get(Wire.query(BASE + "/tables", "catalog_name", "samples", "schema_name", "tpch"))
            .ok();
    JsonShape.of("{\"tables\": [\"@TableInfo\"], \"next_page_token\": \"string\"}")
        .required("tables[].name", "tables[].full_name", "tables[].table_type")
        .check(all);
    assertThat(all.get("tables").size()).isEqualTo(8);

    admin()
        .get(Wire.query(BASE + "/tables", "catalog_name", "samples"))
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin()
        .get(Wire.query(BASE + "/tables", "schema_name", "tpch"))
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
  }

  /**
   * Paging as the spec's text for {@code ListTablesRequest.max_results} has it: not set = every
   * table; 0 = a page of the server's size; above 0 = the smaller of the two; the last page has no
   * {@code next_page_token}. The sandbox's page is 50 tables, so a schema of 51 shows all three.
   * https://docs.databricks.com/api/uc-tables/v1/list-tables.md
   */
  @Test
  @Contract(
      value = "GET /api/2.1/unity-catalog/tables",
      doc = "https://docs.databricks.com/api/uc-tables/v1/list-tables.md")
  void maxResultsZeroIsAServerSizedPageAndAbsentIsEverything() {
    String schema = unique("contract_paging");
    admin()
        .post(BASE + "/schemas", "{\"catalog_name\": \"main\", \"name\": \"" + schema + "\"}")
        .ok();
    for (int i = 0; i < 51; i++) {
      sql("CREATE TABLE main." + schema + ".t" + i + " (id INT)");
    }
    String list = Wire.query(BASE + "/tables", "catalog_name", "main", "schema_name", schema);
    JsonNode everything = admin().get(list).ok();
    assertThat(everything.get("tables").size()).isEqualTo(51);
    assertThat(everything.has("next_page_token")).isFalse();

    JsonNode serverPage = admin().get(list + "&max_results=0&omit_columns=true").ok();
    int pageSize = serverPage.get("tables").size();
    assertThat(pageSize).isBetween(1, 50);
    String token = serverPage.get("next_page_token").asText();
    JsonNode rest = admin().get(list + "&max_results=0&page_token=" + Wire.segment(token)).ok();
    assertThat(pageSize + rest.get("tables").size()).isEqualTo(51);
    assertThat(rest.has("next_page_token")).isFalse();

    JsonNode capped = admin().get(list + "&max_results=1000").ok();
    assertThat(capped.get("tables").size()).isEqualTo(pageSize);
    assertThat(capped.has("next_page_token")).isTrue();
    admin().delete(BASE + "/schemas/main." + schema + "?force=true").okEmpty();
  }

  /**
   * Exists: {@code {"table_exists": true}} as the documented example, and false for a table that is
   * not there. https://docs.databricks.com/api/uc-tables/v1/table-exists.md
   */
  @Test
  @Contract(
      value = "GET /api/2.1/unity-catalog/tables/{full_name}/exists",
      doc = "https://docs.databricks.com/api/uc-tables/v1/table-exists.md")
  void existsAnswersABoolean() {
    JsonShape exists = JsonShape.of("{\"table_exists\": true}");
    JsonNode yes = admin().get(BASE + "/tables/samples.tpch.region/exists").ok();
    exists.required("table_exists").check(yes);
    assertThat(yes.get("table_exists").asBoolean()).isTrue();
    JsonNode no = admin().get(BASE + "/tables/samples.tpch.no_such_table/exists").ok();
    exists.check(no);
    assertThat(no.path("table_exists").asBoolean(false)).isFalse();
  }

  /**
   * Delete: an empty answer, and the table is gone.
   * https://docs.databricks.com/api/uc-tables/v1/delete-table.md
   */
  @Test
  @Contract(
      value = "DELETE /api/2.1/unity-catalog/tables/{full_name}",
      doc = "https://docs.databricks.com/api/uc-tables/v1/delete-table.md")
  void deleteAnswersEmptyAndTheTableIsGone() {
    String name = "main.default." + unique("contract_table");
    sql("CREATE TABLE " + name + " (id INT)");
    admin().delete(BASE + "/tables/" + name).okEmpty();
    admin().get(BASE + "/tables/" + name).isError(404, "TABLE_DOES_NOT_EXIST", NotFound.class);
  }

  /**
   * Table summaries: {@code {tables: [TableSummary], next_page_token}}; {@code catalog_name} is
   * required; the name patterns are SQL LIKE patterns ({@code %} and {@code _}), every schema or
   * table when not set; paged until {@code next_page_token} is absent.
   * https://docs.databricks.com/api/uc-tables/v1/list-table-summaries.md
   */
  @Test
  @Contract(
      value = "GET /api/2.1/unity-catalog/table-summaries",
      doc = "https://docs.databricks.com/api/uc-tables/v1/list-table-summaries.md")
  void tableSummariesTakeLikePatterns() {
    JsonShape page =
        JsonShape.of("{\"tables\": [\"@TableSummary\"], \"next_page_token\": \"string\"}")
            .required("tables[].full_name", "tables[].table_type");
    JsonNode all =
        admin().get(Wire.query(BASE + "/table-summaries", "catalog_name", "samples")).ok();
    page.check(all);
    assertThat(all.get("tables").size()).isEqualTo(samplesTables());

    JsonNode p =
        admin()
            .get(
                Wire.query(
                    BASE + "/table-summaries",
                    "catalog_name",
                    "samples",
                    "schema_name_pattern",
                    "tp_h",
                    "table_name_pattern",
                    "p%"))
            .ok();
    List<String> names = new ArrayList<>();
    p.get("tables").forEach(t -> names.add(t.get("full_name").asText()));
    assertThat(names).containsExactlyInAnyOrder("samples.tpch.part", "samples.tpch.partsupp");

    admin()
        .get(BASE + "/table-summaries")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
  }

  /**
   * The documented wildcards are SQL LIKE's {@code %} and {@code _} only: {@code *} is a character
   * like any other (no table of the samples has one in its name), and an empty pattern means every
   * name. https://docs.databricks.com/api/uc-tables/v1/list-table-summaries.md
   */
  @Test
  @Contract(
      value = "GET /api/2.1/unity-catalog/table-summaries",
      doc = "https://docs.databricks.com/api/uc-tables/v1/list-table-summaries.md")
  void anAsteriskIsNoWildcardAndAnEmptyPatternMatchesAll() {
    JsonNode star =
        admin()
            .get(
                Wire.query(
                    BASE + "/table-summaries",
                    "catalog_name",
                    "samples",
                    "table_name_pattern",
                    "p*"))
            .ok();
    assertThat(star.path("tables").size()).isZero();
    JsonNode empty =
        admin()
            .get(
                Wire.query(
                    BASE + "/table-summaries",
                    "catalog_name",
                    "samples",
                    "schema_name_pattern",
                    "",
                    "table_name_pattern",
                    ""))
            .ok();
    assertThat(empty.get("tables").size()).isEqualTo(samplesTables());
  }

  /**
   * Metastore summary: the metastore's id and name among the documented summary fields.
   * https://docs.databricks.com/api/uc-metastores/v1/get-metastore-summary.md (linked from
   * https://docs.databricks.com/api/uc-metastores/v1/current-metastore.md)
   */
  @Test
  @Contract(
      value = "GET /api/2.1/unity-catalog/metastore_summary",
      doc = "https://docs.databricks.com/api/uc-metastores/v1/get-metastore-summary.md")
  void metastoreSummary() {
    JsonNode summary = admin().get(BASE + "/metastore_summary").ok();
    JsonShape.named("GetMetastoreSummaryResponse").required("metastore_id", "name").check(summary);
    assertThat(SharedSandbox.sdk(Identities.ADMIN_TOKEN).metastores().summary().getMetastoreId())
        .isEqualTo(summary.get("metastore_id").asText());
  }

  /** Get, exists and summaries through the Databricks SDK for Java. */
  @Test
  @Contract(
      value = "GET /api/2.1/unity-catalog/tables/{full_name}",
      doc = "https://docs.databricks.com/api/uc-tables/v1/get-table.md")
  @Contract(
      value = "GET /api/2.1/unity-catalog/tables/{full_name}/exists",
      doc = "https://docs.databricks.com/api/uc-tables/v1/table-exists.md")
  @Contract(
      value = "GET /api/2.1/unity-catalog/table-summaries",
      doc = "https://docs.databricks.com/api/uc-tables/v1/list-table-summaries.md")
  void sdkRoundTrip() {
    WorkspaceClient sdk = SharedSandbox.sdk(Identities.ADMIN_TOKEN);
    TableInfo t = sdk.tables().get(new GetTableRequest().setFullName("samples.nyctaxi.trips"));
    assertThat(t.getColumns()).isNotEmpty();
    assertThat(
            sdk.tables()
                .exists(new ExistsRequest().setFullName("samples.nyctaxi.trips"))
                .getTableExists())
        .isTrue();
    assertThat(
            StreamSupport.stream(
                sdk.tables()
                    .listSummaries(new ListSummariesRequest().setCatalogName("samples"))
                    .spliterator(),
                false))
        .hasSize(samplesTables());
  }

  /** How many tables the samples catalog holds, counted schema by schema through tables/list. */
  private static int samplesTables() {
    WorkspaceClient sdk = SharedSandbox.sdk(Identities.ADMIN_TOKEN);
    int n = 0;
    for (SchemaInfo schema :
        sdk.schemas().list(new ListSchemasRequest().setCatalogName("samples"))) {
      if (!"information_schema".equals(schema.getName())) {
        n +=
            (int)
                StreamSupport.stream(
                        sdk.tables()
                            .list(
                                new ListTablesRequest()
                                    .setCatalogName("samples")
                                    .setSchemaName(schema.getName()))
                            .spliterator(),
                        false)
                    .count();
      }
    }
    assertThat(n).as("sample tables").isPositive();
    return n;
  }
}
