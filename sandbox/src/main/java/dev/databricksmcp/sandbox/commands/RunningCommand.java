package dev.databricksmcp.sandbox.commands;

import com.databricks.sdk.service.compute.CommandStatus;
import com.databricks.sdk.service.compute.Language;
import com.databricks.sdk.service.compute.Results;
import dev.databricksmcp.sandbox.auth.Principal;
import java.util.concurrent.Future;

/** One command as it moves Queued → Running → Finished / Error / Cancelled. */
final class RunningCommand {
  final String id;
  final ExecutionContext context;
  final String text;
  final Principal caller;
  final Language language;
  volatile CommandStatus status = CommandStatus.QUEUED;
  volatile Results results;
  volatile Future<?> future;

  /** What a cancel interrupts: the running JDBC statement, or the Python process. */
  volatile AutoCloseable interrupt;

  RunningCommand(
      String id, ExecutionContext context, String text, Principal caller, Language language) {
    this.caller = caller;
    this.language = language;
    this.id = id;
    this.context = context;
    this.text = text;
  }

  synchronized boolean moveTo(CommandStatus from, CommandStatus to) {
    if (status != from) {
      return false;
    }
    status = to;
    return true;
  }

  /** Running → Finished, or → Error when the result is an error; nothing once cancelled. */
  synchronized void finish(Results r) {
    if (status != CommandStatus.RUNNING) {
      return;
    }
    results = r;
    status =
        r.getResultType() == com.databricks.sdk.service.compute.ResultType.ERROR
            ? CommandStatus.ERROR
            : CommandStatus.FINISHED;
  }

  boolean done() {
    CommandStatus s = status;
    return s == CommandStatus.FINISHED || s == CommandStatus.ERROR || s == CommandStatus.CANCELLED;
  }
}
