package dev.databricksmcp.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.service.iam.User;
import dev.databricksmcp.server.connection.ForwardedUserIdentities;
import dev.databricksmcp.server.core.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Who a request's headers name, per --auth, without a server: bearer tokens compared with the
 * configured ones, and forwarded Databricks tokens whose owner SCIM names (a fake SCIM here).
 */
class AuthenticatorTest {
  // new ones for each test: the Redactor's secrets are process-wide, and one test must not mask for
  // another
  private final String ciToken = "ci-token-" + UUID.randomUUID();
  private final String opsToken = "ops-token-" + UUID.randomUUID();
  private final List<String> asked = new ArrayList<>();

  /** SCIM Me: good-* tokens belong to someone, down-* find SCIM unavailable, others are refused. */
  private final ForwardedUserIdentities scim =
      new ForwardedUserIdentities(
          token -> {
            asked.add(token);
            if (token.startsWith("good-")) {
              return new User()
                  .setUserName(token.substring(5, token.indexOf('-', 5)) + "@example.com");
            }
            if (token.startsWith("down-")) {
              throw new DatabricksError("TEMPORARILY_UNAVAILABLE", "try later", 503);
            }
            throw new DatabricksError("UNAUTHENTICATED", "Invalid access token.", 401);
          });

  private static Authenticator.Outcome with(
      Authenticator authenticator, String header, String value) {
    return authenticator.authenticate(name -> name.equalsIgnoreCase(header) ? value : null);
  }

  private Authenticator tokens() {
    return new Authenticator(
        new HttpAuth(HttpAuth.Mode.TOKEN, Map.of("ci", ciToken, "ops", opsToken), false), null);
  }

  private Authenticator apps(boolean servicePrincipalFallback) {
    return new Authenticator(
        new HttpAuth(HttpAuth.Mode.DATABRICKS_APPS, Map.of(), servicePrincipalFallback), scim);
  }

  @Test
  void withoutAuthEveryoneIsAnonymous() {
    Authenticator.Outcome outcome =
        new Authenticator(HttpAuth.none(), null).authenticate(name -> null);

    assertThat(outcome.accepted()).isTrue();
    assertThat(outcome.principal()).isEqualTo("anonymous");
  }

  @Test
  void eachConfiguredTokenNamesItsOwnPrincipal() {
    Authenticator authenticator = tokens();

    assertThat(with(authenticator, "Authorization", "Bearer " + ciToken))
        .isEqualTo(new Authenticator.Outcome("ci", null, 0, null, null));
    assertThat(with(authenticator, "Authorization", "bearer   " + opsToken + " ").principal())
        .as("the scheme in any case, spaces around the token")
        .isEqualTo("ops");
  }

  @Test
  void aMissingWrongOrNonBearerCredentialIsRefusedWith401() {
    Authenticator authenticator = tokens();

    for (String header :
        new String[] {
          null,
          "",
          "Bearer",
          "Bearer ",
          "Bearer not-the-token-but-long-enough",
          "Basic " + ciToken,
          ciToken,
          "Bearer " + ciToken + "x"
        }) {
      Authenticator.Outcome outcome = with(authenticator, "Authorization", header);
      assertThat(outcome.accepted()).as("%s", header).isFalse();
      assertThat(outcome.status()).isEqualTo(401);
      assertThat(outcome.principal()).isNull();
    }
  }

  @Test
  void configuredTokensAreMaskedInLogsFromTheStart() {
    tokens();

    assertThat(Redactor.redact("got " + ciToken + " and " + opsToken))
        .isEqualTo("got [REDACTED] and [REDACTED]");
  }

  @Test
  void appsModeNeedsAWayToAskDatabricks() {
    assertThatThrownBy(
            () ->
                new Authenticator(
                    new HttpAuth(HttpAuth.Mode.DATABRICKS_APPS, Map.of(), false), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("databricks-apps");
  }

  @Test
  void aForwardedTokenIsWhoeverDatabricksSaysOwnsIt() {
    String token = "good-alice-" + UUID.randomUUID();

    Authenticator.Outcome outcome =
        with(apps(false), Authenticator.ACCESS_TOKEN_HEADER, " " + token + " ");

    assertThat(outcome.accepted()).isTrue();
    assertThat(outcome.principal()).isEqualTo("alice@example.com");
    assertThat(outcome.userAccessToken()).as("trimmed, as asked of SCIM").isEqualTo(token);
    assertThat(asked).containsExactly(token);
    assertThat(Redactor.redact("calling with " + token))
        .as("masked in every log line from now on")
        .isEqualTo("calling with [REDACTED]");
  }

  @Test
  void aTokenDatabricksRefusesGets401AndAnOutage503() {
    Authenticator authenticator = apps(true);

    Authenticator.Outcome refused =
        with(authenticator, Authenticator.ACCESS_TOKEN_HEADER, "made-up-token");
    Authenticator.Outcome outage =
        with(authenticator, Authenticator.ACCESS_TOKEN_HEADER, "down-bob-token");

    assertThat(refused.accepted()).isFalse();
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.message()).contains("did not accept");
    assertThat(outage.accepted()).isFalse();
    assertThat(outage.status()).as("retry later, not a verdict on the token").isEqualTo(503);
  }

  @Test
  void withoutAForwardedTokenTheServicePrincipalServesOnlyWhenAllowed() {
    for (String missing : new String[] {null, "", "  "}) {
      Authenticator.Outcome fallback = with(apps(true), Authenticator.ACCESS_TOKEN_HEADER, missing);
      assertThat(fallback.accepted()).isTrue();
      assertThat(fallback.principal()).isEqualTo(Authenticator.APP_SERVICE_PRINCIPAL);
      assertThat(fallback.userAccessToken()).isNull();

      Authenticator.Outcome refused = with(apps(false), Authenticator.ACCESS_TOKEN_HEADER, missing);
      assertThat(refused.accepted()).isFalse();
      assertThat(refused.status()).isEqualTo(401);
    }
    assertThat(asked).as("nothing to ask Databricks").isEmpty();
  }
}
