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
  void tamperedOrMalformedTokensAreInvalid() {
    ConfirmationTokens tokens = new ConfirmationTokens(Duration.ofMinutes(5), clock);
    String token = tokens.issue("binding");
    String[] parts = token.split("\\.");
    String laterExpiry = (Long.parseLong(parts[0]) + 60_000) + "." + parts[1] + "." + parts[2];
    String otherNonce = parts[0] + "." + "0".repeat(24) + "." + parts[2];

    assertThat(tokens.redeem(laterExpiry, "binding")).isEqualTo(ConfirmationTokens.Verdict.INVALID);
    assertThat(tokens.redeem(otherNonce, "binding")).isEqualTo(ConfirmationTokens.Verdict.INVALID);
    assertThat(tokens.redeem(token + ".", "binding")).isEqualTo(ConfirmationTokens.Verdict.INVALID);
    assertThat(tokens.redeem(parts[0] + "." + parts[1], "binding"))
        .isEqualTo(ConfirmationTokens.Verdict.INVALID);
    assertThat(tokens.redeem("x." + parts[1] + "." + parts[2], "binding"))
        .isEqualTo(ConfirmationTokens.Verdict.INVALID);
    assertThat(tokens.redeem(parts[0] + "." + parts[1] + ".zz", "binding"))
        .isEqualTo(ConfirmationTokens.Verdict.INVALID);
    assertThat(tokens.redeem(token, "binding")).isEqualTo(ConfirmationTokens.Verdict.VALID);
  }

  @Test
  void aTokenIsValidUntilItsLastMillisecond() {
    ConfirmationTokens tokens = new ConfirmationTokens(Duration.ofMinutes(5), clock);
    String token = tokens.issue("binding");
    now = now.plus(Duration.ofMinutes(5));
    assertThat(tokens.redeem(token, "binding")).isEqualTo(ConfirmationTokens.Verdict.VALID);
    String late = tokens.issue("binding");
    now = now.plus(Duration.ofMinutes(5)).plusMillis(1);
    assertThat(tokens.redeem(late, "binding")).isEqualTo(ConfirmationTokens.Verdict.EXPIRED);
  }

  @Test
  void aSpentTokenStaysSpentUntilItsVeryLastMillisecond() {
    ConfirmationTokens tokens = new ConfirmationTokens(Duration.ofMinutes(5), clock);
    String token = tokens.issue("binding");
    assertThat(tokens.redeem(token, "binding")).isEqualTo(ConfirmationTokens.Verdict.VALID);
    now = now.plus(Duration.ofMinutes(5));
    assertThat(tokens.redeem(token, "binding")).isEqualTo(ConfirmationTokens.Verdict.ALREADY_USED);
  }

  /**
   * The signature covers the payload and the binding as two separate values: moving characters from
   * the start of one principal's binding into the token's nonce must not make the token valid for a
   * principal whose name is the rest ("alice" → "lice").
   */
  @Test
  void charactersCannotBeShiftedBetweenTheTokenAndTheBinding() {
    ConfirmationTokens tokens = new ConfirmationTokens(Duration.ofMinutes(5), clock);
    String token = tokens.issue("alice\ndelete_table\n{}");
    String[] parts = token.split("\\.");
    String shifted = parts[0] + "." + parts[1] + "a." + parts[2];
    assertThat(tokens.redeem(shifted, "lice\ndelete_table\n{}"))
        .isEqualTo(ConfirmationTokens.Verdict.INVALID);
  }

  @Test
  void aSharedKeyMakesTokensPortableBetweenInstances() {
    byte[] key =
        "shared-key-of-at-least-32-characters!".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String token = new ConfirmationTokens(Duration.ofMinutes(5), clock, key).issue("binding");
    assertThat(new ConfirmationTokens(Duration.ofMinutes(5), clock, key).redeem(token, "binding"))
        .isEqualTo(ConfirmationTokens.Verdict.VALID);
    assertThat(new ConfirmationTokens(Duration.ofMinutes(5), clock).redeem(token, "binding"))
        .isEqualTo(ConfirmationTokens.Verdict.INVALID);
  }

  @Test
  void tokensFromAnotherProcessAreInvalid() {
    String foreign = new ConfirmationTokens(Duration.ofMinutes(5), clock).issue("binding");

    assertThat(new ConfirmationTokens(Duration.ofMinutes(5), clock).redeem(foreign, "binding"))
        .isEqualTo(ConfirmationTokens.Verdict.INVALID);
  }
}
