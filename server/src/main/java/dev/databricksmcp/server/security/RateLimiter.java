package dev.databricksmcp.server.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket per principal: {@code perMinute} calls a minute on average, bursts up to {@code
 * burst}. Answers how long to wait when a call is over the limit.
 *
 * <p>Buckets live in a bounded cache. A bucket idle for as long as it takes to refill completely is
 * dropped: a new one starts full, so dropping it changes no answer. Past {@link #MAX_PRINCIPALS}
 * the least recently used bucket goes, which can only ever hand that principal a fresh burst.
 */
public final class RateLimiter {
  /** More principals than any one server serves at once; a bound, not a quota. */
  public static final int MAX_PRINCIPALS = 10_000;

  private final double perNano;
  private final double burst;
  private final LongSupplier nanoClock;
  private final int maxPrincipals;
  // built on the first call, not at start-up: Caffeine's first cache costs tens of ms on a cold JVM
  private volatile Cache<String, Bucket> buckets;

  /**
   * @param perMinute calls per minute per principal; 0 disables the limit
   */
  public RateLimiter(int perMinute, int burst, LongSupplier nanoClock) {
    this(perMinute, burst, nanoClock, MAX_PRINCIPALS);
  }

  RateLimiter(int perMinute, int burst, LongSupplier nanoClock, int maxPrincipals) {
    this.perNano = perMinute / 60e9;
    this.burst = Math.max(1, burst);
    this.nanoClock = nanoClock;
    this.maxPrincipals = maxPrincipals;
  }

  private Cache<String, Bucket> buckets() {
    Cache<String, Bucket> cache = buckets;
    if (cache == null) {
      synchronized (this) {
        cache = buckets;
        if (cache == null) {
          cache =
              Caffeine.newBuilder()
                  .maximumSize(maxPrincipals)
                  .expireAfterAccess(refillTime())
                  .ticker(nanoClock::getAsLong)
                  // evict on the caller's thread: no background pool, and tests see the bound at
                  // once
                  .executor(Runnable::run)
                  .build();
          buckets = cache;
        }
      }
    }
    return cache;
  }

  public boolean enabled() {
    return perNano > 0;
  }

  /** 0 when the call may go ahead, otherwise the seconds to wait before retrying. */
  public long acquire(String principal) {
    if (!enabled()) {
      return 0;
    }
    return buckets().get(principal, p -> new Bucket(burst, nanoClock.getAsLong())).take();
  }

  /** Buckets held right now (after pending evictions); for tests and metrics. */
  public long trackedPrincipals() {
    Cache<String, Bucket> cache = buckets;
    if (cache == null) {
      return 0;
    }
    cache.cleanUp();
    return cache.estimatedSize();
  }

  /**
   * How long an empty bucket takes to fill up again; at least a second. Only asked when enabled.
   */
  private Duration refillTime() {
    return Duration.ofNanos(Math.max(1_000_000_000L, (long) Math.ceil(burst / perNano)));
  }

  private final class Bucket {
    private double tokens;
    private long updated;

    Bucket(double tokens, long updated) {
      this.tokens = tokens;
      this.updated = updated;
    }

    /** Takes a token: 0, or the seconds until there is one. The clock is read under the lock. */
    synchronized long take() {
      long now = nanoClock.getAsLong();
      tokens = Math.min(burst, tokens + (now - updated) * perNano);
      updated = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
    }
  }
}
