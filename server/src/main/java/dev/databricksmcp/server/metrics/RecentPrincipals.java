package dev.databricksmcp.server.metrics;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How many distinct principals called a tool in the last {@link #WINDOW}: a count for a gauge. The
 * names stay in this cache only, never in a metric; bounded at {@link #MAX} (past it, some are
 * forgotten early).
 */
final class RecentPrincipals {
  static final Duration WINDOW = Duration.ofMinutes(15);
  static final int MAX = 100_000;

  private final Cache<String, Boolean> lastSeen;

  RecentPrincipals(LongSupplier nanoClock) {
    this.lastSeen =
        Caffeine.newBuilder()
            .maximumSize(MAX)
            .expireAfterAccess(WINDOW)
            .ticker(nanoClock::getAsLong)
            // evict on the caller's thread: no background pool, and the count is current at once
            .executor(Runnable::run)
            .build();
  }

  /**
   * A read keeps a known principal for another window (every call does this); only a newcomer is
   * written: reads do not contend, writes to one key from every request thread would.
   */
  void seen(String principal) {
    if (principal != null && lastSeen.getIfPresent(principal) == null) {
      lastSeen.put(principal, Boolean.TRUE);
    }
  }

  long count() {
    lastSeen.cleanUp();
    return lastSeen.estimatedSize();
  }
}
