package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.sql;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.core.error.platform.NotFound;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Unity Catalog names are case-insensitive and stored lower-case: "Unity Catalog stores all object
 * names as lowercase" (https://docs.databricks.com/aws/sql/language-manual/sql-ref-names), while
 * column names keep their case. So a name asked for in any case finds the one object, under its
 * lower-case name and its one id, and a name created in capitals is kept lower-case.
 */
@Timeout(120)
@ExtendWith(SharedSandbox.class)
class NamesAreCaseInsensitiveContractTest {
  private static final String BASE = "/api/2.1/unity-catalog";

  @Test
  @Contract(
      value = "GET /api/2.1/unity-catalog/tables/{full_name}",
      doc = "https://docs.databricks.com/aws/sql/language-manual/sql-ref-names")
  void aTableAskedForInCapitalsIsTheSameTable() {
    JsonNode lower = admin().get(BASE + "/tables/samples.tpch.orders").ok();
    for (String asked :
        List.of("samples.TPCH.orders", "SAMPLES.tpch.Orders", "Samples.Tpch.ORDERS")) {
      JsonNode table = admin().get(BASE + "/tables/" + asked).ok();
      assertThat(table.get("full_name").asText()).as(asked).isEqualTo("samples.tpch.orders");
      assertThat(table.get("name").asText()).isEqualTo("orders");
      assertThat(table.get("catalog_name").asText()).isEqualTo("samples");
      assertThat(table.get("schema_name").asText()).isEqualTo("tpch");
      assertThat(table.get("table_id").asText()).isEqualTo(lower.get("table_id").asText());
      assertThat(table.get("columns").size()).isEqualTo(lower.get("columns").size());
    }
  }

  @Test
  @Contract(
      value = "GET /api/2.1/unity-catalog/schemas/{full_name}",
      doc = "https://docs.databricks.com/aws/sql/language-manual/sql-ref-names")
  void aSchemaAskedForInCapitalsIsTheSameSchema() {
    JsonNode lower = admin().get(BASE + "/schemas/samples.tpch").ok();
    JsonNode upper = admin().get(BASE + "/schemas/SAMPLES.TPCH").ok();
    assertThat(upper.get("full_name").asText()).isEqualTo("samples.tpch");
    assertThat(upper.get("catalog_name").asText()).isEqualTo("samples");
    assertThat(upper.get("schema_id").asText()).isEqualTo(lower.get("schema_id").asText());
  }

  @Test
  @Contract(
      value = "GET /api/2.1/unity-catalog/tables",
      doc = "https://docs.databricks.com/aws/sql/language-manual/sql-ref-names")
  void listingASchemaInCapitalsListsItsTablesAndAnUnknownSchemaIsNotFound() {
    List<String> lower = tableNames("samples", "tpch");
    assertThat(lower).isNotEmpty();
    assertThat(tableNames("SAMPLES", "TPCH")).isEqualTo(lower);

    admin()
        .get(Wire.query(BASE + "/tables", "catalog_name", "samples", "schema_name", "TPCHX"))
        .isError(404, "SCHEMA_DOES_NOT_EXIST", NotFound.class);
  }

  @Test
  @Contract(
      value = "POST /api/2.1/unity-catalog/schemas",
      doc = "https://docs.databricks.com/aws/sql/language-manual/sql-ref-names")
  void namesCreatedInCapitalsAreKeptLowerCaseButColumnsKeepTheirCase() {
    String schema = unique("Contract_Case").toUpperCase(Locale.ROOT);
    JsonNode created =
        admin()
            .post(BASE + "/schemas", "{\"catalog_name\": \"MAIN\", \"name\": \"" + schema + "\"}")
            .ok();
    String lowerSchema = schema.toLowerCase(Locale.ROOT);
    assertThat(created.get("name").asText()).isEqualTo(lowerSchema);
    assertThat(created.get("full_name").asText()).isEqualTo("main." + lowerSchema);

    sql("CREATE TABLE main." + schema + ".MixedTable (OrderId INT)");
    assertThat(tableNames("main", lowerSchema)).containsExactly("mixedtable");
    JsonNode table = admin().get(BASE + "/tables/main." + lowerSchema + ".mixedtable").ok();
    assertThat(table.get("full_name").asText()).isEqualTo("main." + lowerSchema + ".mixedtable");
    assertThat(table.get("columns").get(0).get("name").asText()).isEqualTo("OrderId");

    admin().delete(BASE + "/schemas/MAIN." + schema + "?force=true").okEmpty();
    admin()
        .get(BASE + "/schemas/main." + lowerSchema)
        .isError(404, "SCHEMA_DOES_NOT_EXIST", NotFound.class);
  }

  private static List<String> tableNames(String catalog, String schema) {
    JsonNode page =
        admin()
            .get(Wire.query(BASE + "/tables", "catalog_name", catalog, "schema_name", schema))
            .ok();
    List<String> names = new ArrayList<>();
    page.path("tables").forEach(t -> names.add(t.get("name").asText()));
    return names;
  }
}
