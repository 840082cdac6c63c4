package dev.databricksmcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.serving.CreateServingEndpoint;
import com.databricks.sdk.service.serving.EndpointCoreConfigInput;
import com.databricks.sdk.service.serving.EndpointStateConfigUpdate;
import com.databricks.sdk.service.serving.ServedEntityInput;
import com.databricks.sdk.service.serving.ServingEndpointDetailed;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.serving.FoundationModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code --sandbox-dir}, a serving endpoint, its served model's logs and its build logs
 * outlive a restart; the built-in foundation-model endpoints are there again, once each.
 */
@Timeout(120)
class ServingEndpointsSurviveARestartTest {
  @TempDir Path dir;

  @Test
  void endpointsAndTheirLogsAreKept() throws Exception {
    ServingEndpointDetailed before;
    String logs;
    try (Sandbox first = Sandbox.start(new SandboxOptions(0, dir, 200))) {
      WorkspaceClient w = SandboxClients.pat(first, Identities.ADMIN_TOKEN);
      before =
          w.servingEndpoints()
              .create(
                  new CreateServingEndpoint()
                      .setName("kept")
                      .setConfig(
                          new EndpointCoreConfigInput()
                              .setServedEntities(
                                  List.of(
                                      new ServedEntityInput()
                                          .setEntityName("main.default.churn_model")
                                          .setEntityVersion("3")))))
              .get(Duration.ofSeconds(60));
      logs = w.servingEndpoints().logs("kept", "churn_model-3").getLogs();
    }
    try (Sandbox second = Sandbox.start(new SandboxOptions(0, dir, 200))) {
      WorkspaceClient w = SandboxClients.pat(second, Identities.ADMIN_TOKEN);
      ServingEndpointDetailed after = w.servingEndpoints().get("kept");
      assertThat(after).isEqualTo(before);
      assertThat(after.getState().getConfigUpdate())
          .isEqualTo(EndpointStateConfigUpdate.NOT_UPDATING);
      assertThat(w.servingEndpoints().logs("kept", "churn_model-3").getLogs()).isEqualTo(logs);
      assertThat(w.servingEndpoints().buildLogs("kept", "churn_model-3").getLogs())
          .contains("Build finished.");
      long chats = 0;
      for (var e : w.servingEndpoints().list()) {
        chats += e.getName().equals(FoundationModels.ALL.get(0).name()) ? 1 : 0;
      }
      assertThat(chats).isEqualTo(1);
    }
  }
}
