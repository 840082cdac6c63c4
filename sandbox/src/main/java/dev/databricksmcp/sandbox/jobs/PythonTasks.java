package dev.databricksmcp.sandbox.jobs;

import com.databricks.sdk.service.jobs.NotebookOutput;
import com.databricks.sdk.service.jobs.RunOutput;
import com.databricks.sdk.service.jobs.RunResultState;
import com.databricks.sdk.service.jobs.TerminationCodeCode;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.databricksmcp.sandbox.commands.PythonProcess;
import dev.databricksmcp.sandbox.compute.ComputeClock;
import dev.databricksmcp.sandbox.http.Json;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Python code a job task runs (a Python notebook, a {@code spark_python_task} file): code on the
 * user's machine, so only with the same opt-in as Python commands ({@code --sandbox-python}), and
 * by the same {@link PythonProcess}. {@code spark.sql} runs on the given warehouse as the run's
 * owner (the sandbox has no job clusters: its warehouse stands in for the task's compute). A
 * notebook's {@code dbutils.notebook.exit(value)} is {@code notebook_output.result}; a Python
 * file's stdout and stderr are its {@code logs} (runs/get-output gives logs for spark_python_task,
 * not for notebook_task); an exception fails the task with its last line as {@code error} and the
 * traceback as {@code error_trace}.
 */
final class PythonTasks {
  static final String NOT_ENABLED =
      "Python tasks are off in this sandbox: they would run code on this machine. Restart the"
          + " sandbox with --sandbox-python (SandboxOptions.withPythonCommands(true)) to run them"
          + " in a local python3.";

  private final boolean enabled;
  private final PythonProcess python;
  private final ComputeClock clock;

  PythonTasks(boolean enabled, PythonProcess python, ComputeClock clock) {
    this.enabled = enabled;
    this.python = python;
    this.clock = clock;
  }

  /**
   * @param widgets what {@code dbutils.widgets.get} reads
   * @param argv {@code sys.argv[1:]}
   * @param notebook whether the output is a notebook's (its exit value) or a file's (its logs)
   */
  TaskKind.Outcome run(
      TaskKind.Context c,
      String code,
      String warehouseId,
      Map<String, String> widgets,
      List<String> argv,
      boolean notebook)
      throws InterruptedException {
    if (!enabled) {
      return TaskKind.Outcome.failed(TerminationCodeCode.INVALID_RUN_CONFIGURATION, NOT_ENABLED);
    }
    long remaining = c.remainingMillis(clock.millis());
    long timeout = remaining == 0 ? PythonProcess.MAX_SECONDS : (remaining + 999) / 1000;
    Map<String, String> settings = new HashMap<>();
    settings.put("SANDBOX_WAREHOUSE_ID", warehouseId);
    settings.put("SANDBOX_WIDGETS", json(widgets));
    settings.put("SANDBOX_ARGV", json(argv));
    PythonProcess.Ended ended;
    try {
      ended =
          python.run(
              new PythonProcess.Script(
                  c.owner(),
                  code,
                  settings,
                  timeout,
                  stop -> {
                    c.onCancel().accept(stop);
                    if (c.run().cancelRequested) {
                      stop.run();
                    }
                  }));
    } catch (IOException e) {
      return TaskKind.Outcome.failed(
          TerminationCodeCode.RUN_EXECUTION_ERROR,
          "The sandbox could not run python3 on this machine: " + e.getMessage());
    } finally {
      c.onCancel().accept(null);
    }
    RunOutput out = output(ended, notebook);
    if (c.run().cancelRequested) {
      return TaskKind.Outcome.canceled(out);
    }
    if (ended.timedOut()) {
      return remaining == 0
          ? failed(out, "The Python code ran longer than " + PythonProcess.MAX_SECONDS + " s.")
          : TaskKind.Outcome.timedOut(out);
    }
    if (!ended.succeeded()) {
      out.setError(ended.lastErrorLine()).setErrorTrace(ended.stderr());
      return failed(out, ended.lastErrorLine());
    }
    return TaskKind.Outcome.success(out);
  }

  private static RunOutput output(PythonProcess.Ended ended, boolean notebook) {
    RunOutput out = new RunOutput();
    if (notebook) {
      out.setNotebookOutput(new NotebookOutput().setResult(exitValue(ended)).setTruncated(false));
    } else {
      String logs = ended.stdout() + ended.stderr();
      if (!logs.isEmpty()) {
        out.setLogs(logs).setLogsTruncated(false);
      }
    }
    return out;
  }

  private static String exitValue(PythonProcess.Ended ended) {
    String exit = ended.outputs().get("exit.json");
    if (exit == null) {
      return null;
    }
    try {
      return Json.MAPPER.readValue(exit, new TypeReference<Map<String, String>>() {}).get("value");
    } catch (IOException e) {
      return null;
    }
  }

  private static TaskKind.Outcome failed(RunOutput out, String error) {
    out.setError(error);
    return new TaskKind.Outcome(
        RunResultState.FAILED, error, TerminationCodeCode.RUN_EXECUTION_ERROR, out, null);
  }

  private static String json(Object value) {
    try {
      return Json.MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
