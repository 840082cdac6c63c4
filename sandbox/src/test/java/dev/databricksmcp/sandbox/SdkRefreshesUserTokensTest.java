package dev.databricksmcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Databricks SDK for Java refreshes a user's expired access token with its refresh token on its
 * own (SessionCredentials), and the sandbox rotates the refresh token as it does so. Access tokens
 * live 42 seconds here: the SDK counts a token with 40 seconds or less left as expired, so the
 * token is good for the first call and expired two seconds later, when exactly one refresh is due.
 */
@Timeout(90)
class SdkRefreshesUserTokensTest {
  private static Sandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox =
        Sandbox.start(
            SandboxOptions.inMemory()
                .withOAuthLifetimes(
                    new SandboxOptions.OAuthLifetimes(
                        Duration.ofMinutes(1), Duration.ofSeconds(42), Duration.ofMinutes(5))));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void theSdkRefreshesAnExpiredAccessToken() throws Exception {
    Consent consent =
        new OAuthClient.Builder()
            .withHost(sandbox.host())
            .withOpenIDConnectEndpoints(UserSignInContractTest.discovered(sandbox.host()))
            .withHttpClient(new CommonsHttpClient.Builder().withTimeoutSeconds(30).build())
            .withClientId(OAuthApps.CLI_CLIENT_ID)
            .withRedirectUrl("http://localhost:8020")
            .withScopes(List.of("all-apis", "offline_access"))
            .build()
            .initiateConsent();
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(consent.getAuthUrl())).build(),
                HttpResponse.BodyHandlers.ofString());
    SessionCredentials credentials =
        consent.exchangeCallbackParameters(
            UserSignInContractTest.consent(sandbox.host(), page.body(), "admin@sandbox.local"));
    WorkspaceClient sdk =
        new WorkspaceClient(
            new DatabricksConfig()
                .setHost(sandbox.host())
                .setCredentialsProvider(credentials)
                .setDisableAsyncTokenRefresh(true));
    assertThat(sdk.currentUser().me(new MeRequest()).getUserName())
        .isEqualTo("admin@sandbox.local");
    long before = tokenCalls();
    Thread.sleep(2500);
    assertThat(sdk.currentUser().me(new MeRequest()).getUserName())
        .isEqualTo("admin@sandbox.local");
    assertThat(tokenCalls()).as("the SDK refreshed once").isEqualTo(before + 1);
  }

  private static long tokenCalls() {
    return sandbox.requestLog().entries().stream()
        .filter(e -> e.path().equals("/oidc/v1/token"))
        .count();
  }
}
