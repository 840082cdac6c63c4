package dev.databricksmcp.sandbox.compute;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The time compute sees: the wall clock plus an offset a test may move forward, so that a cluster's
 * idle time (auto-termination after {@code autotermination_minutes}) passes without waiting
 * minutes. Event timestamps, start and termination times are read from here too, so they stay in
 * order when the clock is moved.
 */
public final class ComputeClock {
  private final AtomicLong offsetMillis = new AtomicLong();

  /** Milliseconds since the epoch, as compute sees them. */
  public long millis() {
    return System.currentTimeMillis() + offsetMillis.get();
  }

  /** Moves compute's time forward (tests: a cluster idle for two hours, now). */
  public void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("time only moves forward");
    }
    offsetMillis.addAndGet(by.toMillis());
  }
}
