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
import dev.databricksmcp.server.core.wait.Backoff;
import dev.databricksmcp.server.core.wait.Waited;
import dev.databricksmcp.server.core.wait.Waiter;
import java.time.Duration;

/**
 * Runs a statement within a deadline measured on the wall clock (not by counting sleeps): submits
 * without a server-side wait, then waits with the {@link Waiter} ({@link Backoff#STATEMENT}),
 * reporting the state as progress from the start. The wait ends at its own timeout or a margin
 * before the call's deadline, whichever comes first, and hands back what it has — the statement
 * keeps running unless asked to cancel. Once submitted, the statement is never lost: its id is
 * tracked on the call, and a status or cancel request that fails ends the wait with the last state
 * known and that failure, instead of an exception.
 */
final class StatementPoller {
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
    // no server-side wait: the statement's progress is reported from the first second on
    request.setWaitTimeout("0s").setOnWaitTimeout(ExecuteStatementRequestOnWaitTimeout.CONTINUE);
    StatementResponse r = w.statementExecution().executeStatement(request);
    ctx.track(new WorkHandle("statement_id", r.getStatementId(), "get_statement"));
    Waited<StatementResponse> waited = await(w, r, ctx, timeout, cancelAtDeadline);
    return switch (waited.outcome()) {
      case DONE -> Polled.known(waited.last());
      case TIME_UP -> cancelAtDeadline ? cancel(w, waited.last()) : Polled.known(waited.last());
      default -> new Polled(waited.last(), "checking its state failed", waited.failure());
    };
  }

  /**
   * Waits up to {@code maxWait} (within the call's deadline) for a statement last seen as {@code
   * known} to stop running; an interrupt is thrown on.
   *
   * @param cancelAtTimeUp the caller cancels the statement if the time is up (not handed back)
   */
  static Waited<StatementResponse> await(
      WorkspaceClient w,
      StatementResponse known,
      ToolContext ctx,
      Duration maxWait,
      boolean cancelAtTimeUp)
      throws InterruptedException {
    String id = known.getStatementId();
    Waiter<StatementResponse> waiter =
        Waiter.<StatementResponse>polling(() -> status(w, id))
            .startingFrom(known)
            .until(r -> !running(r))
            .describedAs(r -> "statement " + id + " " + r.getStatus().getState())
            .from(Backoff.STATEMENT);
    return (cancelAtTimeUp ? waiter.waitForOrCancel(ctx, maxWait) : waiter.waitFor(ctx, maxWait))
        .throwIfInterrupted();
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
