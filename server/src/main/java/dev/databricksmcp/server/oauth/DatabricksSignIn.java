package dev.databricksmcp.server.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server as a client of Databricks' user-to-machine OAuth ("Manually generate OAuth U2M access
 * tokens", docs.databricks.com/aws/en/dev-tools/auth/oauth-u2m): it sends the user to the
 * workspace's {@code /oidc/v1/authorize} for its custom app integration, with its own PKCE
 * challenge, and exchanges the code (and later refresh tokens, which Databricks may rotate: keep
 * the new one) at {@code /oidc/v1/token}, authenticating with the app's secret. The tokens stay in
 * this server; none is ever given to an MCP client in a form it can use.
 */
final class DatabricksSignIn {
  private static final Logger LOG = LoggerFactory.getLogger(DatabricksSignIn.class);
  static final String SCOPE = "all-apis offline_access";

  /** Databricks' tokens for one user. */
  record Tokens(String accessToken, String refreshToken, long accessExpiresAtMillis) {}

  /** Databricks refused the grant: the code or refresh token is spent or expired. */
  static final class GrantRefused extends Exception {
    GrantRefused(String message) {
      super(message);
    }
  }

  /** Databricks could not be asked (network, 5xx): the client may retry. */
  static final class Unavailable extends Exception {
    Unavailable(String message) {
      super(message);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<String> host;
  private final String clientId;
  private final String clientSecret;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  DatabricksSignIn(Supplier<String> host, String clientId, String clientSecret) {
    this.host = host;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
  }

  /** Where to send the user's browser. */
  String authorizeUrl(String redirectUri, String challenge, String state) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("client_id", clientId);
    q.put("redirect_uri", redirectUri);
    q.put("response_type", "code");
    q.put("scope", SCOPE);
    q.put("state", state);
    q.put("code_challenge", challenge);
    q.put("code_challenge_method", "S256");
    return workspace() + "/oidc/v1/authorize?" + form(q);
  }

  Tokens exchange(String code, String verifier, String redirectUri)
      throws GrantRefused, Unavailable {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("grant_type", "authorization_code");
    f.put("code", code);
    f.put("code_verifier", verifier);
    f.put("redirect_uri", redirectUri);
    return token(f, null);
  }

  /**
   * @param previous the refresh token used, kept when Databricks answers without a new one
   */
  Tokens refresh(String previous) throws GrantRefused, Unavailable {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("grant_type", "refresh_token");
    f.put("refresh_token", previous);
    return token(f, previous);
  }

  private Tokens token(Map<String, String> f, String previousRefresh)
      throws GrantRefused, Unavailable {
    f.put("client_id", clientId);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(workspace() + "/oidc/v1/token"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json");
    if (clientSecret != null) {
      String basic = clientId + ":" + clientSecret;
      request.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
    }
    HttpResponse<String> response;
    try {
      response =
          http.send(
              request.POST(HttpRequest.BodyPublishers.ofString(form(f))).build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new Unavailable(
          "cannot reach the Databricks token endpoint: " + e.getClass().getName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted");
    }
    JsonNode body = parse(response.body());
    if (response.statusCode() == 200 && body.hasNonNull("access_token")) {
      long expiresIn = body.path("expires_in").asLong(3600);
      String refresh = body.path("refresh_token").asText(null);
      return new Tokens(
          body.get("access_token").asText(),
          refresh != null ? refresh : previousRefresh,
          System.currentTimeMillis() + expiresIn * 1000);
    }
    String error = body.path("error").asText("");
    if (response.statusCode() == 400 && error.equals("invalid_grant")) {
      throw new GrantRefused("Databricks refused the grant (invalid_grant)");
    }
    // invalid_client and the like are the operator's to fix: log the OAuth error code only
    LOG.warn(
        "the Databricks token endpoint answered HTTP {} {}", response.statusCode(), safe(error));
    throw new Unavailable("the Databricks token endpoint answered HTTP " + response.statusCode());
  }

  private String workspace() {
    String h = host.get();
    return h.endsWith("/") ? h.substring(0, h.length() - 1) : h;
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body == null || body.isEmpty() ? "{}" : body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static String safe(String error) {
    return error.matches("[a-z_]{1,40}") ? error : "";
  }

  static String form(Map<String, String> values) {
    StringBuilder out = new StringBuilder();
    values.forEach(
        (k, v) -> {
          if (out.length() > 0) {
            out.append('&');
          }
          out.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
              .append('=')
              .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
    return out.toString();
  }
}
