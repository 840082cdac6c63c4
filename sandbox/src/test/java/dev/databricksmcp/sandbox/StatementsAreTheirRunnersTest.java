package dev.databricksmcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.sql.CancelExecutionRequest;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.GetStatementRequest;
import com.databricks.sdk.service.sql.GetStatementResultChunkNRequest;
import com.databricks.sdk.service.sql.StatementResponse;
import com.databricks.sdk.service.sql.StatementState;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.sql.Warehouses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A statement's rows are its runner's: another principal who learns a statement id (from a log, a
 * shared screen, a guess) cannot read its status or rows, fetch a chunk or cancel it; the answer is
 * the one for an id that does not exist, so ids cannot be probed. An admin may read it.
 */
@Timeout(60)
class StatementsAreTheirRunnersTest {
  private static Sandbox sandbox;
  private static WorkspaceClient analyst;
  private static WorkspaceClient other;
  private static WorkspaceClient admin;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.inMemory());
    analyst = SandboxClients.pat(sandbox, Identities.USER_TOKEN);
    other = SandboxClients.pat(sandbox, Identities.SERVICE_PRINCIPAL_TOKEN);
    admin = SandboxClients.pat(sandbox, Identities.ADMIN_TOKEN);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void anotherPrincipalCannotReadFetchOrCancelIt() {
    StatementResponse mine =
        analyst
            .statementExecution()
            .executeStatement(
                new ExecuteStatementRequest()
                    .setWarehouseId(Warehouses.STARTER_ID)
                    .setStatement("SELECT 'private' AS secret")
                    .setWaitTimeout("30s"));
    assertThat(mine.getStatus().getState()).isEqualTo(StatementState.SUCCEEDED);
    String id = mine.getStatementId();

    assertThatThrownBy(
            () ->
                other
                    .statementExecution()
                    .getStatement(new GetStatementRequest().setStatementId(id)))
        .isInstanceOf(ResourceDoesNotExist.class)
        .hasMessageContaining("does not exist");
    assertThatThrownBy(
            () ->
                other
                    .statementExecution()
                    .getStatementResultChunkN(
                        new GetStatementResultChunkNRequest().setStatementId(id).setChunkIndex(0L)))
        .isInstanceOf(ResourceDoesNotExist.class);
    assertThatThrownBy(
            () ->
                other
                    .statementExecution()
                    .cancelExecution(new CancelExecutionRequest().setStatementId(id)))
        .isInstanceOf(ResourceDoesNotExist.class);

    // the runner and an admin still read it
    assertThat(
            analyst
                .statementExecution()
                .getStatement(new GetStatementRequest().setStatementId(id))
                .getResult()
                .getDataArray())
        .containsExactly(java.util.List.of("private"));
    assertThat(
            admin
                .statementExecution()
                .getStatement(new GetStatementRequest().setStatementId(id))
                .getStatus()
                .getState())
        .isEqualTo(StatementState.SUCCEEDED);
  }
}
