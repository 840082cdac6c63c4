package dev.databricksmcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.apps.App;
import com.databricks.sdk.service.apps.AppDeployment;
import com.databricks.sdk.service.apps.ComputeState;
import com.databricks.sdk.service.apps.CreateAppDeploymentRequest;
import com.databricks.sdk.service.apps.CreateAppRequest;
import com.databricks.sdk.service.apps.ListAppsRequest;
import com.databricks.sdk.service.apps.StopAppRequest;
import dev.databricksmcp.sandbox.apps.SampleApps;
import dev.databricksmcp.sandbox.auth.Identities;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code --sandbox-dir}, apps, their deployments and their states outlive a restart, and the
 * sample apps are not added again: one deleted stays deleted, one stopped stays stopped.
 */
@Timeout(120)
class AppsSurviveARestartTest {
  @TempDir Path dir;

  @Test
  void appsTheirDeploymentsAndStatesAreKept() throws Exception {
    Duration wait = Duration.ofSeconds(60);
    App before;
    List<AppDeployment> deployments;
    try (Sandbox first = Sandbox.start(new SandboxOptions(0, dir, 200))) {
      WorkspaceClient w = SandboxClients.pat(first, Identities.ADMIN_TOKEN);
      w.apps().create(new CreateAppRequest().setApp(new App().setName("kept-app"))).get(wait);
      w.apps()
          .deploy(
              new CreateAppDeploymentRequest()
                  .setAppName("kept-app")
                  .setAppDeployment(
                      new AppDeployment().setSourceCodePath("/Workspace/Users/a@b.c/kept")))
          .get(wait);
      w.apps().stop(new StopAppRequest().setName(SampleApps.RUNNING)).get(wait);
      w.apps().delete(SampleApps.STOPPED);
      before = w.apps().get("kept-app");
      deployments = list(w.apps().listDeployments("kept-app"));
    }
    try (Sandbox second = Sandbox.start(new SandboxOptions(0, dir, 200))) {
      WorkspaceClient w = SandboxClients.pat(second, Identities.ADMIN_TOKEN);
      assertThat(w.apps().get("kept-app")).isEqualTo(before);
      assertThat(list(w.apps().listDeployments("kept-app"))).isEqualTo(deployments);
      assertThat(w.apps().get(SampleApps.RUNNING).getComputeStatus().getState())
          .isEqualTo(ComputeState.STOPPED);
      assertThat(list(w.apps().list(new ListAppsRequest())))
          .extracting(App::getName)
          .containsExactlyInAnyOrder("kept-app", SampleApps.RUNNING);
    }
  }

  private static <T> List<T> list(Iterable<T> items) {
    return StreamSupport.stream(items.spliterator(), false).toList();
  }
}
