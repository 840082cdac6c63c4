package dev.databricksmcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.commons.CommonsHttpClient;
import com.databricks.sdk.core.oauth.Consent;
import com.databricks.sdk.core.oauth.OAuthClient;
import com.databricks.sdk.core.oauth.SessionCredentials;
import dev.databricksmcp.sandbox.auth.OAuthApps;
import dev.databricksmcp.sandbox.contract.UserSignInContractTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the user-to-machine flow hands out expires (SandboxOptions.OAuthLifetimes, short here): an
 * access token stops working and a code not redeemed in time is refused ({@link
 * SdkRefreshesUserTokensTest}: the SDK's own refresh).
 */
@Timeout(60)
class UserTokenExpiryTest {
  private static Sandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox =
        Sandbox.start(
            SandboxOptions.inMemory()
                .withOAuthLifetimes(
                    new SandboxOptions.OAuthLifetimes(
                        Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(5))));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static Consent consent() throws Exception {
    return new OAuthClient.Builder()
        .withHost(sandbox.host())
        .withOpenIDConnectEndpoints(UserSignInContractTest.discovered(sandbox.host()))
        .withHttpClient(new CommonsHttpClient.Builder().withTimeoutSeconds(30).build())
        .withClientId(OAuthApps.CLI_CLIENT_ID)
        .withRedirectUrl("http://localhost:8020")
        .withScopes(List.of("all-apis", "offline_access"))
        .build()
        .initiateConsent();
  }

  private static Map<String, String> signIn(Consent consent, String user) throws Exception {
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(consent.getAuthUrl())).build(),
                HttpResponse.BodyHandlers.ofString());
    return UserSignInContractTest.consent(sandbox.host(), page.body(), user);
  }

  @Test
  void anExpiredAccessTokenIsRefused() throws Exception {
    Consent consent = consent();
    SessionCredentials credentials =
        consent.exchangeCallbackParameters(signIn(consent, "analyst@sandbox.local"));
    String access =
        credentials
            .configure(new DatabricksConfig().setHost(sandbox.host()))
            .headers()
            .get("Authorization");
    Thread.sleep(1500);
    HttpResponse<String> me =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(sandbox.host() + "/api/2.0/preview/scim/v2/Me"))
                    .header("Authorization", access)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(me.statusCode()).isEqualTo(401);
  }

  @Test
  void aCodeNotRedeemedInTimeIsRefused() throws Exception {
    Consent consent = consent();
    Map<String, String> back = signIn(consent, "analyst@sandbox.local");
    Thread.sleep(1500);
    assertThatThrownBy(() -> consent.exchangeCallbackParameters(back))
        .hasMessageContaining("invalid_grant");
  }

  private static long tokenCalls() {
    return sandbox.requestLog().entries().stream()
        .filter(e -> e.path().equals("/oidc/v1/token"))
        .count();
  }
}
