package dev.databricksmcp.sandbox.auth;

import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.ApiResponse;
import dev.databricksmcp.sandbox.http.Router;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a Databricks client asks before signing in: host metadata ({@code
 * /.well-known/databricks-config}), the workspace's OIDC discovery document, and the token endpoint
 * for OAuth M2M (client credentials).
 */
public final class OAuthApi implements ApiModule {
  private static final long TOKEN_LIFETIME_SECONDS = 3600;

  private final Identities identities;
  private final Supplier<String> host;
  private final SecureRandom random = new SecureRandom();

  public OAuthApi(Identities identities, Supplier<String> host) {
    this.identities = identities;
    this.host = host;
  }

  @Override
  public void register(Router router) {
    router.publicRoute("GET", "/.well-known/databricks-config", r -> hostMetadata());
    router.publicRoute("GET", "/oidc/.well-known/oauth-authorization-server", r -> discovery());
    router.publicRoute("POST", "/oidc/v1/token", this::token);
  }

  private Map<String, Object> hostMetadata() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("oidc_endpoint", host.get() + "/oidc");
    out.put("workspace_id", Identities.WORKSPACE_ID);
    out.put("cloud", "sandbox");
    return out;
  }

  private Map<String, Object> discovery() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("issuer", host.get() + "/oidc");
    out.put("authorization_endpoint", host.get() + "/oidc/v1/authorize");
    out.put("token_endpoint", host.get() + "/oidc/v1/token");
    // RFC 8414 section 2 requires response_types_supported: the sandbox serves no authorization
    // endpoint flow (client credentials only), so the list is empty
    out.put("response_types_supported", java.util.List.of());
    out.put("grant_types_supported", java.util.List.of("client_credentials"));
    out.put(
        "token_endpoint_auth_methods_supported",
        java.util.List.of("client_secret_basic", "client_secret_post"));
    out.put("scopes_supported", java.util.List.of("all-apis"));
    return out;
  }

  /** client_credentials: the client id and secret in the form body or in HTTP Basic. */
  private ApiResponse token(ApiRequest request) {
    Map<String, String> form = form(new String(request.body(), StandardCharsets.UTF_8));
    String clientId = form.get("client_id");
    String secret = form.get("client_secret");
    String basic = request.header("authorization").orElse("");
    if (basic.regionMatches(true, 0, "Basic ", 0, 6)) {
      String[] pair =
          new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8)
              .split(":", 2);
      if (pair.length == 2) {
        clientId = pair[0];
        secret = pair[1];
      }
    }
    if (!"client_credentials".equals(form.get("grant_type"))) {
      return oauthError(
          400, "unsupported_grant_type", "Only client_credentials is supported by the sandbox");
    }
    Principal principal = clientId == null ? null : identities.byClientId(clientId).orElse(null);
    if (principal == null || !Identities.SERVICE_PRINCIPAL_SECRET.equals(secret)) {
      return oauthError(401, "invalid_client", "Client authentication failed");
    }
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String accessToken =
        "sandbox-oauth-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    identities.addToken(
        accessToken, principal, System.currentTimeMillis() + TOKEN_LIFETIME_SECONDS * 1000);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("access_token", accessToken);
    out.put("token_type", "Bearer");
    out.put("expires_in", TOKEN_LIFETIME_SECONDS);
    out.put("scope", form.getOrDefault("scope", "all-apis"));
    // RFC 6749 section 5.1: a response holding a token is never cached
    return new ApiResponse(
        200, out, "application/json", Map.of("Cache-Control", "no-store", "Pragma", "no-cache"));
  }

  private static ApiResponse oauthError(int status, String error, String description) {
    return ApiResponse.json(status, Map.of("error", error, "error_description", description));
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
