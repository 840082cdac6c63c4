package dev.databricksmcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.commons.CommonsHttpClient;
import com.databricks.sdk.core.oauth.Consent;
import com.databricks.sdk.core.oauth.OAuthClient;
import com.databricks.sdk.core.oauth.SessionCredentials;
import com.databricks.sdk.service.iam.MeRequest;
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
 * access token stops working, a code not redeemed in time is refused, and the Databricks SDK for
 * Java refreshes an expired access token with its refresh token on its own.
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
  void theSdkRefreshesAnExpiredAccessTokenAndEachRefreshRotates() throws Exception {
    Consent consent = consent();
    SessionCredentials credentials =
        consent.exchangeCallbackParameters(signIn(consent, "admin@sandbox.local"));
    WorkspaceClient sdk =
        new WorkspaceClient(
            new DatabricksConfig()
                .setHost(sandbox.host())
                .setCredentialsProvider(credentials)
                // a one-second token is always stale: a background refresh would race the blocking
                // one with the same single-use refresh token
                .setDisableAsyncTokenRefresh(true));
    assertThat(sdk.currentUser().me(new MeRequest()).getUserName())
        .isEqualTo("admin@sandbox.local");
    long tokenCallsBefore = tokenCalls();
    Thread.sleep(1500);
    assertThat(sdk.currentUser().me(new MeRequest()).getUserName())
        .isEqualTo("admin@sandbox.local");
    assertThat(tokenCalls())
        .as("the SDK refreshed with its refresh token")
        .isGreaterThan(tokenCallsBefore);
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
