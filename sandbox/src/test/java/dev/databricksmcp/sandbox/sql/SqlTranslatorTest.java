package dev.databricksmcp.sandbox.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Databricks SQL in, DuckDB SQL out: table-driven. */
class SqlTranslatorTest {
  private static final SqlTranslator.Context CONTEXT =
      new SqlTranslator.Context(
          "alice@example.com", "main", "default", Set.of("main", "samples", "system"));

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "SELECT 1|SELECT 1",
        "SELECT `my col` FROM t|SELECT \"my col\" FROM t",
        "SELECT \"hello\"|SELECT 'hello'",
        "SELECT 'it\\'s'|SELECT 'it''s'",
        "SELECT \"say \\\"hi\\\"\"|SELECT 'say \"hi\"'",
        "SELECT * FROM samples.nyctaxi.trips|SELECT * FROM \"uc_samples\".\"nyctaxi\".\"trips\"",
        "SELECT * FROM `samples`.`tpch`.`orders` o|SELECT * FROM \"uc_samples\".\"tpch\".\"orders\""
            + " o",
        "SELECT t.x FROM tbl t|SELECT \"t\".\"x\" FROM tbl t",
        "SELECT current_user()|SELECT 'alice@example.com'",
        "SELECT current_catalog(), current_schema()|SELECT 'main', 'default'",
        "SELECT nvl(a, 0) FROM t|SELECT coalesce(a, 0) FROM t",
        "CREATE TABLE main.default.x USING DELTA AS SELECT 1|CREATE TABLE"
            + " \"uc_main\".\"default\".\"x\" AS SELECT 1",
        "SELECT 1;|SELECT 1",
        "SELECT x::INT FROM t|SELECT x::INT FROM t",
        "SELECT :p + 1|SELECT ? + 1",
        "SELECT 'a;b' -- c\\n|SELECT 'a;b'",
      })
  void translates(String databricks, String duckdb) {
    assertThat(SqlTranslator.translate(databricks.replace("\\n", "\n"), CONTEXT).sql())
        .isEqualTo(duckdb);
  }

  @Test
  void readAndWrittenTablesAreNotedForLineage() {
    Translation t =
        SqlTranslator.translate(
            "INSERT INTO main.default.target SELECT * FROM samples.tpch.orders o JOIN customers c"
                + " ON o.o_custkey = c.c_custkey",
            CONTEXT);
    assertThat(t.writtenTables()).containsExactly("main.default.target");
    assertThat(t.readTables())
        .containsExactlyInAnyOrder("samples.tpch.orders", "main.default.customers");
    assertThat(SqlTranslator.translate("SELECT * FROM range(10)", CONTEXT).readTables()).isEmpty();
  }

  @Test
  void parametersKeepTheirOrder() {
    assertThat(SqlTranslator.translate("SELECT :b, :a, :b", CONTEXT).parameters())
        .containsExactly("b", "a", "b");
  }

  @Test
  void sandboxSleepIsCountedAndReplacedByItsValue() {
    Translation t = SqlTranslator.translate("SELECT sandbox_sleep(2.5) AS s", CONTEXT);
    assertThat(t.sleepSeconds()).isEqualTo(2.5);
    assertThat(t.sql()).isEqualTo("SELECT 2.5 AS s");
  }

  @Test
  void secondStatementsAndOutboundFunctionsAreRefused() {
    assertThatThrownBy(() -> SqlTranslator.translate("SELECT 1; DROP TABLE x", CONTEXT))
        .isInstanceOfSatisfying(
            SqlError.class, e -> assertThat(e.errorClass()).isEqualTo("PARSE_SYNTAX_ERROR"));
    assertThatThrownBy(() -> SqlTranslator.translate("SELECT http_request('http://x')", CONTEXT))
        .isInstanceOfSatisfying(
            SqlError.class, e -> assertThat(e.errorClass()).isEqualTo("UNSUPPORTED_FEATURE"));
    assertThatThrownBy(() -> SqlTranslator.translate("SELECT 'unclosed", CONTEXT))
        .isInstanceOf(SqlError.class);
  }

  @Test
  void aSemicolonInsideAStringOrCommentIsNotASecondStatement() {
    assertThat(SqlTranslator.translate("SELECT ';' /* ; */", CONTEXT).sql())
        .isEqualTo("SELECT ';'");
  }
}
