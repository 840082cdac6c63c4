package dev.databricksmcp.sandbox.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.service.jobs.CreateJob;
import com.databricks.sdk.service.jobs.GetRunOutputRequest;
import com.databricks.sdk.service.jobs.GetRunRequest;
import com.databricks.sdk.service.jobs.NotebookTask;
import com.databricks.sdk.service.jobs.Run;
import com.databricks.sdk.service.jobs.RunLifeCycleState;
import com.databricks.sdk.service.jobs.RunNow;
import com.databricks.sdk.service.jobs.RunResultState;
import com.databricks.sdk.service.jobs.SqlTask;
import com.databricks.sdk.service.jobs.SqlTaskFile;
import com.databricks.sdk.service.jobs.Task;
import com.databricks.sdk.service.jobs.TaskDependency;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.workspace.Import;
import com.databricks.sdk.service.workspace.ImportFormat;
import com.databricks.sdk.service.workspace.Language;
import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.sql.Warehouses;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With the sandbox's own areas (no test source passed in), a job runs what the Workspace API holds:
 * a SQL notebook imported as SOURCE and a .sql workspace file imported RAW; after the notebook is
 * imported again with other content, the next run runs the new content.
 */
@Timeout(120)
class JobsRunWhatTheWorkspaceHoldsTest {
  private static Sandbox sandbox;
  private static WorkspaceClient w;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(new SandboxOptions(0, null, 100));
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
  void anImportedNotebookThenAnImportedSqlFileRun() throws Exception {
    put(
        "/Shared/etl/load",
        ImportFormat.SOURCE,
        notebook("CREATE TABLE main.default.ws_jobs AS SELECT 6*7 AS n"));
    put(
        "/Shared/etl/check.sql",
        ImportFormat.RAW,
        "INSERT INTO main.default.ws_jobs SELECT n + 1 FROM main.default.ws_jobs");
    long job =
        w.jobs()
            .create(
                new CreateJob()
                    .setName("from the workspace")
                    .setTasks(
                        List.of(
                            new Task()
                                .setTaskKey("load")
                                .setNotebookTask(
                                    new NotebookTask()
                                        .setNotebookPath("/Shared/etl/load")
                                        .setWarehouseId(Warehouses.STARTER_ID)),
                            new Task()
                                .setTaskKey("check")
                                .setDependsOn(List.of(new TaskDependency().setTaskKey("load")))
                                .setSqlTask(
                                    new SqlTask()
                                        .setWarehouseId(Warehouses.STARTER_ID)
                                        .setFile(
                                            new SqlTaskFile().setPath("/Shared/etl/check.sql"))))))
            .getJobId();

    Run run = awaitEnd(runNow(job));
    assertThat(run.getState().getResultState())
        .as(String.valueOf(run.getState()))
        .isEqualTo(RunResultState.SUCCESS);
    assertThat(rows("SELECT n FROM main.default.ws_jobs ORDER BY n"))
        .containsExactly(List.of("42"), List.of("43"));

    // the notebook changed in the workspace: the next run runs what it holds now
    w.workspace()
        .importContent(
            new Import()
                .setPath("/Shared/etl/load")
                .setFormat(ImportFormat.SOURCE)
                .setLanguage(Language.SQL)
                .setOverwrite(true)
                .setContent(base64(notebook("SELECT * FROM main.default.no_such_table"))));
    Run failed = awaitEnd(runNow(job));
    assertThat(failed.getState().getResultState()).isEqualTo(RunResultState.FAILED);
    long loadRun =
        failed.getTasks().stream()
            .filter(t -> t.getTaskKey().equals("load"))
            .findFirst()
            .orElseThrow()
            .getRunId();
    assertThat(w.jobs().getRunOutput(new GetRunOutputRequest().setRunId(loadRun)).getError())
        .contains("no_such_table");
  }

  private static String notebook(String sql) {
    return "-- Databricks notebook source\n" + sql + "\n";
  }

  private static void put(String path, ImportFormat format, String text) {
    Import request =
        new Import().setPath(path).setFormat(format).setContent(base64(text)).setOverwrite(true);
    if (format == ImportFormat.SOURCE) {
      request.setLanguage(Language.SQL);
    }
    w.workspace().mkdirs(path.substring(0, path.lastIndexOf('/')));
    w.workspace().importContent(request);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static long runNow(long job) {
    return w.jobs().runNow(new RunNow().setJobId(job)).getResponse().getRunId();
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

  private static List<List<String>> rows(String sql) {
    return w
        .statementExecution()
        .executeStatement(
            new ExecuteStatementRequest()
                .setWarehouseId(Warehouses.STARTER_ID)
                .setWaitTimeout("30s")
                .setStatement(sql))
        .getResult()
        .getDataArray()
        .stream()
        .map(r -> List.copyOf(r))
        .toList();
  }
}
