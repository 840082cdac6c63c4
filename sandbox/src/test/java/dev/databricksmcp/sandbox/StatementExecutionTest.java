package dev.databricksmcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.BadRequest;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.service.catalog.GetTableRequest;
import com.databricks.sdk.service.sql.CancelExecutionRequest;
import com.databricks.sdk.service.sql.ColumnInfo;
import com.databricks.sdk.service.sql.ColumnInfoTypeName;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.ExecuteStatementRequestOnWaitTimeout;
import com.databricks.sdk.service.sql.GetStatementRequest;
import com.databricks.sdk.service.sql.GetStatementResultChunkNRequest;
import com.databricks.sdk.service.sql.ResultData;
import com.databricks.sdk.service.sql.StatementParameterListItem;
import com.databricks.sdk.service.sql.StatementResponse;
import com.databricks.sdk.service.sql.StatementState;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.sql.Warehouses;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Statement Execution API through the real Databricks SDK: results, types, chunks, waits,
 * cancel, errors.
 */
@Timeout(120)
class StatementExecutionTest {
  private static Sandbox sandbox;
  private static WorkspaceClient admin;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(new SandboxOptions(0, null, 300));
    admin = SandboxClients.pat(sandbox, Identities.ADMIN_TOKEN);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static StatementResponse run(String sql) {
    return admin
        .statementExecution()
        .executeStatement(
            new ExecuteStatementRequest()
                .setWarehouseId(Warehouses.STARTER_ID)
                .setStatement(sql)
                .setWaitTimeout("30s"));
  }

  private static List<List<String>> rows(ResultData data) {
    List<List<String>> out = new ArrayList<>();
    for (Collection<String> row : data.getDataArray()) {
      out.add(new ArrayList<>(row));
    }
    return out;
  }

  @Test
  void aQueryWithinTheWaitReturnsRowsAndDatabricksTypes() {
    StatementResponse r =
        run(
            "SELECT 1 AS i, CAST(2 AS BIGINT) AS l, 'a' AS s, 1.5 AS d, CAST(2.25 AS DECIMAL(10,2))"
                + " AS dec, DATE '2024-01-02' AS dt, TIMESTAMP '2024-01-02 03:04:05' AS ts, true AS"
                + " b, [1,2] AS arr, NULL AS n");
    assertThat(r.getStatus().getState()).isEqualTo(StatementState.SUCCEEDED);
    List<ColumnInfo> cols = new ArrayList<>(r.getManifest().getSchema().getColumns());
    assertThat(cols)
        .extracting(ColumnInfo::getTypeName)
        .containsExactly(
            ColumnInfoTypeName.INT,
            ColumnInfoTypeName.LONG,
            ColumnInfoTypeName.STRING,
            ColumnInfoTypeName.DECIMAL,
            ColumnInfoTypeName.DECIMAL,
            ColumnInfoTypeName.DATE,
            ColumnInfoTypeName.TIMESTAMP,
            ColumnInfoTypeName.BOOLEAN,
            ColumnInfoTypeName.ARRAY,
            ColumnInfoTypeName.NULL);
    assertThat(cols.get(4).getTypePrecision()).isEqualTo(10L);
    assertThat(rows(r.getResult()).get(0))
        .containsExactly(
            "1",
            "2",
            "a",
            "1.5",
            "2.25",
            "2024-01-02",
            "2024-01-02T03:04:05.000Z",
            "true",
            "[1,2]",
            null);
    assertThat(r.getManifest().getTotalRowCount()).isEqualTo(1L);
  }

  @Test
  void databricksDialectIsTranslated() {
    StatementResponse r =
        run(
            "SELECT `fare_amount`, \"a \\\"quoted\\\" string\" AS s, current_user() AS u, nvl(NULL,"
                + " 'x') AS n FROM samples.nyctaxi.trips LIMIT 1");
    assertThat(r.getStatus().getState())
        .as(String.valueOf(r.getStatus().getError()))
        .isEqualTo(StatementState.SUCCEEDED);
    List<String> row = rows(r.getResult()).get(0);
    assertThat(row.get(1)).isEqualTo("a \"quoted\" string");
    assertThat(row.get(2)).isEqualTo("admin@sandbox.local");
    assertThat(row.get(3)).isEqualTo("x");
  }

  @Test
  void showAndDescribeAnswerFromUnityCatalog() {
    assertThat(rows(run("SHOW CATALOGS").getResult()))
        .contains(List.of("main"), List.of("samples"));
    assertThat(rows(run("SHOW SCHEMAS IN samples").getResult()))
        .contains(List.of("nyctaxi"), List.of("tpch"));
    assertThat(rows(run("SHOW TABLES IN samples.tpch LIKE 'part*'").getResult()))
        .extracting(row -> row.get(1))
        .containsExactly("part", "partsupp");
    StatementResponse describe = run("DESCRIBE TABLE samples.nyctaxi.trips");
    assertThat(describe.getManifest().getSchema().getColumns())
        .extracting(ColumnInfo::getName)
        .containsExactly("col_name", "data_type", "comment");
    assertThat(rows(describe.getResult()).get(2))
        .containsExactly("trip_distance", "double", "Trip distance in miles");
  }

  @Test
  void catalogAndSchemaContextComeFromTheRequestFields() {
    StatementResponse r =
        admin
            .statementExecution()
            .executeStatement(
                new ExecuteStatementRequest()
                    .setWarehouseId(Warehouses.STARTER_ID)
                    .setCatalog("samples")
                    .setSchema("tpch")
                    .setWaitTimeout("30s")
                    .setStatement("SELECT count(*) AS n, current_catalog() AS c FROM region"));
    assertThat(rows(r.getResult()).get(0)).containsExactly("5", "samples");
  }

  @Test
  void namedParametersAreBoundNotSpliced() {
    StatementResponse r =
        admin
            .statementExecution()
            .executeStatement(
                new ExecuteStatementRequest()
                    .setWarehouseId(Warehouses.STARTER_ID)
                    .setWaitTimeout("30s")
                    .setStatement("SELECT :name AS name, :n + 1 AS next")
                    .setParameters(
                        List.of(
                            new StatementParameterListItem()
                                .setName("name")
                                .setValue("x'); DROP TABLE t; --"),
                            new StatementParameterListItem()
                                .setName("n")
                                .setValue("41")
                                .setType("INT"))));
    assertThat(rows(r.getResult()).get(0)).containsExactly("x'); DROP TABLE t; --", "42");
  }

  @Test
  void largeResultsComeInChunksPagedToTheEnd() {
    StatementResponse r =
        run("SELECT * FROM samples.tpch.lineitem ORDER BY l_orderkey, l_linenumber");
    long chunks = r.getManifest().getTotalChunkCount();
    assertThat(chunks).isGreaterThan(1);
    long seen = r.getResult().getRowCount();
    Long next = r.getResult().getNextChunkIndex();
    while (next != null) {
      ResultData chunk =
          admin
              .statementExecution()
              .getStatementResultChunkN(
                  new GetStatementResultChunkNRequest()
                      .setStatementId(r.getStatementId())
                      .setChunkIndex(next));
      assertThat(chunk.getRowOffset()).isEqualTo(seen);
      seen += chunk.getRowCount();
      next = chunk.getNextChunkIndex();
    }
    assertThat(seen).isEqualTo(60_000L).isEqualTo(r.getManifest().getTotalRowCount());
  }

  @Test
  void rowAndByteLimitsTruncate() {
    StatementResponse rows =
        admin
            .statementExecution()
            .executeStatement(
                new ExecuteStatementRequest()
                    .setWarehouseId(Warehouses.STARTER_ID)
                    .setWaitTimeout("30s")
                    .setRowLimit(10L)
                    .setStatement("SELECT * FROM range(100)"));
    assertThat(rows.getManifest().getTotalRowCount()).isEqualTo(10L);
    assertThat(rows.getManifest().getTruncated()).isTrue();
    StatementResponse bytes =
        admin
            .statementExecution()
            .executeStatement(
                new ExecuteStatementRequest()
                    .setWarehouseId(Warehouses.STARTER_ID)
                    .setWaitTimeout("30s")
                    .setByteLimit(1000L)
                    .setStatement("SELECT * FROM range(100000)"));
    assertThat(bytes.getManifest().getTruncated()).isTrue();
    assertThat(bytes.getManifest().getTotalRowCount()).isLessThan(1000L);
  }

  @Test
  void aSlowQueryStaysRunningUntilItFinishes() throws Exception {
    StatementResponse submitted =
        admin
            .statementExecution()
            .executeStatement(
                new ExecuteStatementRequest()
                    .setWarehouseId(Warehouses.STARTER_ID)
                    .setWaitTimeout("0s")
                    .setStatement("SELECT sandbox_sleep(1.5) AS slept"));
    assertThat(submitted.getStatus().getState())
        .isIn(StatementState.PENDING, StatementState.RUNNING);
    StatementResponse polled = submitted;
    while (polled.getStatus().getState() == StatementState.PENDING
        || polled.getStatus().getState() == StatementState.RUNNING) {
      Thread.sleep(100);
      polled =
          admin
              .statementExecution()
              .getStatement(new GetStatementRequest().setStatementId(submitted.getStatementId()));
    }
    assertThat(polled.getStatus().getState()).isEqualTo(StatementState.SUCCEEDED);
    assertThat(rows(polled.getResult()).get(0)).containsExactly("1.5");
  }

  @Test
  void cancelStopsARunningStatement() throws Exception {
    StatementResponse submitted =
        admin
            .statementExecution()
            .executeStatement(
                new ExecuteStatementRequest()
                    .setWarehouseId(Warehouses.STARTER_ID)
                    .setWaitTimeout("0s")
                    .setStatement("SELECT sandbox_sleep(30)"));
    admin
        .statementExecution()
        .cancelExecution(new CancelExecutionRequest().setStatementId(submitted.getStatementId()));
    assertThat(
            admin
                .statementExecution()
                .getStatement(new GetStatementRequest().setStatementId(submitted.getStatementId()))
                .getStatus()
                .getState())
        .isEqualTo(StatementState.CANCELED);
  }

  @Test
  void onWaitTimeoutCancelCancelsAtTheDeadline() {
    StatementResponse r =
        admin
            .statementExecution()
            .executeStatement(
                new ExecuteStatementRequest()
                    .setWarehouseId(Warehouses.STARTER_ID)
                    .setWaitTimeout("5s")
                    .setOnWaitTimeout(ExecuteStatementRequestOnWaitTimeout.CANCEL)
                    .setStatement("SELECT sandbox_sleep(20)"));
    assertThat(r.getStatus().getState()).isEqualTo(StatementState.CANCELED);
  }

  @Test
  void sqlErrorsAreReportedAsDatabricksDoes() {
    StatementResponse missing = run("SELECT * FROM main.default.no_such_table");
    assertThat(missing.getStatus().getState()).isEqualTo(StatementState.FAILED);
    assertThat(missing.getStatus().getError().getMessage())
        .startsWith("[TABLE_OR_VIEW_NOT_FOUND]")
        .contains("no_such_table")
        .contains("SQLSTATE: 42P01")
        .doesNotContain("uc_")
        .doesNotContainIgnoringCase("duckdb");
    assertThat(run("SELEC 1").getStatus().getError().getMessage())
        .startsWith("[PARSE_SYNTAX_ERROR]");
    assertThat(run("SELECT nope FROM samples.tpch.region").getStatus().getError().getMessage())
        .startsWith("[UNRESOLVED_COLUMN");
    assertThat(run("SELECT 1; SELECT 2").getStatus().getError().getMessage())
        .contains("one statement");
    assertThat(run("SELECT http_request('http://x')").getStatus().getError().getMessage())
        .startsWith("[UNSUPPORTED_FEATURE]");
    assertThat(run("CREATE TABLE samples.tpch.mine AS SELECT 1").getStatus().getState())
        .isEqualTo(StatementState.FAILED);
  }

  @Test
  void tablesCreatedWithSqlAppearInUnityCatalog() {
    assertThat(
            run("CREATE TABLE main.default.fares USING DELTA AS SELECT fare_amount FROM"
                    + " samples.nyctaxi.trips LIMIT 10")
                .getStatus()
                .getState())
        .isEqualTo(StatementState.SUCCEEDED);
    assertThat(
            admin
                .tables()
                .get(new GetTableRequest().setFullName("main.default.fares"))
                .getColumns())
        .hasSize(1);
    assertThat(sandbox.requestLog().entries()).isNotEmpty();
  }

  @Test
  void badRequestsFailWithTheRightStatus() {
    assertThatThrownBy(
            () ->
                admin
                    .statementExecution()
                    .executeStatement(
                        new ExecuteStatementRequest()
                            .setWarehouseId(Warehouses.STARTER_ID)
                            .setStatement("SELECT 1")
                            .setWaitTimeout("3s")))
        .isInstanceOf(BadRequest.class)
        .hasMessageContaining("wait_timeout");
    assertThatThrownBy(
            () ->
                admin
                    .statementExecution()
                    .executeStatement(
                        new ExecuteStatementRequest()
                            .setWarehouseId("nope")
                            .setStatement("SELECT 1")))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(
            () ->
                admin
                    .statementExecution()
                    .getStatement(new GetStatementRequest().setStatementId("nope")))
        .isInstanceOf(NotFound.class);
  }
}
