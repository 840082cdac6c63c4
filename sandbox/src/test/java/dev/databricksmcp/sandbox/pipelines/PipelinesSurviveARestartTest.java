package dev.databricksmcp.sandbox.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.service.pipelines.CreatePipeline;
import com.databricks.sdk.service.pipelines.GetPipelineRequest;
import com.databricks.sdk.service.pipelines.GetPipelineResponse;
import com.databricks.sdk.service.pipelines.GetUpdateRequest;
import com.databricks.sdk.service.pipelines.ListPipelineEventsRequest;
import com.databricks.sdk.service.pipelines.StartUpdate;
import com.databricks.sdk.service.pipelines.UpdateInfoState;
import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.auth.Identities;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** With --sandbox-dir, a pipeline, its ended update and its events are there after a restart. */
@Timeout(120)
class PipelinesSurviveARestartTest {
  @TempDir Path dir;

  @Test
  void pipelinesUpdatesAndEventsAreKept() throws Exception {
    String id;
    String update;
    try (Sandbox sandbox = Sandbox.start(new SandboxOptions(0, dir, 100))) {
      WorkspaceClient w = client(sandbox);
      id =
          w.pipelines()
              .create(new CreatePipeline().setName("kept").setCatalog("main").setSchema("default"))
              .getPipelineId();
      update = w.pipelines().startUpdate(new StartUpdate().setPipelineId(id)).getUpdateId();
      // no sources: the update fails at INITIALIZING, which is an end like any other
      for (int i = 0; i < 1200 && !ended(w, id, update); i++) {
        Thread.sleep(50);
      }
    }
    try (Sandbox sandbox = Sandbox.start(new SandboxOptions(0, dir, 100))) {
      WorkspaceClient w = client(sandbox);
      GetPipelineResponse p = w.pipelines().get(new GetPipelineRequest().setPipelineId(id));
      assertThat(p.getName()).isEqualTo("kept");
      assertThat(p.getLatestUpdates().iterator().next().getUpdateId()).isEqualTo(update);
      assertThat(
              w.pipelines()
                  .getUpdate(new GetUpdateRequest().setPipelineId(id).setUpdateId(update))
                  .getUpdate()
                  .getState())
          .isEqualTo(UpdateInfoState.FAILED);
      assertThat(
              w.pipelines().listPipelineEvents(new ListPipelineEventsRequest().setPipelineId(id)))
          .isNotEmpty();
    }
  }

  private static boolean ended(WorkspaceClient w, String id, String update) {
    return Pipelines.ENDED.contains(
        w.pipelines()
            .getUpdate(new GetUpdateRequest().setPipelineId(id).setUpdateId(update))
            .getUpdate()
            .getState());
  }

  private static WorkspaceClient client(Sandbox sandbox) {
    return new WorkspaceClient(
        new DatabricksConfig()
            .setHost(sandbox.host())
            .setToken(Identities.ADMIN_TOKEN)
            .setAuthType("pat"));
  }
}
