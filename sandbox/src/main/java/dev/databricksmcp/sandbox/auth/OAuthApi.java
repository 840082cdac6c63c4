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
 * /.well-known/databricks-config}), the workspace's OIDC discovery document, the user-to-machine
 * authorization endpoint ({@link AuthorizeEndpoint}) and the token endpoint: client credentials
 * (OAuth M2M), authorization code and refresh token (U2M, {@link UserTokenGrants}).
 */
public final class OAuthApi implements ApiModule {
  private static final long TOKEN_LIFETIME_SECONDS = 3600;

  private final Identities identities;
  private final Supplier<String> host;
  private final SecureRandom random = new SecureRandom();
  private final AuthorizeEndpoint authorize;
  private final UserTokenGrants userGrants;

  public OAuthApi(Identities identities, OAuthApps apps, Supplier<String> host) {
    this.identities = identities;
    this.host = host;
    this.authorize = new AuthorizeEndpoint(apps, identities);
    this.userGrants = new UserTokenGrants(apps, identities);
  }

  @Override
  public void register(Router router) {
    router.publicRoute("GET", "/.well-known/databricks-config", r -> hostMetadata());
    router.publicRoute("GET", "/oidc/.well-known/oauth-authorization-server", r -> discovery());
    router.publicRoute("GET", "/oidc/v1/authorize", authorize::show);
    router.publicRoute("POST", "/oidc/v1/authorize", authorize::consent);
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
    out.put("response_types_supported", java.util.List.of("code"));
    out.put(
        "grant_types_supported",
        java.util.List.of("client_credentials", "authorization_code", "refresh_token"));
    out.put("code_challenge_methods_supported", java.util.List.of("S256"));
    // "none": a public client such as databricks-cli authenticates with PKCE alone
    out.put(
        "token_endpoint_auth_methods_supported",
        java.util.List.of("client_secret_basic", "client_secret_post", "none"));
    out.put("scopes_supported", java.util.List.of("all-apis", "offline_access"));
    return out;
  }

  /**
   * The client id and secret come in the form body or in HTTP Basic; the grant decides the rest.
   */
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
    String grant = form.getOrDefault("grant_type", "");
    switch (grant) {
      case "authorization_code" -> {
        return userGrants.authorizationCode(form, clientId, secret);
      }
      case "refresh_token" -> {
        return userGrants.refreshToken(form, clientId, secret);
      }
      case "client_credentials" -> {
        return clientCredentials(form, clientId, secret);
      }
      default -> {
        return oauthError(
            400,
            "unsupported_grant_type",
            "Supported grant types: client_credentials, authorization_code, refresh_token");
      }
    }
  }

  private ApiResponse clientCredentials(Map<String, String> form, String clientId, String secret) {
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
    return noStore(out);
  }

  /** RFC 6749 section 5.1: a response holding a token is never cached. */
  static ApiResponse noStore(Map<String, Object> body) {
    return new ApiResponse(
        200, body, "application/json", Map.of("Cache-Control", "no-store", "Pragma", "no-cache"));
  }

  static ApiResponse oauthError(int status, String error, String description) {
    return ApiResponse.json(status, Map.of("error", error, "error_description", description));
  }

  static Map<String, String> form(String body) {
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
