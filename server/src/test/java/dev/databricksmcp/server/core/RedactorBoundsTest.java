package dev.databricksmcp.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Callers' tokens are remembered in a bounded set for a bounded time; the server's own secrets are
 * never forgotten. Each test has its own set of secrets (the process-wide one is shared by every
 * test).
 */
class RedactorBoundsTest {
  private static final Duration HOUR = Duration.ofHours(1);
  private final AtomicLong nanos = new AtomicLong();

  private Redactor.Secrets secrets(int maxConfigured, int maxCallers) {
    return new Redactor.Secrets(maxConfigured, maxCallers, HOUR, nanos::get);
  }

  private static List<String> tokens(String prefix, int count) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(String.format("%s-%05d-padding", prefix, i));
    }
    return out;
  }

  /** The ones of {@code values} that {@code text}, once masked, still shows. */
  private static List<String> shown(Redactor.Secrets secrets, List<String> values) {
    String masked = secrets.mask(String.join(" ", values));
    return values.stream().filter(masked::contains).toList();
  }

  @Test
  void the1025thCallerTokenPushesOutAnotherCallersTokenNeverAConfiguredSecret() {
    Redactor.Secrets secrets =
        secrets(Redactor.MAX_CONFIGURED_SECRETS, Redactor.MAX_CALLER_SECRETS);
    secrets.register("configured-server-secret-0042");
    List<String> callers = tokens("caller-token", Redactor.MAX_CALLER_SECRETS + 1);

    callers.forEach(secrets::registerCaller);

    assertThat(secrets.mask("x configured-server-secret-0042 y")).isEqualTo("x [REDACTED] y");
    assertThat(shown(secrets, callers)).as("exactly one caller token forgotten").hasSize(1);
    assertThat(secrets.mask(callers.get(Redactor.MAX_CALLER_SECRETS)))
        .as("the newest is kept")
        .isEqualTo("[REDACTED]");
  }

  @Test
  void aFloodOfCallerTokensKeepsAsManyAsTheBoundAllowsAndTheNewest() {
    Redactor.Secrets secrets = secrets(8, 4);
    List<String> callers = tokens("flood", 1_000);

    callers.forEach(secrets::registerCaller);

    assertThat(shown(secrets, callers)).hasSize(1_000 - 4).doesNotContain(callers.get(999));
  }

  @Test
  void aConfiguredSecretForwardedAsACallersTokenTakesNoCallersPlace() {
    Redactor.Secrets secrets = secrets(8, 4);
    secrets.register("configured-and-forwarded-0043");
    secrets.registerCaller("configured-and-forwarded-0043");
    List<String> callers = tokens("caller", 4);

    callers.forEach(secrets::registerCaller);

    assertThat(shown(secrets, callers)).as("all four callers fit").isEmpty();
    assertThat(secrets.mask("configured-and-forwarded-0043")).isEqualTo("[REDACTED]");
  }

  @Test
  void configuredSecretsBeyondTheBoundAreMaskedButOnlyForAsLongAsACallersToken() {
    Redactor.Secrets secrets = secrets(2, 4);
    List<String> configured = tokens("configured", 3);

    configured.forEach(secrets::register);
    assertThat(shown(secrets, configured)).as("all masked at first").isEmpty();

    nanos.addAndGet(HOUR.plusSeconds(1).toNanos());
    assertThat(shown(secrets, configured))
        .as("the third was kept as a caller's token")
        .containsExactly(configured.get(2));
  }

  @Test
  void aCallerTokenIsForgottenAnHourAfterItWasLastSeen() {
    Redactor.Secrets secrets = secrets(2, 4);
    secrets.registerCaller("forwarded-token-of-alice");

    nanos.addAndGet(HOUR.minusMinutes(1).toNanos());
    secrets.registerCaller("forwarded-token-of-alice"); // her next request
    nanos.addAndGet(HOUR.minusMinutes(1).toNanos());
    assertThat(secrets.mask("forwarded-token-of-alice")).isEqualTo("[REDACTED]");

    nanos.addAndGet(Duration.ofMinutes(2).toNanos());
    assertThat(secrets.mask("forwarded-token-of-alice")).isEqualTo("forwarded-token-of-alice");
  }

  @Test
  void valuesShorterThanSixCharactersAreNeverTreatedAsSecrets() {
    Redactor.Secrets secrets = secrets(2, 4);
    // masking "main" or "admin" would garble ordinary text in every result and log line
    secrets.register("admin");
    secrets.registerCaller("main1");
    secrets.register(null);
    secrets.registerCaller(null);
    assertThat(secrets.mask("admin reads main1.sales")).isEqualTo("admin reads main1.sales");

    secrets.register("sixsix");
    secrets.registerCaller("seven7");
    assertThat(secrets.mask("sixsix seven7")).isEqualTo("[REDACTED] [REDACTED]");
  }
}
