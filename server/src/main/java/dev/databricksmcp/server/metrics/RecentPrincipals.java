package dev.databricksmcp.server.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * How many distinct principals called a tool in the last {@link #WINDOW}: a count for a gauge. The
 * names stay in this map only, never in a metric; bounded at {@link #MAX} (past it, newcomers are
 * not counted until older ones age out).
 */
final class RecentPrincipals {
  static final Duration WINDOW = Duration.ofMinutes(15);
  static final int MAX = 100_000;

  private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();
  private final LongSupplier nanoClock;

  RecentPrincipals(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  void seen(String principal) {
    if (principal == null) {
      return;
    }
    long now = nanoClock.getAsLong();
    if (lastSeen.size() >= MAX && !lastSeen.containsKey(principal)) {
      forgetOlder(now);
      if (lastSeen.size() >= MAX) {
        return;
      }
    }
    lastSeen.put(principal, now);
  }

  long count() {
    forgetOlder(nanoClock.getAsLong());
    return lastSeen.size();
  }

  private void forgetOlder(long now) {
    long window = WINDOW.toNanos();
    lastSeen.values().removeIf(seen -> now - seen > window);
  }
}
