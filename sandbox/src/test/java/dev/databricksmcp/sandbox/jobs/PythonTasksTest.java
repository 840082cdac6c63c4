package dev.databricksmcp.sandbox.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.service.jobs.CreateJob;
import com.databricks.sdk.service.jobs.GetRunOutputRequest;
import com.databricks.sdk.service.jobs.GetRunRequest;
import com.databricks.sdk.service.jobs.JobParameterDefinition;
import com.databricks.sdk.service.jobs.NotebookTask;
import com.databricks.sdk.service.jobs.Run;
import com.databricks.sdk.service.jobs.RunLifeCycleState;
import com.databricks.sdk.service.jobs.RunNow;
import com.databricks.sdk.service.jobs.RunOutput;
import com.databricks.sdk.service.jobs.RunResultState;
import com.databricks.sdk.service.jobs.SparkPythonTask;
import com.databricks.sdk.service.jobs.Task;
import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.ApiAreas;
import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.compute.ComputeClock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python job tasks through the real SDK: with the opt-in ({@code --sandbox-python}) a Python
 * notebook's cells run in order, read the task's parameters as widgets and exit with a value
 * ({@code notebook_output.result}); a {@code spark_python_task} file gets its parameters as argv
 * and its output as logs (runs/get-output: logs are for spark_python_task, not notebook_task); an
 * exception fails the task with its last line and its traceback. Without the opt-in a Python task
 * fails saying how to turn it on, and runs nothing: code that would write a file leaves none.
 */
@Timeout(120)
class PythonTasksTest {
  private final RegisteredNotebooks files = new RegisteredNotebooks();
  private Sandbox sandbox;
  private WorkspaceClient w;

  private void start(boolean python) {
    List<ApiArea> areas = new ArrayList<>(ApiAreas.discovered());
    areas.replaceAll(a -> a instanceof JobsArea ? new JobsArea(files, new ComputeClock()) : a);
    sandbox = Sandbox.start(new SandboxOptions(0, null, 100).withPythonCommands(python), areas);
    w =
        new WorkspaceClient(
            new DatabricksConfig()
                .setHost(sandbox.host())
                .setToken(Identities.ADMIN_TOKEN)
                .setAuthType("pat"));
  }

  @AfterEach
  void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  void aPythonNotebookReadsItsParametersRunsSqlAndExitsWithAValue() throws Exception {
    assumeTrue(python3(), "no python3 on this machine");
    start(true);
    files.put(
        "/Shared/py/answer",
        "PYTHON",
        "# Databricks notebook source\n"
            + "n = spark.sql('SELECT 6 * 7 AS a').collect()[0].a\n"
            + "# COMMAND ----------\n"
            + "# MAGIC %md a markdown cell, a comment to Python\n"
            + "# COMMAND ----------\n"
            + "dbutils.notebook.exit(str(n * int(dbutils.widgets.get('factor'))))\n"
            + "raise RuntimeError('not reached: exit ends the notebook')\n");
    Task task =
        new Task()
            .setTaskKey("answer")
            .setNotebookTask(
                new NotebookTask()
                    .setNotebookPath("/Shared/py/answer")
                    .setBaseParameters(Map.of("factor", "{{job.parameters.factor}}")));
    Run run = runJob(task, Map.of("factor", "3"));
    assertThat(run.getState().getResultState())
        .as(String.valueOf(output(run)))
        .isEqualTo(RunResultState.SUCCESS);
    assertThat(output(run).getNotebookOutput().getResult()).isEqualTo("126");
  }

  @Test
  void aPythonFileGetsItsArgumentsAndItsOutputIsTheLogs() throws Exception {
    assumeTrue(python3(), "no python3 on this machine");
    start(true);
    files.put(
        "/Shared/py/report.py",
        "UNKNOWN",
        "import sys\nprint('args', sys.argv[1:])\n"
            + "print('rows', spark.sql('SELECT 1 AS a UNION ALL SELECT 2').count())\n");
    Task task =
        new Task()
            .setTaskKey("report")
            .setSparkPythonTask(
                new SparkPythonTask()
                    .setPythonFile("/Shared/py/report.py")
                    .setParameters(List.of("--day", "{{job.parameters.day}}")));
    Run run = runJob(task, Map.of("day", "2026-01-31"));
    assertThat(run.getState().getResultState()).isEqualTo(RunResultState.SUCCESS);
    assertThat(output(run).getLogs()).contains("args ['--day', '2026-01-31']").contains("rows 2");
  }

  @Test
  void anExceptionFailsTheTaskWithItsLineAndTraceback() throws Exception {
    assumeTrue(python3(), "no python3 on this machine");
    start(true);
    files.put(
        "/Shared/py/broken.py",
        "UNKNOWN",
        "def check(x):\n    raise ValueError('bad ' + x)\n" + "check('input')\n");
    Run run =
        runJob(
            new Task()
                .setTaskKey("broken")
                .setSparkPythonTask(new SparkPythonTask().setPythonFile("/Shared/py/broken.py")),
            Map.of());
    assertThat(run.getState().getResultState()).isEqualTo(RunResultState.FAILED);
    RunOutput out = output(run);
    assertThat(out.getError()).isEqualTo("ValueError: bad input");
    assertThat(out.getErrorTrace()).contains("Traceback").contains("in check");
  }

  /** Without the opt-in, neither kind of Python task runs anything on this machine. */
  @Test
  void withoutTheOptInAPythonTaskRunsNothing(@TempDir Path dir) throws Exception {
    start(false);
    Path notebookWrote = dir.resolve("notebook-" + UUID.randomUUID());
    Path fileWrote = dir.resolve("file-" + UUID.randomUUID());
    files.put(
        "/Shared/py/write",
        "PYTHON",
        "# Databricks notebook source\nopen(" + pyString(notebookWrote) + ", 'w').write('x')\n");
    files.put(
        "/Shared/py/write.py", "UNKNOWN", "open(" + pyString(fileWrote) + ", 'w').write('x')\n");

    Run notebook =
        runJob(
            new Task()
                .setTaskKey("write")
                .setNotebookTask(new NotebookTask().setNotebookPath("/Shared/py/write")),
            Map.of());
    Run file =
        runJob(
            new Task()
                .setTaskKey("write")
                .setSparkPythonTask(new SparkPythonTask().setPythonFile("/Shared/py/write.py")),
            Map.of());

    for (Run run : List.of(notebook, file)) {
      assertThat(run.getState().getResultState()).isEqualTo(RunResultState.FAILED);
      assertThat(output(run).getError()).contains("--sandbox-python");
    }
    assertThat(notebookWrote).doesNotExist();
    assertThat(fileWrote).doesNotExist();
  }

  private Run runJob(Task task, Map<String, String> parameters) throws InterruptedException {
    List<JobParameterDefinition> defs = new ArrayList<>();
    parameters.forEach((k, v) -> defs.add(new JobParameterDefinition().setName(k).setDefault(v)));
    long job =
        w.jobs()
            .create(
                new CreateJob()
                    .setName("python " + task.getTaskKey())
                    .setParameters(defs)
                    .setTasks(List.of(task)))
            .getJobId();
    long runId = w.jobs().runNow(new RunNow().setJobId(job)).getResponse().getRunId();
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

  private RunOutput output(Run run) {
    long taskRun = run.getTasks().iterator().next().getRunId();
    return w.jobs().getRunOutput(new GetRunOutputRequest().setRunId(taskRun));
  }

  private static String pyString(Path p) {
    return "'" + p.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static boolean python3() {
    try {
      return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
