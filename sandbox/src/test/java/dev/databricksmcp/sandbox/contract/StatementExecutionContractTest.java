package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.quote;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.GetStatementResultChunkNRequest;
import com.databricks.sdk.service.sql.StatementResponse;
import com.databricks.sdk.service.sql.StatementState;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.sql.Warehouses;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The SQL Statement Execution API against its reference (index:
 * https://docs.databricks.com/api/statement-execution/v1/statement-execution.md, the
 * StatementResponse object:
 * https://docs.databricks.com/api/statement-execution/v1/statement-execution/object.md) and the
 * spec's request rules as the Go SDK carries them ({@code statement} and {@code warehouse_id}
 * required; {@code wait_timeout} {@code 0s} or 5 to 50 seconds).
 */
@Timeout(180)
@ExtendWith(SharedSandbox.class)
class StatementExecutionContractTest {
  private static final String BASE = "/api/2.0/sql/statements";
  private static final JsonShape RESPONSE =
      JsonShape.named("StatementResponse").required("statement_id", "status.state");

  /**
   * Execute, synchronously within {@code wait_timeout}: a SUCCEEDED statement carries its manifest
   * (format, schema with column positions) and the first chunk inline, every value a string and SQL
   * NULL a JSON null; a failed one carries {@code status.error} and {@code status.sql_state}, no
   * result. https://docs.databricks.com/api/statement-execution/v1/execute-statement.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/sql/statements",
      doc = "https://docs.databricks.com/api/statement-execution/v1/execute-statement.md")
  void executeAnswersStatusManifestAndFirstChunk() {
    JsonNode ok = execute("SELECT 1 AS n, 'a' AS s, NULL AS z", "30s");
    RESPONSE
        .required(
            "manifest.format",
            "manifest.schema.column_count",
            "manifest.schema.columns[].name",
            "manifest.schema.columns[].position",
            "manifest.schema.columns[].type_name",
            "manifest.total_row_count",
            "result.data_array")
        .check(ok);
    assertThat(ok.get("status").get("state").asText()).isEqualTo("SUCCEEDED");
    assertThat(ok.get("manifest").get("format").asText()).isEqualTo("JSON_ARRAY");
    assertThat(ok.get("manifest").get("schema").get("column_count").asInt()).isEqualTo(3);
    JsonNode row = ok.get("result").get("data_array").get(0);
    assertThat(row.get(0).isTextual()).as("values are strings").isTrue();
    assertThat(row.get(0).asText()).isEqualTo("1");
    assertThat(row.get(2).isNull()).as("SQL NULL is JSON null").isTrue();

    JsonNode failed = execute("SELECT * FROM main.default.no_such_table_anywhere", "30s");
    RESPONSE
        .required("status.error.error_code", "status.error.message", "status.sql_state")
        .check(failed);
    assertThat(failed.get("status").get("state").asText()).isEqualTo("FAILED");
    assertThat(failed.has("result")).isFalse();
    assertThat(failed.has("manifest")).isFalse();
  }

  /**
   * Required fields and documented ranges: without {@code statement} or {@code warehouse_id}, with
   * a {@code wait_timeout} outside 0s and 5s-50s, or with INLINE results in another format than
   * JSON_ARRAY, the request is refused as an invalid parameter.
   * https://docs.databricks.com/api/statement-execution/v1/execute-statement.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/sql/statements",
      doc = "https://docs.databricks.com/api/statement-execution/v1/execute-statement.md")
  void executeRefusesWhatTheReferenceRulesOut() {
    String warehouse = "\"warehouse_id\": \"" + Warehouses.STARTER_ID + "\"";
    admin()
        .post(BASE, "{" + warehouse + "}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin()
        .post(BASE, "{\"statement\": \"SELECT 1\"}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    for (String wait : new String[] {"3s", "51s", "10"}) {
      admin()
          .post(
              BASE,
              "{"
                  + warehouse
                  + ", \"statement\": \"SELECT 1\", \"wait_timeout\": \""
                  + wait
                  + "\"}")
          .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    }
    admin()
        .post(
            BASE,
            "{"
                + warehouse
                + ", \"statement\": \"SELECT 1\", \"disposition\": \"INLINE\", \"format\": \"CSV\"}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
  }

  /**
   * Get: {@code statement_id} and {@code status}, and once SUCCEEDED the manifest and first chunk;
   * an unknown statement is HTTP 404 (the page gives the status, not the code: the sandbox sends
   * the generic RESOURCE_DOES_NOT_EXIST, which the SDK raises as ResourceDoesNotExist).
   * https://docs.databricks.com/api/statement-execution/v1/get-statement-result.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/sql/statements/{id}",
      doc = "https://docs.databricks.com/api/statement-execution/v1/get-statement-result.md")
  void getPollsToTheTerminalState() {
    JsonNode submitted = execute("SELECT 42 AS answer", "0s");
    RESPONSE.check(submitted);
    String id = submitted.get("statement_id").asText();
    JsonNode done = awaitState(id, Set.of("SUCCEEDED"));
    RESPONSE.required("manifest", "result").check(done);
    assertThat(done.get("statement_id").asText()).isEqualTo(id);
    assertThat(done.get("result").get("data_array").get(0).get(0).asText()).isEqualTo("42");

    admin()
        .get(BASE + "/01f00000-0000-0000-0000-000000000000")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  /**
   * Result chunks: the manifest lists every chunk; each chunk answers the nested {@code result}
   * shape with {@code next_chunk_index} and {@code next_chunk_internal_link} while more follow, the
   * link being the path of the next chunk.
   * https://docs.databricks.com/api/statement-execution/v1/get-result-data.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/sql/statements/{id}/result/chunks/{index}",
      doc = "https://docs.databricks.com/api/statement-execution/v1/get-result-data.md")
  void chunksFollowTheInternalLinks() {
    JsonNode first = execute("SELECT pickup_zip FROM samples.nyctaxi.trips", "50s");
    assertThat(first.get("status").get("state").asText()).isEqualTo("SUCCEEDED");
    JsonNode manifest = first.get("manifest");
    int chunks = manifest.get("total_chunk_count").asInt();
    assertThat(chunks).as("21,932 trips need more than one chunk").isGreaterThan(1);
    assertThat(manifest.get("chunks").size()).isEqualTo(chunks);

    JsonShape data =
        JsonShape.named("ResultData").required("chunk_index", "row_offset", "row_count");
    JsonNode chunk = first.get("result");
    long rows = 0;
    for (int i = 0; i < chunks; i++) {
      data.check(chunk);
      assertThat(chunk.get("chunk_index").asInt()).isEqualTo(i);
      assertThat(chunk.get("row_offset").asLong()).isEqualTo(rows);
      rows += chunk.get("row_count").asLong();
      if (i + 1 < chunks) {
        assertThat(chunk.get("next_chunk_index").asInt()).isEqualTo(i + 1);
        chunk = admin().get(chunk.get("next_chunk_internal_link").asText()).ok();
      } else {
        assertThat(chunk.has("next_chunk_index")).isFalse();
        assertThat(chunk.has("next_chunk_internal_link")).isFalse();
      }
    }
    assertThat(rows).isEqualTo(manifest.get("total_row_count").asLong());
  }

  /**
   * Cancel: "Cancel response is empty; receiving response indicates successful receipt"; polling
   * then shows CANCELED. https://docs.databricks.com/sql/api/statements.html (Cancel Statement) and
   * https://docs.databricks.com/api/statement-execution/v1/cancel-statement.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/sql/statements/{id}/cancel",
      doc = "https://docs.databricks.com/api/statement-execution/v1/cancel-statement.md")
  void cancelAnswersEmptyAndTheStatementEndsCanceled() {
    String id = execute("SELECT sandbox_sleep(60)", "0s").get("statement_id").asText();
    admin().post(BASE + "/" + id + "/cancel", "").okEmpty();
    JsonNode canceled = awaitState(id, Set.of("CANCELED"));
    RESPONSE.check(canceled);
    assertThat(canceled.has("result")).isFalse();
  }

  /** Execute and fetch a further chunk through the Databricks SDK for Java. */
  @Test
  @Contract(
      value = "POST /api/2.0/sql/statements",
      doc = "https://docs.databricks.com/api/statement-execution/v1/execute-statement.md")
  @Contract(
      value = "GET /api/2.0/sql/statements/{id}/result/chunks/{index}",
      doc = "https://docs.databricks.com/api/statement-execution/v1/get-result-data.md")
  void sdkRoundTrip() {
    WorkspaceClient sdk = SharedSandbox.sdk(Identities.ADMIN_TOKEN);
    StatementResponse r =
        sdk.statementExecution()
            .executeStatement(
                new ExecuteStatementRequest()
                    .setWarehouseId(Warehouses.STARTER_ID)
                    .setWaitTimeout("50s")
                    .setStatement("SELECT pickup_zip FROM samples.nyctaxi.trips"));
    assertThat(r.getStatus().getState()).isEqualTo(StatementState.SUCCEEDED);
    assertThat(r.getManifest().getTotalChunkCount()).isGreaterThan(1);
    assertThat(
            sdk.statementExecution()
                .getStatementResultChunkN(
                    new GetStatementResultChunkNRequest()
                        .setStatementId(r.getStatementId())
                        .setChunkIndex(1L))
                .getChunkIndex())
        .isEqualTo(1L);
  }

  /**
   * A failed statement keeps Databricks' error condition, so a client reads what Databricks says:
   * an unresolved column names the closest columns (UNRESOLVED_COLUMN.WITH_SUGGESTION, "Did you
   * mean one of the following? [...]", SQLSTATE 42703,
   * https://docs.databricks.com/error-messages/unresolved-column-error-class.html), and an operator
   * over a STRING parameter is a type error of the statement (DATATYPE_MISMATCH, SQLSTATE 42K09,
   * https://docs.databricks.com/error-messages/datatype-mismatch-error-class.html), never an
   * INTERNAL_ERROR. The reference documents {@code status.error.message} and {@code
   * status.sql_state} on a FAILED statement; the message text follows the error-condition pages.
   */
  @Test
  @Contract(
      value = "POST /api/2.0/sql/statements",
      doc = "https://docs.databricks.com/api/statement-execution/v1/execute-statement.md")
  void failedStatementsKeepTheErrorConditionAndItsSuggestion() {
    JsonNode column = execute("SELECT n_nme FROM samples.tpch.nation", "30s");
    assertThat(column.get("status").get("state").asText()).isEqualTo("FAILED");
    assertThat(column.get("status").get("sql_state").asText()).isEqualTo("42703");
    assertThat(column.get("status").get("error").get("message").asText())
        .startsWith(
            "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter"
                + " with name `n_nme` cannot be resolved. Did you mean one of the following? [")
        .contains("`n_name`")
        .endsWith("]. SQLSTATE: 42703");
    JsonNode typed =
        admin()
            .post(
                BASE,
                "{\"warehouse_id\": \""
                    + Warehouses.STARTER_ID
                    + "\", \"wait_timeout\": \"30s\", \"statement\": \"SELECT :a + 1 AS x\","
                    + " \"parameters\": [{\"name\": \"a\", \"value\": \"abc\"}]}")
            .ok();
    assertThat(typed.get("status").get("state").asText()).isEqualTo("FAILED");
    assertThat(typed.get("status").get("sql_state").asText()).isEqualTo("42K09");
    assertThat(typed.get("status").get("error").get("message").asText())
        .startsWith("[DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES] Cannot resolve \"(STRING + INT)\"")
        .contains("incompatible types (\"STRING\" and \"INT\")");
  }

  /**
   * A data write answers one row of LONG counts in the manifest's schema, as a query would: INSERT
   * and CREATE TABLE … AS SELECT {@code num_affected_rows, num_inserted_rows}; UPDATE and DELETE
   * {@code num_affected_rows}; MERGE {@code num_affected_rows, num_updated_rows, num_deleted_rows,
   * num_inserted_rows}. DDL without a query answers no rows.
   *
   * <p>The reference is silent here: the execute-statement page documents the manifest and chunks
   * every result has, and the pages of INSERT, UPDATE, DELETE, MERGE and CREATE TABLE do not name
   * their result. The evidence: Delta Lake's commands declare these outputs (DeleteCommand and
   * UpdateCommand {@code num_affected_rows}; MergeIntoCommand the four columns, delta-io/delta,
   * spark/src/main/scala/org/apache/spark/sql/delta/commands/); an INSERT … SELECT on Databricks
   * fetched as a query answers {@code num_affected_rows | num_inserted_rows} with the count in both
   * (observed in https://github.com/jOOQ/jOOQ/issues/19733); and a CTAS in a Databricks notebook
   * shows the same two columns (exported notebook of
   * https://github.com/SuryaSwain/Databricks-Data-Engineer-Associate-Certification-Prep, "Writing
   * to Tables").
   */
  @Test
  @Contract(
      value = "POST /api/2.0/sql/statements",
      doc = "https://docs.databricks.com/api/statement-execution/v1/execute-statement.md")
  void writesAnswerOneRowOfCounts() {
    String t = "main.default.contract_write_counts";
    execute("DROP TABLE IF EXISTS " + t, "30s");
    assertCounts(
        execute("CREATE TABLE " + t + " AS SELECT id FROM range(3) AS r(id)", "30s"),
        "num_affected_rows=3",
        "num_inserted_rows=3");
    assertCounts(
        execute("INSERT INTO " + t + " VALUES (10), (11)", "30s"),
        "num_affected_rows=2",
        "num_inserted_rows=2");
    assertCounts(
        execute("UPDATE " + t + " SET id = id + 100 WHERE id >= 10", "30s"), "num_affected_rows=2");
    assertCounts(execute("DELETE FROM " + t + " WHERE id < 2", "30s"), "num_affected_rows=2");
    assertCounts(
        execute(
            "MERGE INTO "
                + t
                + " AS tgt USING (SELECT 2 AS id UNION ALL SELECT 110 UNION ALL SELECT 7) AS src"
                + " ON tgt.id = src.id WHEN MATCHED AND src.id = 2 THEN DELETE"
                + " WHEN MATCHED THEN UPDATE SET id = src.id + 1"
                + " WHEN NOT MATCHED THEN INSERT (id) VALUES (src.id)",
            "30s"),
        "num_affected_rows=3",
        "num_updated_rows=1",
        "num_deleted_rows=1",
        "num_inserted_rows=1");
    assertCounts(
        execute("INSERT INTO " + t + " SELECT 1 WHERE false", "30s"),
        "num_affected_rows=0",
        "num_inserted_rows=0");

    JsonNode ddl =
        execute("CREATE TABLE IF NOT EXISTS main.default.contract_write_ddl (a INT)", "30s");
    assertThat(ddl.get("status").get("state").asText()).isEqualTo("SUCCEEDED");
    assertThat(ddl.get("manifest").get("total_row_count").asLong()).isZero();
    execute("DROP TABLE " + t, "30s");
    execute("DROP TABLE main.default.contract_write_ddl", "30s");
  }

  /** One row; each column a LONG with the count given as {@code name=value}, in this order. */
  private static void assertCounts(JsonNode r, String... expected) {
    assertThat(r.get("status").get("state").asText()).as(r.toString()).isEqualTo("SUCCEEDED");
    JsonNode columns = r.get("manifest").get("schema").get("columns");
    assertThat(r.get("manifest").get("total_row_count").asLong()).isEqualTo(1);
    assertThat(columns.size()).isEqualTo(expected.length);
    JsonNode row = r.get("result").get("data_array").get(0);
    for (int i = 0; i < expected.length; i++) {
      String[] nv = expected[i].split("=");
      assertThat(columns.get(i).get("name").asText()).isEqualTo(nv[0]);
      assertThat(columns.get(i).get("type_name").asText()).isEqualTo("LONG");
      assertThat(columns.get(i).get("position").asInt()).isEqualTo(i);
      assertThat(row.get(i).asText()).as(nv[0]).isEqualTo(nv[1]);
    }
  }

  private static JsonNode execute(String statement, String wait) {
    return admin()
        .post(
            BASE,
            "{\"warehouse_id\": \""
                + Warehouses.STARTER_ID
                + "\", \"wait_timeout\": \""
                + wait
                + "\", \"statement\": "
                + quote(statement)
                + "}")
        .ok();
  }

  /** Polls until the statement reaches one of {@code states} (bounded: 2,400 polls). */
  static JsonNode awaitState(String id, Set<String> states) {
    JsonNode last = null;
    for (int i = 0; i < 2400; i++) {
      last = admin().get(BASE + "/" + id).ok();
      if (states.contains(last.get("status").get("state").asText())) {
        return last;
      }
      pause();
    }
    throw new AssertionError("statement " + id + " never reached " + states + ": " + last);
  }

  static void pause() {
    try {
      Thread.sleep(25);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
