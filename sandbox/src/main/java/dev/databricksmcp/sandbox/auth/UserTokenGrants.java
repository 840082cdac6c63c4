package dev.databricksmcp.sandbox.auth;

import dev.databricksmcp.sandbox.http.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The user-to-machine grants of {@code /oidc/v1/token}: {@code authorization_code} (the code from
 * the authorize endpoint, its {@code redirect_uri}, the PKCE {@code code_verifier} and, for a
 * confidential app, its client secret) and {@code refresh_token} (single use: the answer carries a
 * new refresh token and the old one is dead, docs.databricks.com/aws/en/integrations/
 * single-use-tokens). Errors are RFC 6749 section 5.2's: invalid_client (401), invalid_grant and
 * invalid_request (400).
 */
final class UserTokenGrants {
  private final OAuthApps apps;
  private final Identities identities;

  UserTokenGrants(OAuthApps apps, Identities identities) {
    this.apps = apps;
    this.identities = identities;
  }

  ApiResponse authorizationCode(Map<String, String> form, String clientId, String secret) {
    OAuthApps.App app = authenticated(clientId, secret);
    if (app == null) {
      return OAuthApi.oauthError(401, "invalid_client", "Client authentication failed");
    }
    if (form.get("code") == null || form.get("code_verifier") == null) {
      return OAuthApi.oauthError(400, "invalid_request", "code and code_verifier are required");
    }
    OAuthApps.Code code = apps.redeemCode(form.get("code")).orElse(null);
    if (code == null || !code.clientId().equals(app.clientId())) {
      return OAuthApi.oauthError(400, "invalid_grant", "The authorization code is not valid");
    }
    if (!code.redirectUri().equals(form.get("redirect_uri"))) {
      return OAuthApi.oauthError(400, "invalid_grant", "redirect_uri does not match");
    }
    if (!MessageDigest.isEqual(
        s256(form.get("code_verifier")).getBytes(StandardCharsets.US_ASCII),
        code.codeChallenge().getBytes(StandardCharsets.US_ASCII))) {
      return OAuthApi.oauthError(400, "invalid_grant", "PKCE verification failed");
    }
    return tokens(app.clientId(), code.principal(), code.scope());
  }

  ApiResponse refreshToken(Map<String, String> form, String clientId, String secret) {
    OAuthApps.App app = authenticated(clientId, secret);
    if (app == null) {
      return OAuthApi.oauthError(401, "invalid_client", "Client authentication failed");
    }
    OAuthApps.Refresh refresh = apps.redeemRefreshToken(form.get("refresh_token")).orElse(null);
    if (refresh == null || !refresh.clientId().equals(app.clientId())) {
      return OAuthApi.oauthError(400, "invalid_grant", "The refresh token is not valid");
    }
    return tokens(app.clientId(), refresh.principal(), refresh.scope());
  }

  /** The app, when the client authenticated as it: its secret, or none for a public client. */
  private OAuthApps.App authenticated(String clientId, String secret) {
    OAuthApps.App app = apps.app(clientId).orElse(null);
    if (app == null) {
      return null;
    }
    if (!app.confidential()) {
      return app;
    }
    boolean ok =
        secret != null
            && MessageDigest.isEqual(
                secret.getBytes(StandardCharsets.UTF_8),
                app.secret().getBytes(StandardCharsets.UTF_8));
    return ok ? app : null;
  }

  private ApiResponse tokens(String clientId, Principal who, String scope) {
    String access = "sandbox-u2m-" + apps.randomToken();
    long lifetime = apps.lifetimes().accessToken().toSeconds();
    identities.addToken(access, who, System.currentTimeMillis() + lifetime * 1000);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("access_token", access);
    out.put("token_type", "Bearer");
    out.put("expires_in", lifetime);
    out.put("scope", scope);
    if (scope.contains("offline_access")) {
      out.put("refresh_token", apps.issueRefreshToken(clientId, who, scope));
    }
    return OAuthApi.noStore(out);
  }

  static String s256(String verifier) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
