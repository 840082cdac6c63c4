package dev.databricksmcp.sandbox.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.commons.CommonsHttpClient;
import com.databricks.sdk.core.oauth.Consent;
import com.databricks.sdk.core.oauth.OAuthClient;
import com.databricks.sdk.core.oauth.SessionCredentials;
import com.databricks.sdk.service.iam.MeRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.databricksmcp.sandbox.auth.OAuthApps;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * OAuth user-to-machine sign-in as Databricks documents it ("Manually generate OAuth U2M access
 * tokens", docs.databricks.com/aws/en/dev-tools/auth/oauth-u2m): {@code GET /oidc/v1/authorize}
 * with {@code response_type=code}, a PKCE S256 challenge and {@code scope=all-apis offline_access};
 * the user signs in and consents (here: a sandbox user chosen on a form); the client's redirect URI
 * receives a code and the state; {@code POST /oidc/v1/token} with {@code
 * grant_type=authorization_code}, the code, the verifier and the same redirect URI answers access
 * and refresh tokens. Refresh tokens are single use ("Single-use refresh tokens",
 * docs.databricks.com/aws/en/integrations/single-use-tokens). Errors are RFC 6749's.
 */
@Timeout(120)
@ExtendWith(SharedSandbox.class)
public class UserSignInContractTest {
  static final String U2M_DOC = "https://docs.databricks.com/aws/en/dev-tools/auth/oauth-u2m";
  static final String ROTATION_DOC =
      "https://docs.databricks.com/aws/en/integrations/single-use-tokens";
  private static final String REDIRECT = "http://127.0.0.1:9771/oauth/callback";
  private static final String VERIFIER =
      "a-verifier-of-more-than-forty-three-characters-0123456789";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The documented flow end to end: the consent page, the redirect with code and state, the token
   * answer (access_token, token_type, expires_in, refresh_token, scope), a call as that user.
   */
  @Test
  @Contract(value = "GET /oidc/v1/authorize", doc = U2M_DOC)
  @Contract(value = "POST /oidc/v1/authorize", doc = U2M_DOC)
  @Contract(value = "POST /oidc/v1/token", doc = U2M_DOC)
  void authorizationCodeWithPkceSignsTheChosenUserIn() throws Exception {
    HttpResponse<String> page = get(authorizeUrl(OAuthApps.MCP_APP_CLIENT_ID, REDIRECT, "st-1"));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.body()).contains("analyst@sandbox.local").contains("admin@sandbox.local");

    Map<String, String> back = consent(page.body(), "analyst@sandbox.local");
    assertThat(back).containsEntry("state", "st-1").containsKey("code");

    JsonNode tokens = exchange(back.get("code"), VERIFIER, REDIRECT, true);
    JsonShape.of(
            "{\"access_token\": \"string\", \"token_type\": \"string\", \"expires_in\": 0,"
                + " \"scope\": \"string\", \"refresh_token\": \"string\"}")
        .required("access_token", "token_type", "expires_in", "refresh_token")
        .check(tokens);
    assertThat(me(tokens.get("access_token").asText())).isEqualTo("analyst@sandbox.local");
  }

  /** A code works once; a wrong verifier, another redirect URI or no secret are refused. */
  @Test
  @Contract(
      value = "POST /oidc/v1/token",
      doc = "https://www.rfc-editor.org/rfc/rfc6749#section-5.2")
  void codesAreSingleUseAndBoundToVerifierRedirectAndClient() throws Exception {
    String code = codeFor("admin@sandbox.local");
    JsonNode wrongVerifier = exchange(code, VERIFIER + "x", REDIRECT, true);
    assertThat(wrongVerifier.get("error").asText()).isEqualTo("invalid_grant");
    // the failed attempt used the code up, as a replay would
    assertThat(exchange(code, VERIFIER, REDIRECT, true).get("error").asText())
        .isEqualTo("invalid_grant");

    String second = codeFor("admin@sandbox.local");
    assertThat(
            exchange(second, VERIFIER, "http://127.0.0.1:9771/other", true).get("error").asText())
        .isEqualTo("invalid_grant");
    String third = codeFor("admin@sandbox.local");
    HttpResponse<String> noSecret = token(exchangeForm(third, VERIFIER, REDIRECT, false), null);
    assertThat(noSecret.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(noSecret.body()).get("error").asText()).isEqualTo("invalid_client");

    String fourth = codeFor("admin@sandbox.local");
    JsonNode ok = exchange(fourth, VERIFIER, REDIRECT, true);
    assertThat(me(ok.get("access_token").asText())).isEqualTo("admin@sandbox.local");
    assertThat(exchange(fourth, VERIFIER, REDIRECT, true).get("error").asText())
        .as("a redeemed code is not redeemed twice")
        .isEqualTo("invalid_grant");
  }

  /**
   * An unknown client or an unregistered redirect URI is shown an error, never redirected to; other
   * errors (no PKCE) go back to the client's redirect URI with error and state.
   */
  @Test
  @Contract(
      value = "GET /oidc/v1/authorize",
      doc = "https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1")
  void authorizeErrorsFollowRfc6749() throws Exception {
    assertThat(get(authorizeUrl("no-such-client", REDIRECT, "s")).statusCode()).isEqualTo(400);
    HttpResponse<String> evil =
        get(authorizeUrl(OAuthApps.MCP_APP_CLIENT_ID, "https://evil.example/cb", "s"));
    assertThat(evil.statusCode()).isEqualTo(400);
    assertThat(evil.headers().firstValue("Location")).isEmpty();

    HttpResponse<String> noPkce =
        get(
            SharedSandbox.sandbox().host()
                + "/oidc/v1/authorize?response_type=code&client_id="
                + OAuthApps.MCP_APP_CLIENT_ID
                + "&redirect_uri="
                + enc(REDIRECT)
                + "&state=s9");
    assertThat(noPkce.statusCode()).isEqualTo(302);
    Map<String, String> back = query(noPkce.headers().firstValue("Location").orElseThrow());
    assertThat(back).containsEntry("error", "invalid_request").containsEntry("state", "s9");
  }

  /** Refresh tokens rotate: the answer carries a new one, and the old one is dead. */
  @Test
  @Contract(value = "POST /oidc/v1/token", doc = ROTATION_DOC)
  void refreshTokensAreSingleUse() throws Exception {
    JsonNode first = exchange(codeFor("analyst@sandbox.local"), VERIFIER, REDIRECT, true);
    String refresh = first.get("refresh_token").asText();
    JsonNode second = refresh(refresh);
    assertThat(second.get("refresh_token").asText()).isNotEqualTo(refresh);
    assertThat(me(second.get("access_token").asText())).isEqualTo("analyst@sandbox.local");
    assertThat(refresh(refresh).get("error").asText()).isEqualTo("invalid_grant");
    assertThat(refresh(second.get("refresh_token").asText()).has("access_token")).isTrue();
  }

  /**
   * The Databricks SDK for Java's own U2M client (OAuthClient → Consent → SessionCredentials) with
   * the public databricks-cli client: the SDK builds the authorize URL and exchanges the code; the
   * browser step is a form post here. A WorkspaceClient on those credentials calls as the user.
   */
  @Test
  @Contract(value = "GET /oidc/v1/authorize", doc = U2M_DOC)
  @Contract(value = "POST /oidc/v1/token", doc = U2M_DOC)
  void sdkUserToMachineConsent() throws Exception {
    OAuthClient client =
        new OAuthClient.Builder()
            .withHost(SharedSandbox.sandbox().host())
            .withOpenIDConnectEndpoints(discovered(SharedSandbox.sandbox().host()))
            .withHttpClient(new CommonsHttpClient.Builder().withTimeoutSeconds(30).build())
            .withClientId(OAuthApps.CLI_CLIENT_ID)
            .withRedirectUrl("http://localhost:8020")
            .withScopes(List.of("all-apis", "offline_access"))
            .build();
    Consent consent = client.initiateConsent();
    HttpResponse<String> page = get(consent.getAuthUrl());
    assertThat(page.statusCode()).isEqualTo(200);
    Map<String, String> back = consent(page.body(), "analyst@sandbox.local");
    SessionCredentials credentials = consent.exchangeCallbackParameters(back);
    WorkspaceClient sdk =
        new WorkspaceClient(
            new DatabricksConfig()
                .setHost(SharedSandbox.sandbox().host())
                .setCredentialsProvider(credentials));
    assertThat(sdk.currentUser().me(new MeRequest()).getUserName())
        .isEqualTo("analyst@sandbox.local");
  }

  // ---- helpers (also used by the expiry test) -------------------------------------------------

  /** The endpoints as the SDK reads them from the discovery document. */
  public static com.databricks.sdk.core.oauth.OpenIDConnectEndpoints discovered(String host)
      throws java.io.IOException {
    DatabricksConfig config =
        new DatabricksConfig()
            .setHost(host)
            .setToken(dev.databricksmcp.sandbox.auth.Identities.ADMIN_TOKEN)
            .setAuthType("pat");
    config.resolve();
    return config.getOidcEndpoints();
  }

  static String authorizeUrl(String clientId, String redirect, String state) {
    return SharedSandbox.sandbox().host()
        + "/oidc/v1/authorize?response_type=code&client_id="
        + enc(clientId)
        + "&redirect_uri="
        + enc(redirect)
        + "&scope="
        + enc("all-apis offline_access")
        + "&state="
        + enc(state)
        + "&code_challenge="
        + s256(VERIFIER)
        + "&code_challenge_method=S256";
  }

  private static String codeFor(String user) throws Exception {
    HttpResponse<String> page = get(authorizeUrl(OAuthApps.MCP_APP_CLIENT_ID, REDIRECT, "s"));
    return consent(page.body(), user).get("code");
  }

  /** Posts the consent form of {@code page} as {@code user}; the query of the redirect. */
  static Map<String, String> consent(String page, String user) throws Exception {
    return consent(SharedSandbox.sandbox().host(), page, user);
  }

  /** The same, on the sandbox at {@code host}. */
  public static Map<String, String> consent(String host, String page, String user)
      throws Exception {
    StringBuilder form = new StringBuilder("user=" + enc(user));
    java.util.regex.Matcher hidden =
        java.util.regex.Pattern.compile(
                "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")
            .matcher(page);
    while (hidden.find()) {
      form.append('&')
          .append(enc(unescape(hidden.group(1))))
          .append('=')
          .append(enc(unescape(hidden.group(2))));
    }
    HttpResponse<String> back =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(host + "/oidc/v1/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(back.statusCode()).isEqualTo(302);
    return query(back.headers().firstValue("Location").orElseThrow());
  }

  private static String exchangeForm(
      String code, String verifier, String redirect, boolean secret) {
    return "grant_type=authorization_code&code="
        + enc(code)
        + "&code_verifier="
        + enc(verifier)
        + "&redirect_uri="
        + enc(redirect)
        + "&client_id="
        + OAuthApps.MCP_APP_CLIENT_ID
        + (secret ? "&client_secret=" + OAuthApps.MCP_APP_SECRET : "");
  }

  private static JsonNode exchange(String code, String verifier, String redirect, boolean secret)
      throws Exception {
    return JSON.readTree(token(exchangeForm(code, verifier, redirect, secret), null).body());
  }

  private static JsonNode refresh(String refreshToken) throws Exception {
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (OAuthApps.MCP_APP_CLIENT_ID + ":" + OAuthApps.MCP_APP_SECRET)
                    .getBytes(StandardCharsets.UTF_8));
    return JSON.readTree(
        token("grant_type=refresh_token&refresh_token=" + enc(refreshToken), basic).body());
  }

  private static HttpResponse<String> token(String form, String basic) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(SharedSandbox.sandbox().host() + "/oidc/v1/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (basic != null) {
      b.header("Authorization", "Basic " + basic);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String me(String accessToken) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(SharedSandbox.sandbox().host() + "/api/2.0/preview/scim/v2/Me"))
                .header("Authorization", "Bearer " + accessToken)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body()).path("userName").asText();
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static Map<String, String> query(String location) {
    Map<String, String> out = new HashMap<>();
    String q = URI.create(location).getRawQuery();
    for (String pair : q == null ? new String[0] : q.split("&")) {
      int eq = pair.indexOf('=');
      out.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  static String s256(String verifier) throws RuntimeException {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              MessageDigest.getInstance("SHA-256")
                  .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String unescape(String s) {
    return s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }
}
