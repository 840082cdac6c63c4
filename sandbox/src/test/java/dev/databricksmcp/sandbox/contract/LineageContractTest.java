package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.sql;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.http.Request;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Identities;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The lineage-tracking API, documented in "Capture and view data lineage using Unity Catalog",
 * section "Retrieve lineage using the Data Lineage REST API":
 * https://docs.databricks.com/en/data-governance/unity-catalog/data-lineage.html. The stored copy
 * this suite was written from holds the page's beginning and its table of contents, not the REST
 * example, and the API is in no SDK or OpenAPI spec; so the docs are silent here on field level.
 * What is tested is what a client relies on and the server's lineage tools read: {@code upstreams}
 * and {@code downstreams} of a table, each with its {@code tableInfo}, and {@code upstream_cols}
 * and {@code downstream_cols} of a column; a missing table name refused; an unknown table 404.
 */
@Timeout(120)
@ExtendWith(SharedSandbox.class)
class LineageContractTest {
  private static final String DOC =
      "https://docs.databricks.com/en/data-governance/unity-catalog/data-lineage.html";
  private static final String TABLES = "/api/2.0/lineage-tracking/table-lineage";
  private static final String COLUMNS = "/api/2.0/lineage-tracking/column-lineage";
  private static String source;
  private static String target;

  @BeforeAll
  static void lineage() {
    source = "main.default." + unique("contract_src");
    target = "main.default." + unique("contract_dst");
    sql("CREATE TABLE " + source + " (id INT, amount DOUBLE)");
    sql("CREATE TABLE " + target + " AS SELECT id, amount FROM " + source);
  }

  /**
   * Table lineage: the immediate upstream and downstream tables, each edge with a {@code tableInfo}
   * naming the other table; arguments as query parameters.
   */
  @Test
  @Contract(value = "GET /api/2.0/lineage-tracking/table-lineage", doc = DOC)
  void tableLineageNamesUpstreamsAndDownstreams() {
    JsonShape edges =
        JsonShape.of(
                "{\"upstreams\": [{\"tableInfo\": {\"name\": \"string\", \"catalog_name\":"
                    + " \"string\", \"schema_name\": \"string\", \"table_type\": \"string\","
                    + " \"lineage_timestamp\": \"string\"}, \"queryInfos\": []}],"
                    + " \"downstreams\": [{\"tableInfo\": {\"name\": \"string\", \"catalog_name\":"
                    + " \"string\", \"schema_name\": \"string\", \"table_type\": \"string\","
                    + " \"lineage_timestamp\": \"string\"}, \"queryInfos\": []}]}")
            .required("upstreams", "downstreams");
    JsonNode down =
        admin()
            .get(Wire.query(TABLES, "table_name", source, "include_entity_lineage", "true"))
            .ok();
    edges.required("downstreams[].tableInfo.name").check(down);
    assertThat(down.get("downstreams").get(0).get("tableInfo").get("name").asText())
        .isEqualTo(target.substring("main.default.".length()));
    JsonNode up = admin().get(Wire.query(TABLES, "table_name", target)).ok();
    edges.required("upstreams[].tableInfo.catalog_name").check(up);
    assertThat(up.get("upstreams").size()).isEqualTo(1);

    admin().get(TABLES).isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin()
        .get(Wire.query(TABLES, "table_name", "main.default.no_such_table"))
        .isError(404, "TABLE_DOES_NOT_EXIST", NotFound.class);
  }

  /** Column lineage: columns upstream and downstream of one column; both arguments required. */
  @Test
  @Contract(value = "GET /api/2.0/lineage-tracking/column-lineage", doc = DOC)
  void columnLineageNamesUpstreamAndDownstreamColumns() {
    JsonNode up =
        admin().get(Wire.query(COLUMNS, "table_name", target, "column_name", "amount")).ok();
    JsonShape.of(
            "{\"upstream_cols\": [{\"name\": \"string\", \"catalog_name\": \"string\","
                + " \"schema_name\": \"string\", \"table_name\": \"string\","
                + " \"table_type\": \"string\", \"lineage_timestamp\": \"string\"}],"
                + " \"downstream_cols\": [{\"name\": \"string\", \"catalog_name\": \"string\","
                + " \"schema_name\": \"string\", \"table_name\": \"string\","
                + " \"table_type\": \"string\", \"lineage_timestamp\": \"string\"}]}")
        .required("upstream_cols[].name", "upstream_cols[].table_name", "downstream_cols")
        .check(up);
    assertThat(up.get("upstream_cols").get(0).get("table_name").asText())
        .isEqualTo(source.substring("main.default.".length()));

    admin()
        .get(Wire.query(COLUMNS, "table_name", target))
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
  }

  /**
   * The lineage API has no typed SDK client; through the SDK's own API client, as the server's
   * lineage tools call it.
   */
  @Test
  @Contract(value = "GET /api/2.0/lineage-tracking/table-lineage", doc = DOC)
  void sdkApiClientRoundTrip() throws Exception {
    WorkspaceClient sdk = SharedSandbox.sdk(Identities.ADMIN_TOKEN);
    Request request =
        new Request("GET", TABLES)
            .withQueryParam("table_name", source)
            .withHeader("Accept", "application/json");
    @SuppressWarnings("unchecked")
    Map<String, Object> lineage = sdk.apiClient().execute(request, java.util.HashMap.class);
    assertThat((List<?>) lineage.get("downstreams")).hasSize(1);
  }
}
