package dev.databricksmcp.sandbox.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.service.jobs.CreateJob;
import com.databricks.sdk.service.jobs.GetRunOutputRequest;
import com.databricks.sdk.service.jobs.GetRunRequest;
import com.databricks.sdk.service.jobs.Run;
import com.databricks.sdk.service.jobs.RunLifeCycleState;
import com.databricks.sdk.service.jobs.RunNow;
import com.databricks.sdk.service.jobs.RunOutput;
import com.databricks.sdk.service.jobs.SqlStatementOutput;
import com.databricks.sdk.service.jobs.SqlTask;
import com.databricks.sdk.service.jobs.SqlTaskFile;
import com.databricks.sdk.service.jobs.Task;
import com.databricks.sdk.service.sql.GetStatementRequest;
import com.databricks.sdk.service.sql.StatementResponse;
import com.databricks.sdk.service.sql.StatementState;
import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.ApiAreas;
import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.compute.ComputeClock;
import dev.databricksmcp.sandbox.sql.Warehouses;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A SQL task's statements are read back through the Statement Execution API by the {@code
 * lookup_key} runs/get-output gives for each (<a
 * href="https://docs.databricks.com/api/workspace/jobs/getrunoutput">runs/get-output</a>: "a key
 * that can be used to look up query details"; the reference does not say through which API, so the
 * sandbox chose the statement's id, read as any statement is): each with its state, its rows, or
 * its error.
 */
@Timeout(120)
class SqlTaskStatementsReadableTest {
  private static final RegisteredNotebooks FILES = new RegisteredNotebooks();
  private static Sandbox sandbox;
  private static WorkspaceClient w;

  @BeforeAll
  static void start() {
    List<ApiArea> areas = new ArrayList<>(ApiAreas.discovered());
    areas.replaceAll(a -> a instanceof JobsArea ? new JobsArea(FILES, new ComputeClock()) : a);
    sandbox = Sandbox.start(new SandboxOptions(0, null, 100), areas);
    w =
        new WorkspaceClient(
            new DatabricksConfig()
                .setHost(sandbox.host())
                .setToken(Identities.ADMIN_TOKEN)
                .setAuthType("pat"));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void eachStatementOfASqlTaskIsReadByItsLookupKey() throws Exception {
    FILES.put("/Shared/readable.sql", "SQL", "SELECT 6 * 7 AS answer; SELECT 'x' AS letter");
    RunOutput out = onlyTaskOutput(sqlJob("/Shared/readable.sql"));

    List<SqlStatementOutput> keys =
        List.copyOf(out.getSqlOutput().getQueryOutput().getSqlStatements());
    assertThat(keys).hasSize(2);
    StatementResponse first = statement(keys.get(0).getLookupKey());
    assertThat(first.getStatus().getState()).isEqualTo(StatementState.SUCCEEDED);
    assertThat(first.getManifest().getSchema().getColumns().iterator().next().getName())
        .isEqualTo("answer");
    assertThat(first.getResult().getDataArray()).containsExactly(List.of("42"));
    assertThat(statement(keys.get(1).getLookupKey()).getResult().getDataArray())
        .containsExactly(List.of("x"));
  }

  @Test
  void theFailedStatementIsReadWithItsError() throws Exception {
    FILES.put("/Shared/failing.sql", "SQL", "SELECT * FROM main.default.not_there_at_all");
    RunOutput out = onlyTaskOutput(sqlJob("/Shared/failing.sql"));

    String key =
        out.getSqlOutput().getQueryOutput().getSqlStatements().iterator().next().getLookupKey();
    StatementResponse failed = statement(key);
    assertThat(failed.getStatus().getState()).isEqualTo(StatementState.FAILED);
    assertThat(failed.getStatus().getError().getMessage()).contains("not_there_at_all");
  }

  private static long sqlJob(String path) {
    return w.jobs()
        .create(
            new CreateJob()
                .setName("statements " + path)
                .setTasks(
                    List.of(
                        new Task()
                            .setTaskKey("q")
                            .setSqlTask(
                                new SqlTask()
                                    .setWarehouseId(Warehouses.STARTER_ID)
                                    .setFile(new SqlTaskFile().setPath(path))))))
        .getJobId();
  }

  private static RunOutput onlyTaskOutput(long job) throws InterruptedException {
    long runId = w.jobs().runNow(new RunNow().setJobId(job)).getResponse().getRunId();
    Run run = awaitEnd(runId);
    long taskRun = run.getTasks().iterator().next().getRunId();
    return w.jobs().getRunOutput(new GetRunOutputRequest().setRunId(taskRun));
  }

  private static StatementResponse statement(String id) {
    return w.statementExecution().getStatement(new GetStatementRequest().setStatementId(id));
  }

  private static Run awaitEnd(long runId) throws InterruptedException {
    for (int i = 0; i < 1200; i++) {
      Run run = w.jobs().getRun(new GetRunRequest().setRunId(runId));
      if (run.getState().getLifeCycleState() == RunLifeCycleState.TERMINATED
          || run.getState().getLifeCycleState() == RunLifeCycleState.INTERNAL_ERROR) {
        return run;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("run " + runId + " did not end");
  }
}
