package dev.databricksmcp.server.tools.sql;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.data;
import static dev.databricksmcp.server.testing.SandboxFixture.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.server.testing.SandboxFixture;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A write says what it did (issue #15): a CTAS is not "0 row(s) of 0" with an empty table but
 * "Created table … with 3 rows.", with the counts in data; counts agree with their noun.
 */
@Timeout(120)
class WritesSayWhatTheyDidTest {
  private static final String T = "main.default.wsw";
  private static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static CallToolResult sql(String statement) {
    CallToolResult r = fx.call("execute_sql", Map.of("statement", statement));
    assertThat(r.isError()).as(String.valueOf(body(r))).isFalse();
    return r;
  }

  @Test
  void eachKindOfWriteSaysWhatItDidInTheMessageAndData() {
    CallToolResult ctas = sql("CREATE TABLE " + T + " AS SELECT id FROM range(3) AS r(id)");
    assertThat(message(ctas)).isEqualTo("Created table " + T + " with 3 rows.");
    assertThat(data(ctas))
        .containsEntry("state", "SUCCEEDED")
        .containsKey("statement_id")
        .containsEntry("operation", "CREATE_TABLE_AS_SELECT")
        .containsEntry("table", T)
        .containsEntry("affected_rows", 3)
        .containsEntry("inserted_rows", 3)
        .doesNotContainKeys("rows", "columns", "total_row_count");
    assertThat(((TextContent) ctas.content().get(0)).text())
        .contains("Created table " + T + " with 3 rows.")
        .doesNotContain("row(s)");

    CallToolResult insert = sql("INSERT INTO " + T + " VALUES (10), (11)");
    assertThat(message(insert)).isEqualTo("Inserted 2 rows into " + T + ".");
    assertThat(data(insert))
        .containsEntry("operation", "INSERT")
        .containsEntry("affected_rows", 2)
        .containsEntry("inserted_rows", 2);

    CallToolResult one = sql("INSERT INTO " + T + " VALUES (12)");
    assertThat(message(one)).isEqualTo("Inserted 1 row into " + T + ".");

    CallToolResult update = sql("UPDATE " + T + " SET id = id + 100 WHERE id = 10");
    assertThat(message(update)).isEqualTo("Updated 1 row in " + T + ".");
    assertThat(data(update)).containsEntry("operation", "UPDATE").containsEntry("affected_rows", 1);

    CallToolResult delete = sql("DELETE FROM " + T + " WHERE id < 2");
    assertThat(message(delete)).isEqualTo("Deleted 2 rows from " + T + ".");
    assertThat(data(delete)).containsEntry("operation", "DELETE").containsEntry("affected_rows", 2);

    // the sandbox runs MERGE on DuckDB's own MERGE INTO
    CallToolResult merge =
        sql(
            "MERGE INTO "
                + T
                + " AS tgt USING (SELECT 2 AS id UNION ALL SELECT 110 UNION ALL SELECT 11"
                + " UNION ALL SELECT 7) AS src ON tgt.id = src.id"
                + " WHEN MATCHED AND src.id = 2 THEN DELETE"
                + " WHEN MATCHED THEN UPDATE SET id = src.id + 1"
                + " WHEN NOT MATCHED THEN INSERT (id) VALUES (src.id)");
    assertThat(message(merge))
        .isEqualTo("Merged into " + T + ": 2 rows updated, 1 inserted, 1 deleted.");
    assertThat(data(merge))
        .containsEntry("operation", "MERGE")
        .containsEntry("affected_rows", 4)
        .containsEntry("updated_rows", 2)
        .containsEntry("inserted_rows", 1)
        .containsEntry("deleted_rows", 1);

    CallToolResult replaced =
        sql("CREATE OR REPLACE TABLE `main`.default.wsw2 AS SELECT 1 AS a WHERE false");
    assertThat(message(replaced))
        .isEqualTo("Created or replaced table main.default.wsw2 with 0 rows.");
  }

  /** The statement names the write and its table; INSERT OVERWRITE is not run by the sandbox. */
  @Test
  void theStatementNamesTheWriteAndItsTable() {
    assertThat(WriteSummary.target("INSERT OVERWRITE TABLE `my cat`.s.t SELECT 1"))
        .isEqualTo(
            new WriteSummary.Target(
                WriteSummary.Operation.INSERT_OVERWRITE, "`my cat`.s.t", false));
    assertThat(WriteSummary.target("WITH a AS (SELECT 1) INSERT INTO t SELECT * FROM a"))
        .isEqualTo(new WriteSummary.Target(WriteSummary.Operation.INSERT, "t", false));
    assertThat(WriteSummary.target("delete from s.t where x = 1"))
        .isEqualTo(new WriteSummary.Target(WriteSummary.Operation.DELETE, "s.t", false));
    assertThat(
            WriteSummary.target(
                "MERGE INTO c.s.t AS x USING u ON x.a = u.a WHEN MATCHED THEN DELETE"))
        .isEqualTo(new WriteSummary.Target(WriteSummary.Operation.MERGE, "c.s.t", false));
    assertThat(WriteSummary.target("CREATE OR REPLACE TABLE IF NOT EXISTS c.s.t AS SELECT 1"))
        .isEqualTo(
            new WriteSummary.Target(WriteSummary.Operation.CREATE_TABLE_AS_SELECT, "c.s.t", true));
    assertThat(WriteSummary.target("CREATE VIEW v AS SELECT 1")).isNull();
    assertThat(WriteSummary.target("WITH a AS (SELECT 1) SELECT * FROM a")).isNull();
  }

  @Test
  void ddlSaysDoneAndNamesTheStatement() {
    CallToolResult schema = sql("CREATE SCHEMA IF NOT EXISTS main.wsw_schema");
    assertThat(message(schema)).isEqualTo("Done: CREATE SCHEMA IF NOT EXISTS main.wsw_schema.");
    assertThat(data(schema))
        .containsEntry("state", "SUCCEEDED")
        .containsKey("statement_id")
        .doesNotContainKeys("rows", "affected_rows");
    CallToolResult table = sql("CREATE TABLE main.wsw_schema.t (a INT)");
    assertThat(message(table)).isEqualTo("Done: CREATE TABLE main.wsw_schema.t (a INT).");
  }

  @Test
  void queriesCountTheirRowsWithTheRightNoun() {
    assertThat(message(sql("SELECT 1 AS a"))).isEqualTo("1 row.");
    assertThat(message(sql("SELECT * FROM range(2)"))).isEqualTo("2 rows.");
    assertThat(message(sql("SELECT 1 AS a WHERE false"))).isEqualTo("0 rows.");
    // a read that names its columns like the counts is still a read
    CallToolResult lookalike = sql("SELECT 3 AS num_affected_rows");
    assertThat(message(lookalike)).isEqualTo("1 row.");
    assertThat(data(lookalike)).containsKey("rows");
  }

  @Test
  void getStatementSaysWhatTheWriteDidFromTheResultAlone() {
    sql("CREATE TABLE main.default.wsw_get (a INT)");
    CallToolResult insert = sql("INSERT INTO main.default.wsw_get VALUES (1), (2), (3)");
    CallToolResult again =
        fx.call("get_statement", Map.of("statement_id", data(insert).get("statement_id")));
    assertThat(message(again)).isEqualTo("Inserted 3 rows.");
    assertThat(data(again)).containsEntry("affected_rows", 3).containsEntry("inserted_rows", 3);
  }

  @Test
  @SuppressWarnings("unchecked")
  void scriptsSayTheSamePerStatement() {
    CallToolResult r =
        fx.call(
            "execute_sql_script",
            Map.of(
                "statements",
                "CREATE TABLE main.default.wsw_s AS SELECT 1 AS x;"
                    + " INSERT INTO main.default.wsw_s VALUES (2), (3);"
                    + " DELETE FROM main.default.wsw_s WHERE x = 1;"
                    + " SELECT * FROM main.default.wsw_s"));
    assertThat(r.isError()).as(String.valueOf(body(r))).isFalse();
    List<Map<String, Object>> s = (List<Map<String, Object>>) data(r).get("statements");
    assertThat(s)
        .extracting(m -> m.get("summary"))
        .containsExactly(
            "Created table main.default.wsw_s with 1 row.",
            "Inserted 2 rows into main.default.wsw_s.",
            "Deleted 1 row from main.default.wsw_s.",
            "2 rows.");
    assertThat(s.get(1)).containsEntry("inserted_rows", 2).doesNotContainKey("first_rows");
    assertThat(message(r)).isEqualTo("All 4 statements succeeded.");
  }
}
