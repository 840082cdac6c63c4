package dev.databricksmcp.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The limiter's memory stays bounded however many principals call, without resetting anyone early.
 */
class RateLimiterBoundsTest {
  private final AtomicLong nanos = new AtomicLong();

  @Test
  void thousandsOfDistinctPrincipalsKeepTheBucketsBounded() {
    RateLimiter limiter = new RateLimiter(60, 5, nanos::get, 1_000);

    for (int i = 0; i < 20_000; i++) {
      limiter.acquire("principal-" + i);
    }

    assertThat(limiter.trackedPrincipals()).isLessThanOrEqualTo(1_000);
  }

  @Test
  void theDefaultBoundHoldsAgainstMoreThanItsSize() {
    RateLimiter limiter = new RateLimiter(600, 10, nanos::get);

    for (int i = 0; i < RateLimiter.MAX_PRINCIPALS + 5_000; i++) {
      limiter.acquire("p" + i);
    }

    assertThat(limiter.trackedPrincipals()).isLessThanOrEqualTo(RateLimiter.MAX_PRINCIPALS);
  }

  @Test
  void anIdleBucketIsDroppedOnlyOnceItWouldBeFullAgain() {
    RateLimiter limiter = new RateLimiter(60, 2, nanos::get); // refills 2 tokens in 2 s

    limiter.acquire("alice");
    limiter.acquire("alice");
    assertThat(limiter.acquire("alice")).as("drained").isPositive();

    nanos.addAndGet(Duration.ofMillis(500).toNanos());
    assertThat(limiter.trackedPrincipals()).as("still refilling: kept").isEqualTo(1);
    assertThat(limiter.acquire("alice")).as("half a token is not a call").isPositive();

    nanos.addAndGet(Duration.ofSeconds(3).toNanos());
    assertThat(limiter.trackedPrincipals()).as("full again: dropped").isZero();
    assertThat(limiter.acquire("alice")).isZero();
    assertThat(limiter.acquire("alice")).isZero();
    assertThat(limiter.acquire("alice"))
        .as("a dropped bucket comes back with the same burst, no more")
        .isPositive();
  }
}
