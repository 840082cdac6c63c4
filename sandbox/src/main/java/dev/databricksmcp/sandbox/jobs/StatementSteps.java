package dev.databricksmcp.sandbox.jobs;

import com.databricks.sdk.service.jobs.RunOutput;
import com.databricks.sdk.service.jobs.TerminationCodeCode;
import com.databricks.sdk.service.sql.StatementState;
import dev.databricksmcp.sandbox.compute.ComputeClock;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.sql.TaskStatements;
import java.util.Map;

/**
 * Runs one statement of a task on a warehouse as the run's owner and waits for it, within the
 * task's deadline and open to the run's cancel. The task's outcome when it did not succeed.
 */
final class StatementSteps {
  private final TaskStatements statements;
  private final ComputeClock clock;

  StatementSteps(TaskStatements statements, ComputeClock clock) {
    this.statements = statements;
    this.clock = clock;
  }

  /** A statement's end: its outcome, or the task's failure when it did not succeed. */
  record Step(TaskStatements.Outcome statement, TaskKind.Outcome failure) {}

  Step run(
      TaskKind.Context c, String warehouseId, String sql, Map<String, String> params, RunOutput out)
      throws InterruptedException {
    TaskStatements.Handle handle;
    try {
      handle = statements.start(c.owner(), warehouseId, sql, params, null, null);
    } catch (ApiException e) {
      return new Step(null, failed(out, TerminationCodeCode.RESOURCE_NOT_FOUND, e.getMessage()));
    }
    c.onCancel().accept(handle::cancel);
    try {
      if (c.run().cancelRequested) {
        handle.cancel();
      }
      TaskStatements.Outcome o = handle.await(c.remainingMillis(clock.millis()));
      if (o == null) {
        handle.cancel();
        handle.await(0);
        return new Step(null, TaskKind.Outcome.timedOut(out));
      }
      if (o.state() == StatementState.CANCELED) {
        return new Step(o, TaskKind.Outcome.canceled(out));
      }
      if (!o.succeeded()) {
        String error = o.error() == null ? "The statement failed." : o.error();
        return new Step(o, failed(out, TerminationCodeCode.RUN_EXECUTION_ERROR, error));
      }
      return new Step(o, null);
    } finally {
      c.onCancel().accept(null);
    }
  }

  private static TaskKind.Outcome failed(RunOutput out, TerminationCodeCode code, String error) {
    TaskKind.Outcome f = TaskKind.Outcome.failed(code, error);
    return new TaskKind.Outcome(f.result(), f.message(), f.code(), out.setError(error), null);
  }
}
