package dev.databricksmcp.sandbox.sql;

import com.databricks.sdk.service.sql.StatementState;
import dev.databricksmcp.sandbox.auth.Principal;
import java.sql.Statement;
import java.util.concurrent.Future;

/** One statement's state as it moves PENDING → RUNNING → SUCCEEDED / FAILED / CANCELED. */
final class RunningStatement {
  final String id;
  final String warehouseId;
  final Principal principal;
  final String text;
  final long submittedAt = System.currentTimeMillis();
  volatile StatementState state = StatementState.PENDING;
  volatile SqlError error;
  volatile QueryResult result;
  volatile Chunker.Chunks chunks;
  volatile boolean rowLimitTruncated;
  volatile long startedAt;
  volatile long endedAt;
  volatile Future<?> future;
  volatile Statement jdbc;
  volatile Translation translation;

  RunningStatement(String id, String warehouseId, Principal principal, String text) {
    this.id = id;
    this.warehouseId = warehouseId;
    this.principal = principal;
    this.text = text;
  }

  boolean finished() {
    StatementState s = state;
    return s == StatementState.SUCCEEDED
        || s == StatementState.FAILED
        || s == StatementState.CANCELED
        || s == StatementState.CLOSED;
  }

  synchronized boolean moveTo(StatementState from, StatementState to) {
    if (state != from) {
      return false;
    }
    state = to;
    return true;
  }
}
