package dev.databricksmcp.sandbox.jobs;

import com.databricks.sdk.service.jobs.NotebookOutput;
import com.databricks.sdk.service.jobs.NotebookTask;
import com.databricks.sdk.service.jobs.RunOutput;
import com.databricks.sdk.service.jobs.TerminationCodeCode;
import dev.databricksmcp.sandbox.sql.SqlError;
import dev.databricksmcp.sandbox.sql.TaskStatements;
import dev.databricksmcp.sandbox.sql.Warehouses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code notebook_task} of a SQL notebook: its SQL cells run in order on the task's {@code
 * warehouse_id} (the starter warehouse when none is given), as the run's owner, with the job's
 * parameters and the task's {@code base_parameters} as named parameters ({@code :name}, as SQL
 * notebooks read widgets). Markdown cells are skipped; a cell in another language fails the task. A
 * SQL notebook cannot call {@code dbutils.notebook.exit}, so {@code notebook_output.result} stays
 * absent, as runs/get-output documents it for a notebook that never called it.
 *
 * <p>A Python notebook runs, with the Python opt-in only, through {@link PythonTasks}: its source
 * as a whole, so its cells in order (the cell separators and {@code # MAGIC} lines are Python
 * comments: markdown and other magic cells are not run), with the same parameters as widgets and
 * {@code dbutils.notebook.exit(value)} as {@code notebook_output.result}. Scala and R notebooks
 * fail the task.
 */
final class NotebookTaskKind implements TaskKind {
  private final StatementSteps steps;
  private final NotebookSource sources;
  private final PythonTasks python;

  NotebookTaskKind(StatementSteps steps, NotebookSource sources, PythonTasks python) {
    this.steps = steps;
    this.sources = sources;
    this.python = python;
  }

  @Override
  public String type() {
    return "notebook_task";
  }

  @Override
  public Outcome run(Context c) throws InterruptedException {
    NotebookTask nt = c.task().getNotebookTask();
    String path = nt.getNotebookPath();
    Optional<NotebookSource.Source> source = sources.find(path);
    if (source.isEmpty()) {
      return Outcome.failed(
          TerminationCodeCode.RESOURCE_NOT_FOUND, "notebook not found at " + path);
    }
    Map<String, String> params = new LinkedHashMap<>(c.run().jobParameters);
    if (nt.getBaseParameters() != null) {
      nt.getBaseParameters().forEach((k, v) -> params.put(k, c.resolve(v)));
    }
    String warehouse = nt.getWarehouseId() == null ? Warehouses.STARTER_ID : nt.getWarehouseId();
    String language = String.valueOf(source.get().language()).toUpperCase(Locale.ROOT);
    if (language.equals("PYTHON")) {
      return python.run(c, source.get().text(), warehouse, params, List.of(), true);
    }
    if (!language.equals("SQL")) {
      return Outcome.failed(
          TerminationCodeCode.INVALID_RUN_CONFIGURATION,
          "The sandbox runs SQL and Python notebooks; "
              + path
              + " is a "
              + language
              + " notebook.");
    }
    RunOutput out = new RunOutput().setNotebookOutput(new NotebookOutput().setTruncated(false));
    for (SqlNotebook.Cell cell : SqlNotebook.cells(source.get().text())) {
      if (cell.language().startsWith("md")) {
        continue;
      }
      if (!cell.language().equals("sql")) {
        return Outcome.failed(
            TerminationCodeCode.INVALID_RUN_CONFIGURATION,
            "The sandbox does not run %" + cell.language() + " cells: only SQL and markdown.");
      }
      List<String> statements;
      try {
        statements = TaskStatements.split(cell.text());
      } catch (SqlError e) {
        return Outcome.failed(TerminationCodeCode.RUN_EXECUTION_ERROR, e.databricksMessage());
      }
      for (String sql : statements) {
        StatementSteps.Step step = steps.run(c, warehouse, sql, params, out);
        if (step.failure() != null) {
          return step.failure();
        }
      }
    }
    return Outcome.success(out);
  }
}
