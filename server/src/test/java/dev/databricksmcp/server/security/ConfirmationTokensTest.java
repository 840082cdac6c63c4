package dev.databricksmcp.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ConfirmationTokensTest {
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  @Test
  void anExpiredTokenIsRefused() {
    ConfirmationTokens tokens = new ConfirmationTokens(Duration.ofMinutes(5), clock);
    String token = tokens.issue("binding");

    now = now.plus(Duration.ofMinutes(6));

    assertThat(tokens.redeem(token, "binding")).isEqualTo(ConfirmationTokens.Verdict.EXPIRED);
  }

  @Test
  void aTokenIsValidOnceForItsBindingOnly() {
    ConfirmationTokens tokens = new ConfirmationTokens(Duration.ofMinutes(5), clock);
    String token = tokens.issue("binding");

    assertThat(tokens.redeem(token, "other binding")).isEqualTo(ConfirmationTokens.Verdict.INVALID);
    assertThat(tokens.redeem(token, "binding")).isEqualTo(ConfirmationTokens.Verdict.VALID);
    assertThat(tokens.redeem(token, "binding")).isEqualTo(ConfirmationTokens.Verdict.ALREADY_USED);
  }

  @Test
  void tokensFromAnotherProcessAreInvalid() {
    String foreign = new ConfirmationTokens(Duration.ofMinutes(5), clock).issue("binding");

    assertThat(new ConfirmationTokens(Duration.ofMinutes(5), clock).redeem(foreign, "binding"))
        .isEqualTo(ConfirmationTokens.Verdict.INVALID);
  }
}
