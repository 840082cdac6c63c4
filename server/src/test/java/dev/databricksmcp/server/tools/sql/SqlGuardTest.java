package dev.databricksmcp.server.tools.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.ConfirmationTarget;
import dev.databricksmcp.server.core.ErrorCode;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.testing.OfflineContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the SQL tools refuse, confirm or let through, before anything reaches Databricks. */
class SqlGuardTest {
  private static final String VARIABLE = "DATABRICKS_MCP_SQL_ALLOW_OUTBOUND_FUNCTIONS";

  private static ToolException refusal(Runnable call) {
    try {
      call.run();
    } catch (ToolException e) {
      return e;
    }
    throw new AssertionError("not refused");
  }

  @Test
  void aReadPassesInEveryMode() {
    assertThat(SqlGuard.checkSingle("statement", "SELECT 1", true, false).text())
        .isEqualTo("SELECT 1");
    assertThat(SqlGuard.checkSingle("statement", "SELECT 1 -- c", false, false).readOnly())
        .isTrue();
  }

  @Test
  void aWriteIsRefusedInReadOnlyModeOnlyWithItsReason() {
    ToolException e =
        refusal(
            () ->
                SqlGuard.checkSingle(
                    "statement", "WITH a AS (SELECT r'\\') DELETE FROM t --'", true, false));
    assertThat(e.code()).isEqualTo(ErrorCode.READ_ONLY);
    assertThat(e.getMessage())
        .isEqualTo(
            "Refused in read-only mode: the statement contains DELETE, which can change data "
                + "(quote an identifier named like a keyword with backticks).");
    assertThat(SqlGuard.checkSingle("statement", "DELETE FROM t", false, false).kind())
        .isEqualTo(SqlClassifier.StatementKind.WRITE);
  }

  @Test
  void unreadableSqlIsReadOnlyRefusalOrValidationError() {
    ToolException ro =
        refusal(() -> SqlGuard.checkSingle("statement", "SELECT 'open", true, false));
    assertThat(ro.code()).isEqualTo(ErrorCode.READ_ONLY);
    assertThat(ro.getMessage())
        .isEqualTo(
            "Refused in read-only mode: the SQL cannot be read with certainty: a string literal "
                + "is not closed.");
    ToolException rw =
        refusal(() -> SqlGuard.checkSingle("statement", "SELECT 'open", false, true));
    assertThat(rw.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(rw.getMessage()).contains("statement").contains("a string literal is not closed");
  }

  @Test
  void noStatementOrSeveralAreValidationErrors() {
    ToolException none =
        refusal(() -> SqlGuard.checkSingle("statement", "-- nothing", false, false));
    assertThat(none.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(none.getMessage()).contains("contains no SQL statement");
    ToolException two =
        refusal(() -> SqlGuard.checkSingle("sql", "SELECT 1; SELECT 2", false, false));
    assertThat(two.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(two.getMessage())
        .isEqualTo("sql: holds 2 statements; send one at a time, or use execute_sql_script.");
    assertThat(two.details()).containsEntry("field", "sql");
  }

  @Test
  void outboundAndUnresolvedCallsAreRefusedInEveryModeUnlessAllowed() {
    for (boolean readOnly : new boolean[] {true, false}) {
      ToolException e =
          refusal(
              () ->
                  SqlGuard.checkSingle("statement", "SELECT `secret`('s', 'k')", readOnly, false));
      assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
      assertThat(e.getMessage())
          .isEqualTo(
              "The function secret() (outbound/secret — returns the value of a secret from a secret"
                  + " scope) is refused unless the server allows outbound and secret functions ("
                  + VARIABLE
                  + "=true).");
      assertThat(e.details())
          .containsEntry("function", "secret")
          .containsEntry("category", "outbound/secret");
    }
    ToolException unresolved =
        refusal(() -> SqlGuard.checkSingle("statement", "SELECT IDENTIFIER(:f)(1)", false, false));
    assertThat(unresolved.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(unresolved.getMessage())
        .startsWith("The function IDENTIFIER(<expression>)() (unresolved name —");
    assertThat(SqlGuard.checkSingle("statement", "SELECT secret('s', 'k')", false, true).kind())
        .isEqualTo(SqlClassifier.StatementKind.RESTRICTED_CALL);
  }

  @Test
  void allowedOutboundCallsAndOtherRestrictedCallsAreStillRefusedInReadOnlyMode() {
    ToolException outbound =
        refusal(() -> SqlGuard.checkSingle("statement", "SELECT secret('s', 'k')", true, true));
    assertThat(outbound.code()).isEqualTo(ErrorCode.READ_ONLY);
    ToolException cost =
        refusal(
            () ->
                SqlGuard.checkSingle(
                    "statement", "SELECT * FROM read_files('s3://b')", true, false));
    assertThat(cost.code()).isEqualTo(ErrorCode.READ_ONLY);
    assertThat(cost.getMessage())
        .isEqualTo(
            "Refused in read-only mode: the statement calls read_files() (cost/outside — reads an"
                + " outside source (read_files, read_kafka, read_kinesis, read_pubsub, read_pulsar,"
                + " read_statestore, ...)), which a read-only server does not run.");
    assertThat(
            SqlGuard.checkSingle("statement", "SELECT reflect('c', 'm')", false, false).readOnly())
        .isFalse();
  }

  @Test
  void checkOutboundLooksAtEveryStatement() {
    SqlGuard.checkOutbound(SqlClassifier.classify("SELECT 1; SELECT ai_query('e')"), false);
    SqlGuard.checkOutbound(SqlClassifier.classify("SELECT 1; SELECT secret('s')"), true);
    assertThat(
            refusal(
                    () ->
                        SqlGuard.checkOutbound(
                            SqlClassifier.classify("SELECT 1; SELECT secret('s')"), false))
                .code())
        .isEqualTo(ErrorCode.PERMISSION_DENIED);
  }

  @Test
  void aPlainReadNeedsNoConfirmationAndLooksNothingUp() throws Exception {
    assertThat(
            SqlGuard.confirmTarget(
                "statement", "SELECT 1", "run SQL", OfflineContext.at(null), false))
        .isNull();
  }

  @Test
  void writesAndRestrictedCallsAreConfirmedWithWhatTheyCall() throws Exception {
    ConfirmationTarget write =
        SqlGuard.confirmTarget(
            "statement", "DELETE FROM t", "run SQL", OfflineContext.at("https://h"), false);
    assertThat(write).isEqualTo(new ConfirmationTarget("run SQL in https://h: DELETE FROM t", ""));
    ConfirmationTarget cost =
        SqlGuard.confirmTarget(
            "statement",
            "SELECT ai_query('e', 'q')",
            "run SQL",
            OfflineContext.at("https://h"),
            false);
    assertThat(cost.description())
        .isEqualTo(
            "run SQL in https://h (it calls ai_query() (cost/outside — calls a model or AI service"
                + " (ai_query, ai_gen, ai_parse_document, ai_forecast, ...), billed per call)):"
                + " SELECT ai_query('e', 'q')");
    ConfirmationTarget allowed =
        SqlGuard.confirmTarget(
            "statement", "SELECT secret('s')", "run SQL", OfflineContext.at("https://h"), true);
    assertThat(allowed.description()).contains("it calls secret() (outbound/secret");
    ConfirmationTarget unreadable =
        SqlGuard.confirmTarget(
            "statement", "SELECT 'open", "run SQL", OfflineContext.at("https://h"), false);
    assertThat(unreadable.description()).isEqualTo("run SQL in https://h: SELECT 'open");
  }

  @Test
  void aLongStatementIsShortenedInTheConfirmation() throws Exception {
    String sql = "DELETE FROM t WHERE x IN (" + "1, ".repeat(200) + "1)";
    String description =
        SqlGuard.confirmTarget("statement", sql, "run SQL", OfflineContext.at("h"), false)
            .description();
    assertThat(description).isEqualTo("run SQL in h: " + sql.substring(0, 300) + "…");
    String exact = "DELETE FROM t WHERE x = " + "1".repeat(300 - 24);
    assertThat(exact).hasSize(300);
    assertThat(
            SqlGuard.confirmTarget("statement", exact, "run SQL", OfflineContext.at("h"), false)
                .description())
        .isEqualTo("run SQL in h: " + exact);
  }

  @Test
  void anOutboundCallIsRefusedBeforeAnyoneIsAsked() {
    ToolException e =
        refusal(
            () -> {
              try {
                SqlGuard.confirmTarget(
                    "statement",
                    "SELECT 1; SELECT IDENTIFIER('secret')('s', 'k')",
                    "run SQL",
                    OfflineContext.at("h"),
                    false);
              } catch (ToolException refused) {
                throw refused;
              } catch (Exception other) {
                throw new AssertionError(other);
              }
            });
    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
  }

  @Test
  void executeSqlAndScriptConfirmThroughTheGuard() throws Exception {
    SqlSettings settings = SqlSettings.defaults();
    var statement = StatementTools.executeSql(settings, false).target();
    assertThat(
            statement.describe(new Args(Map.of("statement", "SELECT 1")), OfflineContext.at(null)))
        .isNull();
    assertThat(
            statement
                .describe(
                    new Args(Map.of("statement", "SELECT ai_gen('x')")), OfflineContext.at("h"))
                .description())
        .startsWith("run SQL that can change or delete data in h (it calls ai_gen()");
    assertThat(refusal(() -> describe(statement, "statement", "SELECT secret('s')")).code())
        .isEqualTo(ErrorCode.PERMISSION_DENIED);
    var script = ScriptTools.script(settings, false).target();
    assertThat(
            script.describe(
                new Args(Map.of("statements", "SELECT 1; SHOW TABLES")), OfflineContext.at(null)))
        .isNull();
    assertThat(
            script
                .describe(
                    new Args(Map.of("statements", "SELECT 1; DROP TABLE t")),
                    OfflineContext.at("h"))
                .description())
        .isEqualTo("run a SQL script that can change or delete data in h: SELECT 1; DROP TABLE t");
    assertThat(refusal(() -> describe(script, "statements", "SELECT 1; SELECT secret('s')")).code())
        .isEqualTo(ErrorCode.PERMISSION_DENIED);
    var allowing =
        StatementTools.executeSql(new SqlSettings(null, settings.timeout(), 10, 1024, true), false)
            .target();
    assertThat(
            allowing.describe(
                new Args(Map.of("statement", "SELECT secret('s')")), OfflineContext.at("h")))
        .isNotNull();
  }

  private static void describe(
      dev.databricksmcp.server.core.TargetDescriber target, String field, String sql) {
    try {
      target.describe(new Args(Map.of(field, sql)), OfflineContext.at("h"));
    } catch (ToolException e) {
      throw e;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aStatementThatDoesNotStartAsSqlIsRefusedInEveryModeWithADidYouMean() throws Exception {
    for (boolean readOnly : new boolean[] {true, false}) {
      ToolException e =
          refusal(() -> SqlGuard.checkSingle("statement", "SELEC 1", readOnly, false));
      assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
      assertThat(e.getMessage())
          .isEqualTo(
              "statement: 'SELEC' does not start a Databricks SQL statement (did you mean"
                  + " SELECT?); nothing was run");
    }
    // nothing close: no guess
    assertThat(refusal(() -> SqlGuard.checkSingle("statement", "xyzzy", false, false)).getMessage())
        .isEqualTo("statement: 'xyzzy' does not start a Databricks SQL statement; nothing was run");
    assertThat(refusal(() -> SqlGuard.checkSingle("statement", "42", false, false)).getMessage())
        .contains("'42' does not start");
    // not a change of data to confirm: refused before anyone is asked, naming the field
    ToolException asked =
        refusal(
            () -> {
              try {
                SqlGuard.confirmTarget(
                    "statements",
                    "SELECT 1; DELET FROM t",
                    "run SQL",
                    OfflineContext.at("h"),
                    false);
              } catch (ToolException refused) {
                throw refused;
              } catch (Exception other) {
                throw new AssertionError(other);
              }
            });
    assertThat(asked.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(asked.getMessage()).startsWith("statements: 'DELET'").contains("DELETE?");
  }

  @Test
  void useAndSetChangeTheSessionSoNeedNoConfirmationButAreNoReads() throws Exception {
    for (String sql :
        new String[] {
          "USE CATALOG main",
          "USE main.default",
          "SET x = 1",
          "SET spark.sql.ansi.enabled = true",
          "SET VAR v = (SELECT 1)",
          "SET TIME ZONE 'UTC'",
          "SET",
          "RESET"
        }) {
      assertThat(SqlGuard.confirmTarget("statement", sql, "run SQL", OfflineContext.at("h"), false))
          .as(sql)
          .isNull();
      assertThat(SqlGuard.checkSingle("statement", sql, false, false).kind())
          .as(sql)
          .isEqualTo(SqlClassifier.StatementKind.SESSION);
      ToolException e = refusal(() -> SqlGuard.checkSingle("statement", sql, true, false));
      assertThat(e.code()).as(sql).isEqualTo(ErrorCode.READ_ONLY);
      assertThat(e.getMessage()).as(sql).contains("changes the session").contains("not a read");
    }
    // a script of reads and session changes needs no confirmation either; one write does
    assertThat(
            SqlGuard.confirmTarget(
                "statements", "USE main; SELECT 1", "run SQL", OfflineContext.at("h"), false))
        .isNull();
    assertThat(
            SqlGuard.confirmTarget(
                "statements", "USE main; DELETE FROM t", "run SQL", OfflineContext.at("h"), false))
        .isNotNull();
  }

  @Test
  void setFormsThatWriteOrHideAWriteAreStillConfirmed() throws Exception {
    for (String sql :
        new String[] {
          "SET TAG ON TABLE t k = v",
          "SET x = (SELECT 1 FROM (DELETE FROM t))",
          "SET VAR v = (SELECT ai_query('e', 'q'))",
          "USE main INSERT",
          "SET TIME x",
          "SET a.b c",
          "SET a. = 1",
          "RESET x; DROP TABLE t"
        }) {
      assertThat(SqlGuard.confirmTarget("statement", sql, "run SQL", OfflineContext.at("h"), false))
          .as(sql)
          .isNotNull();
    }
    assertThat(SqlClassifier.classify("SET TAG ON TABLE t k = v").statements().get(0).kind())
        .isEqualTo(SqlClassifier.StatementKind.WRITE);
    assertThat(SqlClassifier.classify("SET a.b = 1").statements().get(0).kind())
        .isEqualTo(SqlClassifier.StatementKind.SESSION);
  }

  @Test
  void explainRefusesWritesAsNotExplainedNotAsReadOnlyMode() {
    ToolException e = refusal(() -> SqlGuard.checkExplainable("statement", "DELETE FROM t", false));
    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(e.getMessage())
        .startsWith("statement: explain_sql shows the plan of reads only")
        .contains("never runs the statement")
        .contains("DELETE")
        .doesNotContain("read-only mode");
    assertThat(SqlGuard.checkExplainable("statement", "SELECT 1", false).readOnly()).isTrue();
    assertThat(refusal(() -> SqlGuard.checkExplainable("statement", "USE main", false)).code())
        .isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(
            refusal(() -> SqlGuard.checkExplainable("statement", "SELECT secret('a')", false))
                .code())
        .isEqualTo(ErrorCode.PERMISSION_DENIED);
  }

  @Test
  void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
    assertThat(SqlClassifier.distance("SELEC", "SELECT")).isEqualTo(1);
    assertThat(SqlClassifier.distance("SELECT", "SELEC")).isEqualTo(1);
    assertThat(SqlClassifier.distance("SELXCT", "SELECT")).isEqualTo(1);
    assertThat(SqlClassifier.distance("", "USE")).isEqualTo(3);
    assertThat(SqlClassifier.distance("ABC", "ABC")).isEqualTo(0);
    assertThat(SqlClassifier.distance("DLETE", "DELETE")).isEqualTo(1);
  }

  @Test
  void theReadOnlyQueryToolSaysWhatItRunsAndWhereToGoInstead() {
    assertThat(SqlGuard.checkRead("statement", "SELECT 1", false, true).readOnly()).isTrue();
    ToolException write =
        refusal(() -> SqlGuard.checkRead("statement", "DELETE FROM t", false, true));
    assertThat(write.code()).isEqualTo(ErrorCode.READ_ONLY);
    assertThat(write.getMessage())
        .isEqualTo(
            "execute_sql_read_only runs reads only (SELECT, WITH, VALUES, TABLE, FROM, SHOW,"
                + " DESCRIBE, EXPLAIN): DELETE statements are not read-only (only SELECT, WITH,"
                + " VALUES, TABLE, FROM, SHOW, DESCRIBE and EXPLAIN are). Nothing was run; use"
                + " execute_sql for this statement.");
    // in read-only mode execute_sql cannot run it either: no pointer to it
    assertThat(
            refusal(() -> SqlGuard.checkRead("statement", "DELETE FROM t", false, false))
                .getMessage())
        .endsWith("Nothing was run.");
    ToolException unreadable =
        refusal(() -> SqlGuard.checkRead("statement", "SELECT 'open", false, true));
    assertThat(unreadable.code()).isEqualTo(ErrorCode.READ_ONLY);
    assertThat(unreadable.getMessage())
        .isEqualTo(
            "execute_sql_read_only runs reads only, and the SQL cannot be read with certainty: a"
                + " string literal is not closed. Nothing was run.");
    assertThat(refusal(() -> SqlGuard.checkRead("statement", "USE main", false, true)).code())
        .isEqualTo(ErrorCode.READ_ONLY);
    assertThat(
            refusal(() -> SqlGuard.checkRead("statement", "SELECT ai_query('e', 'q')", false, true))
                .code())
        .isEqualTo(ErrorCode.READ_ONLY);
    assertThat(
            refusal(() -> SqlGuard.checkRead("statement", "SELECT secret('a')", false, true))
                .code())
        .isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(refusal(() -> SqlGuard.checkRead("statement", "SELEC 1", false, true)).code())
        .isEqualTo(ErrorCode.VALIDATION_ERROR);
  }
}
