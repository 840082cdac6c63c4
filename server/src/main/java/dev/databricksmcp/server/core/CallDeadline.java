package dev.databricksmcp.server.core;

import java.time.Duration;

/**
 * When a tool call must be answered, on {@link System#nanoTime()}'s clock. The invoker sets it from
 * the tool's timeout. A handler's waits end a margin before it ({@link #waitEnd}), so that the
 * handle and state of unfinished work go back as a normal answer; the invoker's TIMEOUT stays a
 * backstop.
 */
public final class CallDeadline {
  private static final Duration MIN_MARGIN = Duration.ofSeconds(1);
  private static final Duration MAX_MARGIN = Duration.ofSeconds(5);
  private static final CallDeadline NONE = new CallDeadline(0, 0, false);

  private final long dueNanos;
  private final long marginNanos;
  private final boolean bounded;

  private CallDeadline(long dueNanos, long marginNanos, boolean bounded) {
    this.dueNanos = dueNanos;
    this.marginNanos = marginNanos;
    this.bounded = bounded;
  }

  /** No deadline: a handler run outside the invoker waits as long as it asks to. */
  public static CallDeadline none() {
    return NONE;
  }

  /**
   * A deadline at {@code dueNanos}, for a call given {@code timeout}. The margin — a fifth of the
   * timeout, 1 to 5 seconds — leaves room for the last status request and building the answer.
   */
  public static CallDeadline at(long dueNanos, Duration timeout) {
    long margin =
        Math.max(MIN_MARGIN.toNanos(), Math.min(MAX_MARGIN.toNanos(), timeout.toNanos() / 5));
    return new CallDeadline(dueNanos, margin, true);
  }

  /** Time left until the call must be answered; a very long time when unbounded. */
  public Duration remaining() {
    return bounded
        ? Duration.ofNanos(Math.max(0, dueNanos - System.nanoTime()))
        : Duration.ofDays(365);
  }

  /**
   * The {@link System#nanoTime()} at which a wait that wants {@code own} from now must stop: its
   * own end, or the margin before the deadline if that comes first (possibly already past).
   */
  public long waitEnd(Duration own) {
    return waitEnd(System.nanoTime(), own);
  }

  /**
   * As {@link #waitEnd(Duration)}, from {@code nowNanos} on the deadline's clock: the earlier of
   * {@code nowNanos + own} and the margin before the deadline. The waiter passes its own clock's
   * now, so that a test's fake clock and a deadline set on it agree.
   */
  public long waitEnd(long nowNanos, Duration own) {
    long ownEnd = nowNanos + own.toNanos();
    if (!bounded) {
      return ownEnd;
    }
    long capEnd = dueNanos - marginNanos;
    // the earlier of the two, compared by their difference: nanoTime values may wrap around
    return ownEnd - Math.max(0, ownEnd - capEnd);
  }

  /** How long a wait that wants {@code own} may last from now: never negative. */
  public Duration cap(Duration own) {
    return Duration.ofNanos(Math.max(0, waitEnd(own) - System.nanoTime()));
  }
}
