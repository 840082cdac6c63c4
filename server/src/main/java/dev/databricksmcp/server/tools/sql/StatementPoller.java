package dev.databricksmcp.server.tools.sql;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.sql.CancelExecutionRequest;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.ExecuteStatementRequestOnWaitTimeout;
import com.databricks.sdk.service.sql.GetStatementRequest;
import com.databricks.sdk.service.sql.StatementResponse;
import com.databricks.sdk.service.sql.StatementState;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.WorkHandle;
import java.time.Duration;

/**
 * Runs a statement within a deadline measured on the wall clock (not by counting sleeps): submits
 * with a short server-side wait, then polls with growing intervals, reporting the state as
 * progress. The wait ends at its own timeout or a margin before the call's deadline, whichever
 * comes first, and hands back what it has — the statement keeps running unless asked to cancel.
 * Once submitted, the statement is never lost: its id is tracked on the call, and a status or
 * cancel request that fails ends the wait with the last state known and that failure, instead of an
 * exception.
 */
final class StatementPoller {
  private static final long FIRST_POLL_MILLIS = 200;
  private static final long MAX_POLL_MILLIS = 2000;

  private StatementPoller() {}

  /**
   * Where a statement stands when the wait ended.
   *
   * @param last the last response Databricks gave
   * @param lostTrack null when {@code last} is current; else what failed, e.g. "checking its state
   *     failed"
   * @param failure the failure behind {@code lostTrack}
   */
  record Polled(StatementResponse last, String lostTrack, RuntimeException failure) {
    static Polled known(StatementResponse r) {
      return new Polled(r, null, null);
    }

    boolean known() {
      return lostTrack == null;
    }

    String statementId() {
      return last.getStatementId();
    }
  }

  static boolean running(StatementResponse r) {
    StatementState s = r.getStatus() == null ? null : r.getStatus().getState();
    return s == StatementState.PENDING || s == StatementState.RUNNING;
  }

  /** Submits and waits. A failed submit throws: whether it ran is then for the invoker to say. */
  static Polled run(
      WorkspaceClient w,
      ExecuteStatementRequest request,
      Duration timeout,
      boolean cancelAtDeadline,
      ToolContext ctx)
      throws InterruptedException {
    long start = System.nanoTime();
    long end = ctx.deadline().waitEnd(timeout);
    long budgetSeconds = Math.max(0, (end - start) / 1_000_000_000);
    // the API waits server-side for 0s or 5–50s; use what fits before our own end
    long firstWait = Math.min(10, budgetSeconds);
    request
        .setWaitTimeout(firstWait >= 5 ? firstWait + "s" : "0s")
        .setOnWaitTimeout(ExecuteStatementRequestOnWaitTimeout.CONTINUE);
    StatementResponse r = w.statementExecution().executeStatement(request);
    ctx.track(new WorkHandle("statement_id", r.getStatementId(), "get_statement"));
    long pause = FIRST_POLL_MILLIS;
    while (running(r)) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return cancelAtDeadline ? cancel(w, r) : Polled.known(r);
      }
      long elapsed = (System.nanoTime() - start) / 1_000_000;
      ctx.progress(
          elapsed / 1000.0,
          (double) Math.max(1, budgetSeconds),
          "statement "
              + r.getStatementId()
              + " "
              + r.getStatus().getState()
              + " after "
              + elapsed / 1000
              + "s");
      Thread.sleep(Math.min(pause, Math.max(1, left / 1_000_000)));
      pause = Math.min(MAX_POLL_MILLIS, pause * 2);
      try {
        r = status(w, r.getStatementId());
      } catch (RuntimeException e) {
        return new Polled(r, "checking its state failed", e);
      }
    }
    return Polled.known(r);
  }

  private static Polled cancel(WorkspaceClient w, StatementResponse r) {
    try {
      w.statementExecution()
          .cancelExecution(new CancelExecutionRequest().setStatementId(r.getStatementId()));
    } catch (RuntimeException e) {
      return new Polled(r, "cancelling it at the deadline failed", e);
    }
    try {
      return Polled.known(status(w, r.getStatementId()));
    } catch (RuntimeException e) {
      return new Polled(
          r, "it was asked to cancel at the deadline, but checking its state then failed", e);
    }
  }

  static StatementResponse status(WorkspaceClient w, String statementId) {
    return w.statementExecution()
        .getStatement(new GetStatementRequest().setStatementId(statementId));
  }
}
