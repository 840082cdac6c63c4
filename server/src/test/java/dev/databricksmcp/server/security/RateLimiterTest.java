package dev.databricksmcp.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * What a caller over its rate is told, on a fake clock: how many calls pass and when to come back.
 */
class RateLimiterTest {
  private final AtomicLong nanos = new AtomicLong();

  private void wait(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  @Test
  void aLimitOfFourAMinuteAllowsFourCallsAndTellsTheFifthToRetryIn15Seconds() {
    RateLimiter limiter = new RateLimiter(4, 4, nanos::get);

    for (int i = 0; i < 4; i++) {
      assertThat(limiter.acquire("alice")).as("call %d", i + 1).isZero();
    }
    assertThat(limiter.acquire("alice")).isEqualTo(15);
    assertThat(limiter.acquire("bob")).as("another principal goes on").isZero();

    wait(Duration.ofSeconds(15));
    assertThat(limiter.acquire("alice")).as("a token is back after 15 s").isZero();
    assertThat(limiter.acquire("alice")).as("but only one").isEqualTo(15);
  }

  @Test
  void theRetryTimeIsWhatRemainsRoundedUpNeverTooEarly() {
    RateLimiter limiter = new RateLimiter(4, 1, nanos::get);
    limiter.acquire("alice");

    wait(Duration.ofMillis(7_500)); // half a token back: 7.5 s to go
    assertThat(limiter.acquire("alice")).isEqualTo(8);
  }

  @Test
  void pausingBrieflyDoesNotEarnAFreshBurst() {
    RateLimiter limiter =
        new RateLimiter(60, 2, nanos::get); // an empty bucket is full again after 2 s
    limiter.acquire("alice");
    limiter.acquire("alice");

    wait(Duration.ofMillis(1_500));
    assertThat(limiter.acquire("alice")).as("1.5 tokens back: one call").isZero();
    assertThat(limiter.acquire("alice")).as("not a second").isEqualTo(1);
  }

  @Test
  void zeroCallsAMinuteMeansNoLimitAndNoBuckets() {
    RateLimiter limiter = new RateLimiter(0, 1, nanos::get);

    assertThat(limiter.enabled()).isFalse();
    for (int i = 0; i < 100; i++) {
      assertThat(limiter.acquire("alice")).isZero();
    }
    assertThat(limiter.trackedPrincipals()).isZero();
  }
}
