package dev.databricksmcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.catalog.PermissionsChange;
import com.databricks.sdk.service.catalog.Privilege;
import com.databricks.sdk.service.catalog.UpdatePermissions;
import com.databricks.sdk.service.dashboards.GenieAttachment;
import com.databricks.sdk.service.dashboards.GenieMessage;
import com.databricks.sdk.service.dashboards.GenieStartConversationMessageRequest;
import com.databricks.sdk.service.dashboards.MessageErrorType;
import com.databricks.sdk.service.dashboards.MessageStatus;
import com.databricks.sdk.service.sql.StatementState;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.genie.SeededSpaces;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Genie's SQL runs with the asker's grants, and conversations outlive a restart. Where the SQL
 * fails (here: the asker has no SELECT on the table), the message ends FAILED with error type
 * SQL_EXECUTION_EXCEPTION and the statement's error, and keeps its query attachment so that the SQL
 * can be read: the SDK's MessageStatus documents FAILED as "the response generation or query
 * execution failed"; which error type the service uses for a missing privilege is not documented,
 * and SQL_EXECUTION_EXCEPTION is the sandbox's choice.
 */
@Timeout(120)
class GenieAsksAsTheCallerTest {
  private static final String SPACE = SeededSpaces.SAMPLES_SPACE_ID;

  @TempDir Path dir;

  private static GenieMessage ask(WorkspaceClient w, String question) throws Exception {
    return w.genie()
        .startConversation(
            new GenieStartConversationMessageRequest().setSpaceId(SPACE).setContent(question))
        .get(Duration.ofSeconds(60));
  }

  @Test
  void aUserWithoutSelectGetsNoRows() throws Exception {
    try (Sandbox sandbox = Sandbox.start(new SandboxOptions(0, null, 200))) {
      WorkspaceClient admin = SandboxClients.pat(sandbox, Identities.ADMIN_TOKEN);
      admin
          .grants()
          .update(
              new UpdatePermissions()
                  .setSecurableType("catalog")
                  .setFullName("samples")
                  .setChanges(
                      List.of(
                          new PermissionsChange()
                              .setPrincipal(Identities.SERVICE_PRINCIPAL.userName())
                              .setRemove(List.of(Privilege.SELECT)))));
      WorkspaceClient sp = SandboxClients.pat(sandbox, Identities.SERVICE_PRINCIPAL_TOKEN);
      GenieMessage failed;
      try {
        failed = ask(sp, "How many orders are there per order status?");
      } catch (IllegalStateException e) {
        // the SDK's waiter throws on FAILED; read the message as it ended
        failed = null;
      }
      GenieMessage m =
          failed != null
              ? failed
              : sp.genie()
                  .listConversationMessages(
                      SPACE,
                      sp.genie()
                          .listConversations(SPACE)
                          .getConversations()
                          .iterator()
                          .next()
                          .getConversationId())
                  .getMessages()
                  .iterator()
                  .next();
      assertThat(m.getStatus()).isEqualTo(MessageStatus.FAILED);
      assertThat(m.getError().getType()).isEqualTo(MessageErrorType.SQL_EXECUTION_EXCEPTION);
      assertThat(m.getError().getError()).contains("INSUFFICIENT_PERMISSIONS");
      assertThat(m.getAttachments()).anyMatch(a -> a.getQuery() != null);
    }
  }

  @Test
  void conversationsOutliveARestartAndTheirResultIsRunAgain() throws Exception {
    GenieMessage asked;
    try (Sandbox first = Sandbox.start(new SandboxOptions(0, dir, 200))) {
      asked =
          ask(
              SandboxClients.pat(first, Identities.USER_TOKEN),
              "Who are the top 10 customers by account balance?");
      assertThat(asked.getStatus()).isEqualTo(MessageStatus.COMPLETED);
    }
    try (Sandbox second = Sandbox.start(new SandboxOptions(0, dir, 200))) {
      WorkspaceClient analyst = SandboxClients.pat(second, Identities.USER_TOKEN);
      GenieMessage again =
          analyst.genie().getMessage(SPACE, asked.getConversationId(), asked.getMessageId());
      assertThat(again.getStatus()).isEqualTo(MessageStatus.COMPLETED);
      GenieAttachment query =
          again.getAttachments().stream()
              .filter(a -> a.getQuery() != null)
              .findFirst()
              .orElseThrow();
      assertThat(query.getQuery().getQuery()).contains("ORDER BY c_acctbal DESC");
      var result =
          analyst
              .genie()
              .getMessageAttachmentQueryResult(
                  SPACE, asked.getConversationId(), asked.getMessageId(), query.getAttachmentId());
      assertThat(result.getStatementResponse().getStatus().getState())
          .isEqualTo(StatementState.SUCCEEDED);
      assertThat(result.getStatementResponse().getResult().getDataArray()).hasSize(10);
    }
  }
}
