package dev.databricksmcp.server.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per principal: {@code perMinute} calls a minute on average, bursts up to
 * {@code burst}. Answers how long to wait when a call is over the limit.
 */
public final class RateLimiter {
  private final double perNano;
  private final double burst;
  private final LongSupplier nanoClock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /** @param perMinute calls per minute per principal; 0 disables the limit */
  public RateLimiter(int perMinute, int burst, LongSupplier nanoClock) {
    this.perNano = perMinute / 60e9;
    this.burst = Math.max(1, burst);
    this.nanoClock = nanoClock;
  }

  public boolean enabled() {
    return perNano > 0;
  }

  /** 0 when the call may go ahead, otherwise the seconds to wait before retrying. */
  public long acquire(String principal) {
    if (!enabled()) {
      return 0;
    }
    Bucket bucket = buckets.computeIfAbsent(principal, p -> new Bucket(burst, nanoClock.getAsLong()));
    synchronized (bucket) {
      long now = nanoClock.getAsLong();
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updated) * perNano);
      bucket.updated = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perNano / 1e9));
    }
  }

  private static final class Bucket {
    double tokens;
    long updated;

    Bucket(double tokens, long updated) {
      this.tokens = tokens;
      this.updated = updated;
    }
  }
}
