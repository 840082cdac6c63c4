package dev.databricksmcp.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Callers' tokens are remembered in a bounded set; the server's own secrets are never forgotten. */
class RedactorBoundsTest {
  @Test
  void aFloodOfCallerTokensStaysBoundedAndNeverEvictsAConfiguredSecret() {
    Redactor.registerSecret("configured-server-secret-0042");

    for (int i = 0; i < 20_000; i++) {
      Redactor.registerCallerSecret("caller-token-" + i + "-padding");
    }

    assertThat(Redactor.callerSecretCount()).isLessThanOrEqualTo(Redactor.MAX_CALLER_SECRETS);
    assertThat(Redactor.redact("x configured-server-secret-0042 y")).isEqualTo("x [REDACTED] y");
    assertThat(Redactor.redact("latest caller-token-19999-padding")).isEqualTo("latest [REDACTED]");
  }

  @Test
  void aConfiguredSecretIsNotAlsoKeptAsACallerToken() {
    Redactor.registerSecret("configured-and-forwarded-0043");
    long before = Redactor.callerSecretCount();

    Redactor.registerCallerSecret("configured-and-forwarded-0043");

    assertThat(Redactor.callerSecretCount()).isEqualTo(before);
    assertThat(Redactor.redact("configured-and-forwarded-0043")).isEqualTo("[REDACTED]");
  }
}
