package dev.databricksmcp.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A wait ends at its own length or a margin before the call's deadline, whichever comes first. */
class CallDeadlineTest {
  private static CallDeadline inSeconds(long seconds) {
    return CallDeadline.at(
        System.nanoTime() + Duration.ofSeconds(seconds).toNanos(), Duration.ofSeconds(seconds));
  }

  @Test
  void aWaitLongerThanTheCallIsCutAMarginBeforeItsDeadline() {
    // margin: a fifth of the timeout, 1 to 5 s
    assertThat(inSeconds(10).cap(Duration.ofSeconds(60)))
        .isBetween(Duration.ofMillis(7_500), Duration.ofSeconds(8));
    assertThat(inSeconds(300).cap(Duration.ofSeconds(300)))
        .isBetween(Duration.ofSeconds(294), Duration.ofSeconds(295));
    assertThat(inSeconds(2).cap(Duration.ofSeconds(2)))
        .isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
  }

  @Test
  void aShorterWaitKeepsItsOwnLength() {
    assertThat(inSeconds(300).cap(Duration.ofSeconds(10)))
        .isBetween(Duration.ofSeconds(9), Duration.ofSeconds(10));
  }

  @Test
  void aCallWithNoTimeLeftWaitsNotAtAll() {
    CallDeadline past = CallDeadline.at(System.nanoTime() - 1, Duration.ofSeconds(30));
    assertThat(past.cap(Duration.ofSeconds(10))).isZero();
    assertThat(past.remaining()).isZero();
  }

  @Test
  void withoutADeadlineAWaitIsItsOwn() {
    assertThat(CallDeadline.none().remaining()).isGreaterThan(Duration.ofDays(300));
    assertThat(CallDeadline.none().cap(Duration.ofSeconds(50)))
        .isBetween(Duration.ofSeconds(49), Duration.ofSeconds(50));
  }

  @Test
  void aWaitEndFromAGivenNowIsExactOnThatClock() {
    long now = 1_000_000_000_000L;
    CallDeadline d =
        CallDeadline.at(now + Duration.ofSeconds(10).toNanos(), Duration.ofSeconds(10));
    // margin 2 s: the call's cap is at 8 s
    assertThat(d.waitEnd(now, Duration.ofSeconds(60))).isEqualTo(now + 8_000_000_000L);
    assertThat(d.waitEnd(now, Duration.ofSeconds(3))).isEqualTo(now + 3_000_000_000L);
    assertThat(d.waitEnd(now + 9_000_000_000L, Duration.ofSeconds(3)))
        .as("already past the cap")
        .isEqualTo(now + 8_000_000_000L);
    assertThat(CallDeadline.none().waitEnd(now, Duration.ofSeconds(60)))
        .isEqualTo(now + 60_000_000_000L);
    // across the wrap of nanoTime
    long late = Long.MAX_VALUE - 1_000_000_000L;
    CallDeadline wraps =
        CallDeadline.at(late + Duration.ofSeconds(10).toNanos(), Duration.ofSeconds(10));
    assertThat(wraps.waitEnd(late, Duration.ofSeconds(60))).isEqualTo(late + 8_000_000_000L);
  }
}
