package dev.databricksmcp.sandbox.jobs;

import com.databricks.sdk.service.jobs.RunOutput;
import com.databricks.sdk.service.jobs.SqlOutput;
import com.databricks.sdk.service.jobs.SqlQueryOutput;
import com.databricks.sdk.service.jobs.SqlStatementOutput;
import com.databricks.sdk.service.jobs.SqlTask;
import com.databricks.sdk.service.jobs.TerminationCodeCode;
import dev.databricksmcp.sandbox.sql.SqlError;
import dev.databricksmcp.sandbox.sql.TaskStatements;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code sql_task} with a saved query ({@code query.query_id}) or a SQL file ({@code file.path}):
 * its statements run one after the other on the task's warehouse, as the run's owner, with the
 * job's parameters and the task's own (dynamic values resolved) bound as named parameters ({@code
 * :name}). The output is {@code sql_output.query_output}: the query text, the warehouse and a
 * lookup key per statement. runs/get-output documents {@code lookup_key} only as "a key that can be
 * used to look up query details"; the sandbox makes it the statement's id, which the Statement
 * Execution API reads (state, rows, error) as it reads any statement. Alerts and dashboards are not
 * run.
 */
final class SqlTaskKind implements TaskKind {
  private final StatementSteps steps;
  private final NotebookSource sources;
  private final Function<String, Optional<String>> savedQueryText;

  SqlTaskKind(
      StatementSteps steps,
      NotebookSource sources,
      Function<String, Optional<String>> savedQueryText) {
    this.steps = steps;
    this.sources = sources;
    this.savedQueryText = savedQueryText;
  }

  @Override
  public String type() {
    return "sql_task";
  }

  @Override
  public Outcome run(Context c) throws InterruptedException {
    SqlTask st = c.task().getSqlTask();
    String text;
    if (st.getQuery() != null) {
      Optional<String> q = savedQueryText.apply(st.getQuery().getQueryId());
      if (q.isEmpty()) {
        return Outcome.failed(
            TerminationCodeCode.RESOURCE_NOT_FOUND,
            "Query " + st.getQuery().getQueryId() + " does not exist.");
      }
      text = q.get();
    } else if (st.getFile() != null) {
      Optional<NotebookSource.Source> f = sources.find(st.getFile().getPath());
      if (f.isEmpty()) {
        return Outcome.failed(
            TerminationCodeCode.RESOURCE_NOT_FOUND,
            "SQL file not found at " + st.getFile().getPath());
      }
      text = f.get().text();
    } else {
      return Outcome.failed(
          TerminationCodeCode.INVALID_RUN_CONFIGURATION,
          "The sandbox runs sql_task with query or file; alerts and dashboards are not run.");
    }
    Map<String, String> params = new LinkedHashMap<>(c.run().jobParameters);
    if (st.getParameters() != null) {
      st.getParameters().forEach((k, v) -> params.put(k, c.resolve(v)));
    }
    SqlQueryOutput query =
        new SqlQueryOutput()
            .setQueryText(text)
            .setWarehouseId(st.getWarehouseId())
            .setEndpointId(st.getWarehouseId());
    RunOutput out = new RunOutput().setSqlOutput(new SqlOutput().setQueryOutput(query));
    List<String> statements;
    try {
      statements = TaskStatements.split(text);
    } catch (SqlError e) {
      return Outcome.failed(TerminationCodeCode.RUN_EXECUTION_ERROR, e.databricksMessage());
    }
    List<SqlStatementOutput> keys = new ArrayList<>();
    query.setSqlStatements(keys);
    for (String sql : statements) {
      StatementSteps.Step step = steps.run(c, st.getWarehouseId(), sql, params, out);
      if (step.statement() != null) {
        keys.add(new SqlStatementOutput().setLookupKey(step.statement().statementId()));
      }
      if (step.failure() != null) {
        return step.failure();
      }
    }
    return Outcome.success(out);
  }
}
