package dev.databricksmcp.server.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.http.Request;
import com.databricks.sdk.core.http.Response;
import com.databricks.sdk.service.catalog.CreateCatalog;
import com.databricks.sdk.service.catalog.DeleteCatalogRequest;
import com.databricks.sdk.service.catalog.GetCatalogRequest;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.ListWarehousesRequest;
import com.databricks.sdk.service.sql.StatementResponse;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.faults.FaultInjector;
import dev.databricksmcp.sandbox.faults.FaultInjector.Kind;
import dev.databricksmcp.server.testing.SandboxFixture;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the Databricks SDK sends twice, and what it no longer does through the guard: a write whose
 * answer was lost after Databricks carried it out is not sent again; reads are still retried.
 */
@Timeout(120)
class WriteRetryGuardTest {
  private static final String STATEMENTS = "^/api/2\\.0/sql/statements$";
  private static SandboxFixture fx;
  private static String warehouseId;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture();
    warehouseId =
        fx.adminClient().warehouses().list(new ListWarehousesRequest()).iterator().next().getId();
    sql(fx.adminClient(), "CREATE TABLE main.default.guarded (n INT)");
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @BeforeEach
  void clean() {
    fx.sandbox.faults().clear();
    sql(fx.adminClient(), "DELETE FROM main.default.guarded");
    fx.sandbox.requestLog().clear();
  }

  /** A client as the SDK makes it by default: no guard. */
  private static WorkspaceClient unguarded() {
    return new WorkspaceClient(
        new DatabricksConfig()
            .setHost(fx.sandbox.host())
            .setToken(Identities.ADMIN_TOKEN)
            .setAuthType("pat"));
  }

  private static StatementResponse sql(WorkspaceClient w, String statement) {
    return w.statementExecution()
        .executeStatement(
            new ExecuteStatementRequest()
                .setStatement(statement)
                .setWarehouseId(warehouseId)
                .setWaitTimeout("10s"));
  }

  private static long rows() {
    return fx.rowCount("main.default.guarded");
  }

  private static void loseTheAnswerOnce(String method, String path, Kind kind) {
    fx.sandbox.faults().add(new FaultInjector.Rule(method, Pattern.compile(path), kind, 1, 1.0, 0));
  }

  private static long requests(String method, String pathRegex) {
    return fx.sandbox.requestLog().entries().stream()
        .filter(e -> e.method().equals(method) && e.path().matches(pathRegex))
        .count();
  }

  @Test
  void theSdkAloneRunsAnInsertTwiceWhenItsAnswerIsLostToA503() {
    loseTheAnswerOnce("POST", STATEMENTS, Kind.UNAVAILABLE_AFTER_PROCESSING);

    sql(unguarded(), "INSERT INTO main.default.guarded VALUES (1)");

    assertThat(rows()).as("the SDK retried a POST that had been carried out").isEqualTo(2);
  }

  @Test
  void throughTheGuardTheInsertRunsOnceAndTheFailureSaysItMayHaveBeenCarriedOut() {
    loseTheAnswerOnce("POST", STATEMENTS, Kind.UNAVAILABLE_AFTER_PROCESSING);

    assertThatThrownBy(() -> sql(fx.adminClient(), "INSERT INTO main.default.guarded VALUES (1)"))
        .hasRootCauseInstanceOf(com.databricks.sdk.core.DatabricksError.class)
        .hasMessageContaining("may have been carried out");

    assertThat(requests("POST", STATEMENTS)).isEqualTo(1);
    assertThat(rows()).isEqualTo(1);
  }

  @Test
  void aReadAnswered503IsStillRetried() {
    String id = sql(fx.adminClient(), "SELECT 1").getStatementId();
    fx.sandbox.requestLog().clear();
    loseTheAnswerOnce("GET", "^/api/2\\.0/sql/statements/[^/]+$", Kind.UNAVAILABLE);

    StatementResponse r =
        fx.adminClient()
            .statementExecution()
            .getStatement(
                new com.databricks.sdk.service.sql.GetStatementRequest().setStatementId(id));

    assertThat(r.getStatementId()).isEqualTo(id);
    assertThat(requests("GET", "^/api/2\\.0/sql/statements/[^/]+$")).isEqualTo(2);
  }

  @Test
  void aWriteRefusedWith503IsNotRetriedEither() {
    loseTheAnswerOnce("POST", STATEMENTS, Kind.UNAVAILABLE);

    assertThatThrownBy(() -> sql(fx.adminClient(), "INSERT INTO main.default.guarded VALUES (1)"))
        .hasMessageContaining("may have been carried out");
    assertThat(rows()).isZero();
  }

  @Test
  void theSdkAloneResendsADeleteWhoseConnectionDroppedAndReportsNotFound() {
    fx.adminClient().catalogs().create(new CreateCatalog().setName("resent_delete"));
    loseTheAnswerOnce(
        "DELETE", "^/api/2\\.1/unity-catalog/catalogs/resent_delete$", Kind.DROP_AFTER_PROCESSING);

    assertThatThrownBy(
            () ->
                unguarded().catalogs().delete(new DeleteCatalogRequest().setName("resent_delete")))
        .as("Apache HttpClient resent the DELETE, which then found nothing to delete")
        .isInstanceOf(NotFound.class);
  }

  @Test
  void throughTheGuardADeleteWhoseConnectionDroppedIsNotResent() {
    fx.adminClient().catalogs().create(new CreateCatalog().setName("kept_delete"));
    loseTheAnswerOnce(
        "DELETE", "^/api/2\\.1/unity-catalog/catalogs/kept_delete$", Kind.DROP_AFTER_PROCESSING);

    assertThatThrownBy(
            () ->
                fx.adminClient()
                    .catalogs()
                    .delete(new DeleteCatalogRequest().setName("kept_delete")))
        .isNotInstanceOf(NotFound.class);

    assertThat(requests("DELETE", "^/api/2\\.1/unity-catalog/catalogs/kept_delete$")).isEqualTo(1);
    assertThatThrownBy(
            () -> fx.adminClient().catalogs().get(new GetCatalogRequest().setName("kept_delete")))
        .as("the one DELETE was carried out")
        .isInstanceOf(NotFound.class);
  }

  @Test
  void a503WithRetryAfterIsLeftToTheSdkToRetry() throws Exception {
    Request post = new Request("POST", "http://127.0.0.1:1/api/2.0/sql/statements");
    Response withRetryAfter =
        new Response(post, 503, "Service Unavailable", Map.of("Retry-After", List.of("1")), "{}");
    Response without =
        new Response(post, 503, "Service Unavailable", Map.of(), "{\"message\":\"busy\"}");

    assertThat(WriteRetryGuard.around(in -> withRetryAfter).execute(post)).isSameAs(withRetryAfter);
    assertThatThrownBy(() -> WriteRetryGuard.around(in -> without).execute(post))
        .isInstanceOf(WriteRetryGuard.UnconfirmedRequestException.class)
        .hasMessageContaining("busy");
  }
}
