package dev.databricksmcp.server.tools.jobs;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.jobs.Run;
import com.databricks.sdk.service.jobs.RunOutput;
import com.databricks.sdk.service.jobs.SqlQueryOutput;
import com.databricks.sdk.service.jobs.SqlStatementOutput;
import com.databricks.sdk.service.sql.ColumnInfo;
import com.databricks.sdk.service.sql.GetStatementRequest;
import com.databricks.sdk.service.sql.StatementResponse;
import dev.databricksmcp.server.core.ErrorMapper;
import dev.databricksmcp.server.core.TextCaps;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One task run's output as get_run_output answers it: the notebook's exit value, the SQL task's
 * statements with their first rows (read through the Statement Execution API), a run-job task's
 * child run, the error with the last lines of its trace, and the end of the logs. Each part is held
 * to a budget; {@code truncated} says whether anything was cut, with the total size.
 */
final class TaskOutput {
  static final int RESULT_BYTES = 16 * 1024;
  static final int LOG_BYTES = 16 * 1024;
  static final int LOG_LINES = 200;
  static final int ROWS_PER_STATEMENT = 20;
  static final int MAX_STATEMENTS = 10;
  private static final int ROW_BYTES = 16 * 1024;
  private static final int QUERY_TEXT_BYTES = 2_000;

  private TaskOutput() {}

  static Map<String, Object> shape(WorkspaceClient w, long taskRunId, RunOutput o) {
    Map<String, Object> out = new LinkedHashMap<>();
    boolean[] cut = {false};
    Run m = o.getMetadata();
    out.put("run_id", taskRunId);
    if (m != null) {
      List<com.databricks.sdk.service.jobs.RunTask> tasks = RunRows.tasks(m);
      out.put("task_key", tasks.size() == 1 ? tasks.get(0).getTaskKey() : m.getRunName());
      out.put("job_id", m.getJobId());
      out.put("job_run_id", m.getJobRunId());
      out.put("state", RunRows.state(m));
      out.put("started_at", RunRows.time(m.getStartTime()));
      out.put(
          "duration_ms",
          RunRows.duration(
              m.getRunDuration(),
              m.getSetupDuration(),
              m.getExecutionDuration(),
              m.getCleanupDuration(),
              m.getStartTime(),
              m.getEndTime()));
      out.put("attempt", m.getAttemptNumber());
    }
    if (o.getNotebookOutput() != null) {
      Map<String, Object> nb = new LinkedHashMap<>();
      String result = o.getNotebookOutput().getResult();
      nb.put("result", result == null ? null : TextCaps.capped(result, RESULT_BYTES));
      boolean truncated =
          Boolean.TRUE.equals(o.getNotebookOutput().getTruncated())
              || result != null && TextCaps.bytes(result) > RESULT_BYTES;
      nb.put("truncated", truncated);
      if (result != null && truncated) {
        nb.put("total_bytes", TextCaps.bytes(result));
      }
      cut[0] |= truncated;
      out.put("notebook_output", nb);
    }
    if (o.getSqlOutput() != null && o.getSqlOutput().getQueryOutput() != null) {
      out.put("sql_output", sql(w, o.getSqlOutput().getQueryOutput(), cut));
    }
    if (o.getRunJobOutput() != null) {
      out.put("child_run_id", o.getRunJobOutput().getRunId());
    }
    if (o.getError() != null && !o.getError().isBlank()) {
      out.put("error", TextCaps.capped(o.getError(), 2_000));
    }
    if (o.getErrorTrace() != null && !o.getErrorTrace().isBlank()) {
      out.put(
          "error_trace",
          TextCaps.capped(TextCaps.lastLines(o.getErrorTrace(), RunFailure.LAST_LINES), 8 * 1024));
    }
    if (o.getLogs() != null && !o.getLogs().isBlank()) {
      String kept = TextCaps.capped(TextCaps.lastLines(o.getLogs(), LOG_LINES), LOG_BYTES);
      boolean truncated = Boolean.TRUE.equals(o.getLogsTruncated()) || !kept.equals(o.getLogs());
      out.put("logs", kept);
      if (truncated) {
        out.put("logs_total_bytes", TextCaps.bytes(o.getLogs()));
      }
      cut[0] |= truncated;
    }
    if (o.getInfo() != null && !o.getInfo().isBlank()) {
      out.put("info", TextCaps.capped(o.getInfo(), 2_000));
    }
    out.put("truncated", cut[0]);
    return out;
  }

  /** The query, its warehouse, and each statement with its first rows. */
  private static Map<String, Object> sql(WorkspaceClient w, SqlQueryOutput q, boolean[] cut) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("warehouse_id", q.getWarehouseId());
    String text = q.getQueryText();
    if (text != null) {
      out.put("query_text", TextCaps.capped(text, QUERY_TEXT_BYTES));
      cut[0] |= TextCaps.bytes(text) > QUERY_TEXT_BYTES;
    }
    List<Map<String, Object>> statements = new ArrayList<>();
    List<SqlStatementOutput> keys =
        q.getSqlStatements() == null ? List.of() : new ArrayList<>(q.getSqlStatements());
    int budget = ROW_BYTES;
    for (SqlStatementOutput key : keys.subList(0, Math.min(keys.size(), MAX_STATEMENTS))) {
      Map<String, Object> s = statement(w, key.getLookupKey(), budget, cut);
      budget -= TextCaps.bytes(String.valueOf(s.get("rows")));
      statements.add(s);
    }
    if (keys.size() > MAX_STATEMENTS) {
      out.put("total_statements", keys.size());
      cut[0] = true;
    }
    out.put("statements", statements);
    return out;
  }

  /**
   * One statement of the task: its state and first rows, read by its id; what cannot be read is
   * said, not thrown (the rest of the output stands).
   */
  private static Map<String, Object> statement(
      WorkspaceClient w, String id, int budget, boolean[] cut) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("statement_id", id);
    StatementResponse r;
    try {
      r = w.statementExecution().getStatement(new GetStatementRequest().setStatementId(id));
    } catch (RuntimeException e) {
      out.put("unreadable", ErrorMapper.map(e).message());
      return out;
    }
    out.put("state", r.getStatus() == null ? null : RunRows.name(r.getStatus().getState()));
    if (r.getStatus() != null && r.getStatus().getError() != null) {
      out.put("error", r.getStatus().getError().getMessage());
    }
    List<String> columns = new ArrayList<>();
    if (r.getManifest() != null
        && r.getManifest().getSchema() != null
        && r.getManifest().getSchema().getColumns() != null) {
      for (ColumnInfo c : r.getManifest().getSchema().getColumns()) {
        columns.add(c.getName());
      }
    }
    Collection<Collection<String>> data =
        r.getResult() == null || r.getResult().getDataArray() == null
            ? List.of()
            : r.getResult().getDataArray();
    List<Object> rows = new ArrayList<>();
    int bytes = 0;
    for (Collection<String> row : data) {
      int size = TextCaps.bytes(String.valueOf(row));
      if (rows.size() >= ROWS_PER_STATEMENT || bytes + size > budget) {
        break;
      }
      rows.add(new ArrayList<>(row));
      bytes += size;
    }
    Long total = r.getManifest() == null ? null : r.getManifest().getTotalRowCount();
    long totalRows = total == null ? data.size() : total;
    if (!columns.isEmpty()) {
      out.put("columns", columns);
      out.put("rows", rows);
      out.put("row_count", rows.size());
      out.put("total_rows", totalRows);
      boolean truncated = rows.size() < totalRows;
      out.put("truncated", truncated);
      cut[0] |= truncated;
    }
    return out;
  }
}
