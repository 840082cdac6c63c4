package dev.databricksmcp.server.metrics;

import java.util.function.LongSupplier;

/**
 * The Databricks connection's health as the server's own requests saw it, never a request made to
 * find out: an answer (any status below 500) means Databricks is reachable; no answer or a 5xx
 * counts as a failure.
 */
final class DatabricksHealth {
  /** What the page says. */
  enum Level {
    UNKNOWN,
    OK,
    FAILING
  }

  /**
   * @param secondsSinceLast since the last request ended, -1 when none did
   * @param failuresInARow failed requests since the last good one
   * @param secondsSinceGood since the last good answer, -1 when none came
   */
  record State(Level level, long secondsSinceLast, int failuresInARow, long secondsSinceGood) {}

  private final LongSupplier nanoClock;
  private long lastEnded;
  private long lastGood;
  private boolean any;
  private boolean anyGood;
  private int failuresInARow;

  DatabricksHealth(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  synchronized void ended(int status) {
    long now = nanoClock.getAsLong();
    any = true;
    lastEnded = now;
    if (status > 0 && status < 500) {
      anyGood = true;
      lastGood = now;
      failuresInARow = 0;
    } else {
      failuresInARow++;
    }
  }

  synchronized State state() {
    if (!any) {
      return new State(Level.UNKNOWN, -1, 0, -1);
    }
    long now = nanoClock.getAsLong();
    return new State(
        failuresInARow == 0 ? Level.OK : Level.FAILING,
        (now - lastEnded) / 1_000_000_000L,
        failuresInARow,
        anyGood ? (now - lastGood) / 1_000_000_000L : -1);
  }
}
