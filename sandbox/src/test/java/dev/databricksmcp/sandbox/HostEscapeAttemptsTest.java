package dev.databricksmcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.BadRequest;
import com.databricks.sdk.service.catalog.ColumnTypeName;
import com.databricks.sdk.service.catalog.CreateFunction;
import com.databricks.sdk.service.catalog.CreateFunctionRequest;
import com.databricks.sdk.service.catalog.CreateFunctionRoutineBody;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.StatementResponse;
import com.databricks.sdk.service.sql.StatementState;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.sql.Warehouses;
import dev.databricksmcp.sandbox.uc.Metastore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An ordinary signed-in user (the analyst) tries to get from the Statement Execution API to the
 * host, through the real Databricks SDK over HTTP. Each attempt must fail with a Databricks-style
 * error ({@code [CLASS] message SQLSTATE: xxxxx}), change nothing in the workspace and write no
 * file.
 *
 * <p>More than one statement in a request is answered as Databricks answers it: PARSE_SYNTAX_ERROR
 * "Syntax error at or near 'INSERT': extra input 'INSERT'. SQLSTATE: 42601", as reported from a
 * real warehouse in https://github.com/databricks/databricks-sql-go/issues/273 (the REST reference
 * for POST /api/2.0/sql/statements,
 * https://docs.databricks.com/api/workspace/statementexecution/executestatement, documents one
 * "statement" per request). Text that Databricks reads as one statement runs as one.
 *
 * <p>In the statements, {out} is a directory outside the sandbox, {catalogs} the one directory
 * DuckDB may still create files in, and {planted} holds a file with a planted token.
 */
@Timeout(120)
class HostEscapeAttemptsTest {
  private static final String PLANTED_TOKEN = "dapi-planted-0123456789abcdef";
  @TempDir static Path dataDir;
  @TempDir static Path outside;
  @TempDir static Path planted;
  private static Sandbox sandbox;
  private static WorkspaceClient admin;
  private static WorkspaceClient analyst;

  @BeforeAll
  static void start() throws IOException {
    Files.writeString(planted.resolve("token.csv"), "token\n" + PLANTED_TOKEN + "\n");
    sandbox = Sandbox.start(new SandboxOptions(0, dataDir, 300));
    admin = SandboxClients.pat(sandbox, Identities.ADMIN_TOKEN);
    analyst = SandboxClients.pat(sandbox, Identities.USER_TOKEN);
    assertThat(
            run(admin, "CREATE TABLE main.default.victim AS SELECT 1 AS x").getStatus().getState())
        .isEqualTo(StatementState.SUCCEEDED);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @AfterEach
  void nothingChangedAndNothingWritten() throws IOException {
    StatementResponse victim =
        run(admin, "SELECT count(*) AS n, min(x) AS x FROM main.default.victim");
    assertThat(victim.getStatus().getState())
        .as("the victim table is still there")
        .isEqualTo(StatementState.SUCCEEDED);
    assertThat(victim.getResult().getDataArray().iterator().next()).containsExactly("1", "1");
    assertThat(run(admin, "SELECT * FROM main.default.made").getStatus().getState())
        .isEqualTo(StatementState.FAILED);
    try (Stream<Path> out = Files.list(outside);
        Stream<Path> catalogs = Files.list(catalogDirectory());
        Stream<Path> plantedFiles = Files.list(planted)) {
      assertThat(out).as("files outside the sandbox").isEmpty();
      assertThat(catalogs).as("files in the catalog directory").isEmpty();
      assertThat(plantedFiles)
          .extracting(p -> p.getFileName().toString())
          .containsExactly("token.csv");
    }
  }

  private static Path catalogDirectory() {
    return Metastore.catalogDirectory(dataDir);
  }

  private static StatementResponse run(WorkspaceClient client, String sql) {
    String text =
        sql.replace("{out}", outside.toString())
            .replace("{catalogs}", catalogDirectory().toString())
            .replace("{planted}", planted.toString());
    return client
        .statementExecution()
        .executeStatement(
            new ExecuteStatementRequest()
                .setWarehouseId(Warehouses.STARTER_ID)
                .setStatement(text)
                .setWaitTimeout("30s"));
  }

  private static void assertFails(String sql, String errorClass) {
    StatementResponse r = run(analyst, sql);
    assertThat(r.getStatus().getState()).as(sql).isEqualTo(StatementState.FAILED);
    String message = r.getStatus().getError().getMessage();
    assertThat(message)
        .as(sql)
        .matches("(?s)\\[" + errorClass + "(\\.[A-Z_]+)?\\] .+ SQLSTATE: [0-9A-Z]{5}");
    assertThat(message).doesNotContain("Permission Error").doesNotContain(PLANTED_TOKEN);
  }

  static Stream<String> secondStatements() {
    return Stream.of(
        "SELECT 1 -- a comment ended by \r; DROP TABLE main.default.victim",
        "SELECT 1 -- a comment ended by \r\n; UPDATE main.default.victim SET x = 0",
        "SELECT 1; CREATE TABLE main.default.made AS SELECT 1 AS x",
        "SELECT 'a\\\\'; DROP TABLE main.default.victim; --'",
        "SELECT r'a\\'; DROP TABLE main.default.victim; --'",
        "SELECT R\"a\\\"; DROP TABLE main.default.victim; --\"",
        "SELECT 1 /* a /* nested */ comment */; DROP TABLE main.default.victim",
        "SELECT E'\\\\'; DROP TABLE main.default.victim; --'",
        "SELECT 1 -- \r; COPY (SELECT 1) TO '{out}/copied.csv'",
        "SELECT 1 -- \r; ATTACH '{out}/attached.duckdb' AS attached",
        "SELECT 1 -- \r"
            + "; CREATE TABLE main.default.made AS SELECT content FROM"
            + " read_text('/proc/self/environ')");
  }

  @ParameterizedTest
  @MethodSource("secondStatements")
  void aSecondStatementIsRefusedHoweverItIsHidden(String sql) {
    assertFails(sql, "PARSE_SYNTAX_ERROR");
  }

  static Stream<String> duckDbOnlyQuoting() {
    return Stream.of(
        "SELECT $$ ; DROP TABLE main.default.victim; $$",
        "SELECT $t$ '$t$; DROP TABLE main.default.victim; --'",
        "SELECT `x` FROM (SELECT 1 AS x) -- \r; DROP TABLE main.default.victim",
        "SELECT 1 \\; DROP TABLE main.default.victim");
  }

  @ParameterizedTest
  @MethodSource("duckDbOnlyQuoting")
  void duckDbsOwnQuotingIsNotDatabricksSyntax(String sql) {
    assertFails(sql, "PARSE_SYNTAX_ERROR");
  }

  static Stream<Arguments> oneStatementAsDatabricksReadsIt() {
    return Stream.of(
        arguments(
            "SELECT 'a\\'; DROP TABLE main.default.victim; --'",
            "a'; DROP TABLE main.default.victim; --"),
        arguments("SELECT 1 AS one /* a /* nested */ ; DROP TABLE main.default.victim */", "1"),
        arguments(
            "SELECT 1 AS one -- a comment carried on by a backslash \\\n"
                + "; DROP TABLE main.default.victim",
            "1"),
        arguments("SELECT \"a\"\"b\" -- \"\n", "ab"));
  }

  @ParameterizedTest
  @MethodSource("oneStatementAsDatabricksReadsIt")
  void whatDatabricksReadsAsOneStatementRunsAsOne(String sql, String value) {
    StatementResponse r = run(analyst, sql);
    assertThat(r.getStatus().getState())
        .as(sql + ": " + r.getStatus().getError())
        .isEqualTo(StatementState.SUCCEEDED);
    assertThat(r.getResult().getDataArray().iterator().next()).containsExactly(value);
  }

  static Stream<String> hostAccess() {
    return Stream.of(
        "SELECT content FROM read_text('/proc/self/environ')",
        "SELECT * FROM read_csv('/etc/passwd', sep = ':')",
        "SELECT * FROM read_csv('{planted}/token.csv')",
        "SELECT content FROM read_text('{planted}/token.csv')",
        "SELECT * FROM read_blob('{planted}/token.csv')",
        "SELECT * FROM system.main.read_text('{planted}/token.csv')",
        "SELECT * FROM `read_text`('{planted}/token.csv')",
        "SELECT * FROM '{planted}/token.csv'",
        "SELECT * FROM `{planted}/token.csv`",
        "SELECT * FROM read_files('/etc/passwd', format => 'csv')",
        "SELECT * FROM read_files('{planted}/token.csv')",
        "SELECT * FROM read_files('file:{planted}/token.csv', format => 'csv')",
        "SELECT * FROM csv.`/etc/passwd`",
        "SELECT * FROM csv.`{planted}/token.csv`",
        "SELECT * FROM read_csv('/Volumes/main/default/files/token.csv')",
        "SELECT * FROM glob('/*')",
        "SELECT * FROM glob('{planted}/*')",
        "SELECT * FROM parquet_metadata('{planted}/token.csv')",
        "COPY (SELECT 1) TO '{out}/copied.csv'",
        "COPY (SELECT 1) TO '{catalogs}/copied.csv'",
        "COPY main.default.victim FROM '{planted}/token.csv'",
        "EXPORT DATABASE '{out}/exported'",
        "ATTACH '{out}/attached.duckdb' AS attached",
        "ATTACH ':memory:' AS attached",
        "DETACH samples",
        "INSTALL httpfs",
        "LOAD httpfs",
        "SET threads = 1",
        "SET enable_external_access = true",
        "RESET threads",
        "PRAGMA threads = 1",
        "CALL pragma_version()",
        "CREATE PERSISTENT SECRET s (TYPE s3, KEY_ID 'a', SECRET 'b')",
        "SELECT getenv('HOME')",
        "SELECT current_setting('secret_directory')",
        "SELECT current_setting('temp_directory')",
        "SELECT * FROM duckdb_settings()",
        "SELECT * FROM query('SELECT * FROM uc_main.\"default\".victim')",
        "EXPLAIN ANALYZE COPY (SELECT 1) TO '{out}/copied.csv'");
  }

  @ParameterizedTest
  @MethodSource("hostAccess")
  void theHostIsOutOfReach(String sql) {
    assertFails(sql, "UNSUPPORTED_FEATURE");
  }

  @Test
  void aFunctionBodyCarriesNoSecondStatementAndReadsNoFile() {
    // a SQL function becomes a DuckDB macro: its body is read and checked like any statement
    for (String body :
        List.of(
            "1); DROP TABLE main.default.victim; SELECT (1",
            "1) -- \r; DROP TABLE main.default.victim; SELECT (1",
            "(SELECT content FROM read_text('/proc/self/environ'))")) {
      assertThatThrownBy(
              () ->
                  admin
                      .functions()
                      .create(
                          new CreateFunctionRequest()
                              .setFunctionInfo(
                                  new CreateFunction()
                                      .setCatalogName("main")
                                      .setSchemaName("default")
                                      .setName("escape")
                                      .setDataType(ColumnTypeName.STRING)
                                      .setRoutineBody(CreateFunctionRoutineBody.SQL)
                                      .setRoutineDefinition(body))))
          .as(body)
          .isInstanceOf(BadRequest.class);
    }
  }

  @Test
  void procSelfEnvironIsNotReadableInAnyForm() {
    // the sandbox runs inside the MCP server: its environment holds every caller's secrets
    for (String sql :
        List.of(
            "SELECT content FROM read_text('/proc/self/environ')",
            "SELECT * FROM read_blob('/proc/self/environ')",
            "SELECT * FROM read_csv('/proc/self/environ', sep = '=')",
            "SELECT * FROM read_files('/proc/self/environ', format => 'csv', sep => '=')",
            "SELECT * FROM csv.`/proc/self/environ`",
            "SELECT * FROM `/proc/self/environ`",
            "SELECT * FROM '/proc/self/environ'")) {
      StatementResponse r = run(analyst, sql);
      assertThat(r.getStatus().getState()).as(sql).isEqualTo(StatementState.FAILED);
      assertThat(r.getResult()).as(sql).isNull();
    }
  }
}
