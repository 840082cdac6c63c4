package dev.databricksmcp.server.core.wait;

import java.util.ArrayList;
import java.util.List;

/**
 * A clock that moves only when slept on (or {@link #advance}d): each sleep is recorded and adds its
 * length to now at once. Like {@link Thread#sleep}, a sleep on an interrupted thread throws and
 * clears the flag.
 */
public final class FakeWaitClock implements WaitClock {
  private long now;
  private final List<Long> sleeps = new ArrayList<>();

  /** A clock reading {@code startNanos}; any value, to show nothing depends on the origin. */
  public FakeWaitClock(long startNanos) {
    this.now = startNanos;
  }

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public void sleep(long nanos) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("sleep interrupted");
    }
    if (nanos <= 0) {
      throw new IllegalArgumentException("slept " + nanos + " ns");
    }
    sleeps.add(nanos);
    now += nanos;
  }

  /** Time passing without a sleep, e.g. a slow status request. */
  public void advance(long nanos) {
    now += nanos;
  }

  /** Every sleep so far, in nanoseconds. */
  public List<Long> sleeps() {
    return sleeps;
  }
}
