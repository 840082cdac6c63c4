package dev.databricksmcp.server.core.wait;

import java.time.Duration;

/**
 * How long a {@link Waiter} pauses between polls: {@code first}, then doubling, never more than
 * {@code max}. Short first pauses answer quick work quickly; the cap keeps a long wait from asking
 * Databricks more than every few seconds.
 *
 * @param first the pause before the second poll
 * @param max the longest pause
 */
public record Backoff(Duration first, Duration max) {
  /** Most long-running work (warehouses, clusters, runs): 250 ms, 500 ms, 1 s, 2 s, 3 s, 3 s... */
  public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(3));

  /**
   * SQL statements, submitted without a server-side wait: most finish in well under a second, so
   * the first polls come soon — 50 ms, 100 ms, 200 ms... capped at 2 s.
   */
  public static final Backoff STATEMENT = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2));

  public Backoff {
    if (first.isNegative() || first.isZero()) {
      throw new IllegalArgumentException("the first pause must be positive, got " + first);
    }
    if (max.compareTo(first) < 0) {
      throw new IllegalArgumentException("max " + max + " is shorter than first " + first);
    }
  }

  /** The pause after {@code previous}: twice as long, at most {@link #max}. */
  public Duration next(Duration previous) {
    return Duration.ofNanos(Math.min(previous.toNanos() * 2, max.toNanos()));
  }
}
