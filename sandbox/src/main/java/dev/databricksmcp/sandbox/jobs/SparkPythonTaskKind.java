package dev.databricksmcp.sandbox.jobs;

import com.databricks.sdk.service.jobs.SparkPythonTask;
import com.databricks.sdk.service.jobs.TerminationCodeCode;
import dev.databricksmcp.sandbox.sql.Warehouses;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code spark_python_task} of a Python file in the workspace ({@code python_file}), with the
 * Python opt-in only, through {@link PythonTasks}: its {@code parameters} (dynamic values resolved)
 * are {@code sys.argv[1:]}, its stdout and stderr the task's logs, {@code spark.sql} runs on the
 * starter warehouse as the run's owner. The reference does not say what {@code dbutils.widgets}
 * reads in a Python file; the sandbox gives it the job's parameters.
 */
final class SparkPythonTaskKind implements TaskKind {
  private final NotebookSource sources;
  private final PythonTasks python;

  SparkPythonTaskKind(NotebookSource sources, PythonTasks python) {
    this.sources = sources;
    this.python = python;
  }

  @Override
  public String type() {
    return "spark_python_task";
  }

  @Override
  public Outcome run(Context c) throws InterruptedException {
    SparkPythonTask st = c.task().getSparkPythonTask();
    String path = st.getPythonFile();
    Optional<NotebookSource.Source> file =
        path == null || !path.startsWith("/") ? Optional.empty() : sources.find(path);
    if (file.isEmpty()) {
      return Outcome.failed(
          TerminationCodeCode.RESOURCE_NOT_FOUND,
          "Python file not found at "
              + path
              + ": the sandbox runs python_file from its workspace (an absolute /Workspace path).");
    }
    List<String> argv = new ArrayList<>();
    if (st.getParameters() != null) {
      st.getParameters().forEach(p -> argv.add(c.resolve(p)));
    }
    return python.run(
        c, file.get().text(), Warehouses.STARTER_ID, c.run().jobParameters, argv, false);
  }
}
