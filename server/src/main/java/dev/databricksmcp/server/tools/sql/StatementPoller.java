package dev.databricksmcp.server.tools.sql;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.sql.CancelExecutionRequest;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.ExecuteStatementRequestOnWaitTimeout;
import com.databricks.sdk.service.sql.GetStatementRequest;
import com.databricks.sdk.service.sql.StatementResponse;
import com.databricks.sdk.service.sql.StatementState;
import dev.databricksmcp.server.core.ToolContext;
import java.time.Duration;

/**
 * Runs a statement within a deadline measured on the wall clock (not by counting sleeps): submits
 * with a short server-side wait, then polls with growing intervals, reporting the state as progress.
 * At the deadline it hands back what it has — the statement keeps running unless asked to cancel.
 */
final class StatementPoller {
  private static final long FIRST_POLL_MILLIS = 200;
  private static final long MAX_POLL_MILLIS = 2000;

  private StatementPoller() {}

  static boolean running(StatementResponse r) {
    StatementState s = r.getStatus() == null ? null : r.getStatus().getState();
    return s == StatementState.PENDING || s == StatementState.RUNNING;
  }

  static StatementResponse run(WorkspaceClient w, ExecuteStatementRequest request, Duration timeout, boolean cancelAtDeadline, ToolContext ctx)
      throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    // the API waits server-side for 0s or 5–50s; use what fits in our deadline
    long firstWait = Math.min(10, timeout.toSeconds());
    request.setWaitTimeout(firstWait >= 5 ? firstWait + "s" : "0s").setOnWaitTimeout(ExecuteStatementRequestOnWaitTimeout.CONTINUE);
    StatementResponse r = w.statementExecution().executeStatement(request);
    long pause = FIRST_POLL_MILLIS;
    int polls = 0;
    while (running(r)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        if (cancelAtDeadline) {
          w.statementExecution().cancelExecution(new CancelExecutionRequest().setStatementId(r.getStatementId()));
          return w.statementExecution().getStatement(new GetStatementRequest().setStatementId(r.getStatementId()));
        }
        return r;
      }
      long elapsed = (System.nanoTime() - start) / 1_000_000;
      ctx.progress(elapsed / 1000.0, (double) timeout.toSeconds(),
          "statement " + r.getStatementId() + " " + r.getStatus().getState() + " after " + elapsed / 1000 + "s");
      Thread.sleep(Math.min(pause, Math.max(1, left / 1_000_000)));
      pause = Math.min(MAX_POLL_MILLIS, pause * 2);
      r = w.statementExecution().getStatement(new GetStatementRequest().setStatementId(r.getStatementId()));
      polls++;
    }
    return r;
  }
}
