package dev.databricksmcp.server.tools.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.server.tools.sql.FunctionPolicy.Category;
import dev.databricksmcp.server.tools.sql.SqlClassifier.Result;
import dev.databricksmcp.server.tools.sql.SqlClassifier.Statement;
import dev.databricksmcp.server.tools.sql.SqlClassifier.StatementKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How input is split into statements, and what makes a statement a read, a write or a restricted
 * call.
 */
class SqlClassifierTest {
  private static Statement only(String sql) {
    Result r = SqlClassifier.classify(sql);
    assertThat(r.unreadable()).as(sql).isNull();
    assertThat(r.statements()).as(sql).hasSize(1);
    return r.statements().get(0);
  }

  @Test
  void statementsAreSplitOnSemicolonsOutsideStringsAndCommentsAndKeepTheirText() {
    Result r =
        SqlClassifier.classify("-- lead\nSELECT /* ; */ ';' /* ; */ ;; \n DELETE FROM t -- tail");
    assertThat(r.statements())
        .extracting(Statement::text)
        .containsExactly("SELECT /* ; */ ';'", "DELETE FROM t");
    assertThat(r.statements())
        .extracting(Statement::kind)
        .containsExactly(StatementKind.READ, StatementKind.WRITE);
    assertThat(r.allReadOnly()).isFalse();
    assertThat(SqlClassifier.classify("SELECT 1;").statements())
        .extracting(Statement::text)
        .containsExactly("SELECT 1");
    assertThat(SqlClassifier.classify(";SELECT 1").statements()).hasSize(1);
  }

  @Test
  void inputWithoutAStatementIsNotReadOnly() {
    for (String sql : new String[] {"", "  ", "-- only a comment", "/* x */ ;"}) {
      Result r = SqlClassifier.classify(sql);
      assertThat(r.statements()).as(sql).isEmpty();
      assertThat(r.unreadable()).isNull();
      assertThat(r.allReadOnly()).as(sql).isFalse();
    }
  }

  @Test
  void unreadableInputSaysWhyAndHasNoStatements() {
    Result r = SqlClassifier.classify("SELECT 1; SELECT 'open");
    assertThat(r.unreadable())
        .isEqualTo("the SQL cannot be read with certainty: a string literal is not closed");
    assertThat(r.statements()).isEmpty();
    assertThat(r.allReadOnly()).isFalse();
    assertThat(r.functions()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT 1",
        "select 1",
        "\u017Felect 1",
        "WITH a AS (SELECT 1) SELECT * FROM a",
        "VALUES (1)",
        "TABLE t",
        "FROM t SELECT x",
        "SHOW TABLES",
        "DESCRIBE t",
        "DESC t",
        "EXPLAIN SELECT 1",
        "(SELECT 1)",
        "SELECT replace('a', 'b', 'c')",
        "SELECT replace ('a', 'b')",
        "SELECT * FROM t JOIN u USING (id)",
        "SELECT `delete` FROM `insert`"
      })
  void queriesAreReads(String sql) {
    Statement s = only(sql);
    assertThat(s.kind()).isEqualTo(StatementKind.READ);
    assertThat(s.readOnly()).isTrue();
    assertThat(s.reason()).isNull();
    assertThat(s.functions()).isEmpty();
    assertThat(SqlClassifier.classify(sql).allReadOnly()).isTrue();
  }

  @Test
  void theKeywordIsTheFirstWordUpperCasedOrTheFirstSymbol() {
    assertThat(only("sElEcT 1").keyword()).isEqualTo("SELECT");
    assertThat(only("(SELECT 1)").keyword()).isEqualTo("(");
    assertThat(only("`select` 1").keyword()).isEqualTo("`select`");
    assertThat(only("'x'").keyword()).isEqualTo("'x'");
  }

  @Test
  void aStatementThatDoesNotStartAsAReadIsAWrite() {
    Statement s = only("LIST '/Volumes/x'");
    assertThat(s.kind()).isEqualTo(StatementKind.WRITE);
    assertThat(s.readOnly()).isFalse();
    assertThat(s.reason())
        .isEqualTo(
            "LIST statements are not read-only (only SELECT, WITH, VALUES, TABLE, FROM, SHOW,"
                + " DESCRIBE and EXPLAIN are)");
  }

  @Test
  void aStatementThatDoesNotStartAsDatabricksSqlIsUnrecognisedNotAWrite() {
    for (String sql : new String[] {"`select` 1", "'SELECT'", "1", "SELEC 1", "xyzzy"}) {
      Statement s = only(sql);
      assertThat(s.kind()).as(sql).isEqualTo(StatementKind.UNRECOGNISED);
      assertThat(s.readOnly()).as(sql).isFalse();
      assertThat(s.changesNoData()).as(sql).isFalse();
      assertThat(SqlClassifier.classify(sql).noDataChange()).as(sql).isFalse();
      assertThat(SqlClassifier.classify(sql).unrecognised()).as(sql).isEqualTo(s);
    }
    assertThat(SqlClassifier.classify("SELECT 1").unrecognised()).isNull();
    assertThat(SqlClassifier.classify("SELECT 'open").noDataChange()).isFalse();
    assertThat(SqlClassifier.classify("").noDataChange()).isFalse();
    assertThat(SqlClassifier.classify("SELECT 1; USE main").noDataChange()).isTrue();
    assertThat(only("USE main").changesNoData()).isTrue();
    assertThat(only("USE main").readOnly()).isFalse();
    assertThat(only("SELECT 1").changesNoData()).isTrue();
    assertThat(only("DELETE FROM t").changesNoData()).isFalse();
    assertThat(only("SELECT ai_query('e', 'q')").changesNoData()).isFalse();
  }

  @Test
  void aMistypedKeywordSuggestsTheClosestStatementWithinTwoEdits() {
    assertThat(only("SELEC 1").reason())
        .isEqualTo(
            "'SELEC' does not start a Databricks SQL statement (did you mean SELECT?);"
                + " nothing was run");
    // SELECT and SET are both two edits away: the read is named, every time
    assertThat(only("SELE 1").reason()).contains("(did you mean SELECT?)");
    // SELECT and DELETE are both two edits from SELETC: a typo is never answered with a delete
    // when a read is as close
    assertThat(only("SELETC 1").reason()).contains("(did you mean SELECT?)");
    // among the statements that are not reads, the alphabetically first of the equally close
    assertThat(only("DELATE FROM t").reason()).contains("(did you mean DELETE?)");
    assertThat(only("INSRET INTO t VALUES (1)").reason()).contains("(did you mean INSERT?)");
    // three edits from SELECT, the closest, is too far to guess
    assertThat(only("SELXXX 1").reason())
        .isEqualTo("'SELXXX' does not start a Databricks SQL statement; nothing was run");
  }

  @Test
  void anUnrecognisedFirstWordIsQuotedWholeUpToFortyCharacters() {
    String forty = "x".repeat(40);
    assertThat(only(forty + " 1").reason())
        .isEqualTo("'" + forty + "' does not start a Databricks SQL statement; nothing was run");
    assertThat(only(forty + "y 1").reason())
        .isEqualTo("'" + forty + "…' does not start a Databricks SQL statement; nothing was run");
  }

  @Test
  void setWithASettingKeyAloneShowsTheSettingAndChangesNoData() {
    for (String sql : new String[] {"SET TIME", "SET spark.sql.ansi.enabled", "SET x"}) {
      Statement s = only(sql);
      assertThat(s.kind()).as(sql).isEqualTo(StatementKind.SESSION);
      assertThat(s.changesNoData()).as(sql).isTrue();
    }
  }

  @Test
  void setWithoutAKeyBeforeTheEqualsSignIsNotASessionStatement() {
    for (String sql : new String[] {"SET = 1", "SET -v", "SET 'k' = 1"}) {
      Statement s = only(sql);
      assertThat(s.kind()).as(sql).isNotEqualTo(StatementKind.SESSION);
      assertThat(s.changesNoData()).as(sql).isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "INSERT",
        "UPDATE",
        "DELETE",
        "MERGE",
        "CREATE",
        "DROP",
        "ALTER",
        "TRUNCATE",
        "GRANT",
        "REVOKE",
        "COPY",
        "OPTIMIZE",
        "VACUUM",
        "REFRESH",
        "CACHE",
        "UNCACHE",
        "MSCK",
        "CALL",
        "SET",
        "RESET",
        "LOAD",
        "INTO",
        "OVERWRITE",
        "EXECUTE",
        "EXEC",
        "IMMEDIATE",
        "RESTORE",
        "CLONE",
        "UNDROP",
        "ANALYZE",
        "COMMENT",
        "REPAIR",
        "PUT",
        "REMOVE",
        "DECLARE",
        "USE",
        "REORG",
        "SYNC",
        "APPLY",
        "FSCK",
        "REPLACE",
        "BEGIN",
        "COMMIT",
        "ROLLBACK"
      })
  void aWriteKeywordAnywhereMakesAWrite(String keyword) {
    Statement s = only("WITH a AS (SELECT 1) " + keyword.toLowerCase() + " x");
    assertThat(s.kind()).isEqualTo(StatementKind.WRITE);
    assertThat(s.keyword()).isEqualTo("WITH");
    assertThat(s.reason())
        .isEqualTo(
            "the statement contains "
                + keyword
                + ", which can change data (quote an identifier named "
                + "like a keyword with backticks)");
  }

  @Test
  void replaceIsAWriteUnlessItIsCalled() {
    assertThat(only("EXPLAIN REPLACE TABLE t AS SELECT 1").kind()).isEqualTo(StatementKind.WRITE);
    assertThat(only("SELECT replace").kind()).isEqualTo(StatementKind.WRITE);
    assertThat(only("SELECT delete(1)").kind()).isEqualTo(StatementKind.WRITE);
    assertThat(only("SELECT replace(1)").kind()).isEqualTo(StatementKind.READ);
  }

  @Test
  void aScriptTransformIsAWrite() {
    Statement s = only("SELECT TRANSFORM(a) USING 'cat' AS (b) FROM t");
    assertThat(s.kind()).isEqualTo(StatementKind.WRITE);
    assertThat(s.reason())
        .isEqualTo("the statement runs an external program (TRANSFORM … USING 'script')");
    assertThat(only("SELECT * FROM t USING").kind()).isEqualTo(StatementKind.READ);
  }

  @Test
  void aDollarBodyIsNeverARead() {
    Statement s = only("SELECT $$ x $$");
    assertThat(s.kind()).isEqualTo(StatementKind.WRITE);
    assertThat(s.reason())
        .isEqualTo(
            "the statement holds a $$-quoted body, which is code in another language, not a query");
  }

  @Test
  void aQueryCallingARestrictedFunctionIsARestrictedCall() {
    Statement s = only("SELECT ai_query('e', 'q'), secret('s', 'k')");
    assertThat(s.kind()).isEqualTo(StatementKind.RESTRICTED_CALL);
    assertThat(s.readOnly()).isFalse();
    assertThat(s.keyword()).isEqualTo("SELECT");
    assertThat(s.functions())
        .extracting(FunctionPolicy.Hit::function)
        .containsExactly("ai_query", "secret");
    assertThat(s.reason())
        .isEqualTo(
            "the statement calls ai_query() (cost/outside — calls a model or AI service (ai_query,"
                + " ai_gen, ai_parse_document, ai_forecast, ...), billed per call), secret()"
                + " (outbound/secret — returns the value of a secret from a secret scope), which a"
                + " read-only server does not run");
  }

  @Test
  void aWriteKeepsTheRestrictedCallsItMakes() {
    Statement s = only("INSERT INTO t SELECT secret('s', 'k')");
    assertThat(s.kind()).isEqualTo(StatementKind.WRITE);
    assertThat(s.functions())
        .extracting(FunctionPolicy.Hit::category)
        .containsExactly(Category.OUTBOUND);
  }

  @Test
  void theResultListsCallsOnceAndPicksTheFirstStrictOne() {
    Result r =
        SqlClassifier.classify(
            "SELECT ai_query('e'); SELECT reflect('c', 'm'), secret('s'); SELECT secret('s'), "
                + "http_request('c')");
    assertThat(r.functions())
        .extracting(FunctionPolicy.Hit::function)
        .containsExactly("ai_query", "reflect", "secret", "http_request");
    assertThat(r.strictFunction().function()).isEqualTo("secret");
    assertThat(r.outboundFunction()).isEqualTo("secret");
    Result costOnly = SqlClassifier.classify("SELECT ai_query('e'), reflect('c', 'm')");
    assertThat(costOnly.strictFunction()).isNull();
    assertThat(costOnly.outboundFunction()).isNull();
    assertThat(SqlClassifier.classify("SELECT 1").functions()).isEmpty();
  }

  @Test
  void executeImmediateOfALiteralIsClassifiedInTurn() {
    assertThat(only("EXECUTE IMMEDIATE 'SELECT secret(''s'', ''k'')'").functions())
        .extracting(FunctionPolicy.Hit::function)
        .containsExactly("secret");
    assertThat(only("EXECUTE IMMEDIATE 'SELECT secret(''s'')' INTO v").functions())
        .extracting(FunctionPolicy.Hit::function)
        .containsExactly("secret");
    assertThat(only("EXECUTE IMMEDIATE r'SELECT ai_query(1)'").functions())
        .extracting(FunctionPolicy.Hit::function)
        .containsExactly("ai_query");
    assertThat(only("EXECUTE IMMEDIATE 'SELECT 1'").functions()).isEmpty();
    assertThat(only("EXECUTE IMMEDIATE 'SELECT 1'").kind()).isEqualTo(StatementKind.WRITE);
    assertThat(only("EXECUTE IMMEDIATE 'EXECUTE IMMEDIATE ''SELECT secret(1)'''").functions())
        .extracting(FunctionPolicy.Hit::function)
        .containsExactly("secret");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "EXECUTE IMMEDIATE stmt",
        "EXECUTE IMMEDIATE 'SELECT ' || 'x'",
        "EXECUTE IMMEDIATE",
        "EXECUTE IMMEDIATE 'SELECT \\'x\\''",
        "EXECUTE IMMEDIATE (  'SELECT 1')",
        "EXECUTE IMMEDIATE 'SELECT ''open'",
        "EXECUTE IMMEDIATE 'EXECUTE IMMEDIATE ''EXECUTE IMMEDIATE ''''EXECUTE IMMEDIATE"
            + " '''''''''''''''''",
        "EXECUTE IMMEDIATE $$SELECT 1$$"
      })
  void sqlBuiltAtRunTimeOrUnreadableIsUnresolved(String sql) {
    assertThat(only(sql).functions())
        .extracting(FunctionPolicy.Hit::category)
        .contains(Category.UNRESOLVED);
  }

  @Test
  void dynamicSqlNestedDeeperThanThreeLevelsIsUnresolved() {
    String sql = "SELECT 1";
    for (int level = 1; level <= 4; level++) {
      sql = "EXECUTE IMMEDIATE '" + sql.replace("'", "''") + "'";
      if (level == 3) {
        assertThat(only(sql).functions()).as("three levels").isEmpty();
      }
    }
    assertThat(only(sql).functions())
        .extracting(FunctionPolicy.Hit::category)
        .containsExactly(Category.UNRESOLVED);
  }

  @Test
  void executeAloneOrImmediateAloneDoesNotLookForDynamicSql() {
    assertThat(only("EXECUTE x").functions()).isEmpty();
    assertThat(only("SELECT execute").functions()).isEmpty();
    assertThat(only("SELECT immediate").functions()).isEmpty();
  }
}
