package dev.databricksmcp.sandbox.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.service.jobs.ConditionTask;
import com.databricks.sdk.service.jobs.ConditionTaskOp;
import com.databricks.sdk.service.jobs.CreateJob;
import com.databricks.sdk.service.jobs.GetJobRequest;
import com.databricks.sdk.service.jobs.GetRunOutputRequest;
import com.databricks.sdk.service.jobs.GetRunRequest;
import com.databricks.sdk.service.jobs.Run;
import com.databricks.sdk.service.jobs.RunLifeCycleState;
import com.databricks.sdk.service.jobs.RunNow;
import com.databricks.sdk.service.jobs.RunResultState;
import com.databricks.sdk.service.jobs.Task;
import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.auth.Identities;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Jobs, their runs and the runs' task outputs come back after a restart with --sandbox-dir. */
@Timeout(120)
class JobsSurviveARestartTest {
  @TempDir Path dir;

  @Test
  void jobsAndRunsAreKept() throws Exception {
    long job;
    long runId;
    try (Sandbox sandbox = Sandbox.start(new SandboxOptions(0, dir, 100))) {
      WorkspaceClient w = admin(sandbox);
      Task check =
          new Task()
              .setTaskKey("check")
              .setConditionTask(
                  new ConditionTask()
                      .setLeft("2")
                      .setOp(ConditionTaskOp.GREATER_THAN)
                      .setRight("1"));
      job = w.jobs().create(new CreateJob().setName("kept").setTasks(List.of(check))).getJobId();
      runId = w.jobs().runNow(new RunNow().setJobId(job)).getResponse().getRunId();
      awaitEnd(w, runId);
    }
    try (Sandbox sandbox = Sandbox.start(new SandboxOptions(0, dir, 100))) {
      WorkspaceClient w = admin(sandbox);
      assertThat(w.jobs().get(new GetJobRequest().setJobId(job)).getSettings().getName())
          .isEqualTo("kept");
      Run run = w.jobs().getRun(new GetRunRequest().setRunId(runId));
      assertThat(run.getState().getResultState()).isEqualTo(RunResultState.SUCCESS);
      long task = run.getTasks().iterator().next().getRunId();
      assertThat(w.jobs().getRunOutput(new GetRunOutputRequest().setRunId(task)).getMetadata())
          .isNotNull();
      assertThat(run.getTasks().iterator().next().getConditionTask().getOutcome())
          .isEqualTo("true");
    }
  }

  private static WorkspaceClient admin(Sandbox sandbox) {
    return new WorkspaceClient(
        new DatabricksConfig()
            .setHost(sandbox.host())
            .setToken(Identities.ADMIN_TOKEN)
            .setAuthType("pat"));
  }

  private static void awaitEnd(WorkspaceClient w, long runId) throws InterruptedException {
    for (int i = 0; i < 1200; i++) {
      if (w.jobs().getRun(new GetRunRequest().setRunId(runId)).getState().getLifeCycleState()
          == RunLifeCycleState.TERMINATED) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("run " + runId + " did not end");
  }
}
