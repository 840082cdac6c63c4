package dev.databricksmcp.server.oauth;

import static dev.databricksmcp.server.oauth.OAuthServer.number;
import static dev.databricksmcp.server.oauth.OAuthServer.text;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The token endpoint (authorization_code and refresh_token grants, RFC 6749 sections 4.1.3 and 6)
 * and the revocation endpoint (RFC 7009).
 *
 * <p>A code is redeemed once, by the client it was issued to, with the redirect URI it was sent to
 * and the PKCE verifier of its challenge. A refresh token is used once: the answer carries a new
 * one, and presenting a spent one signs the whole grant out (OAuth 2.1's refresh token rotation
 * with reuse detection). A refresh goes to Databricks only when the user's Databricks access token
 * would not outlive the new access token; when Databricks refuses (its refresh token expired or was
 * revoked), the client is told {@code invalid_grant} and signs the user in again.
 */
final class TokenEndpoints {
  private final OAuthServer server;

  TokenEndpoints(OAuthServer server) {
    this.server = server;
  }

  OAuthReply token(Map<String, String> p) {
    String grant = p.getOrDefault("grant_type", "");
    String clientId = p.get("client_id");
    if (clientId == null || server.sealed.open(SealedTokens.Kind.CLIENT, clientId).isEmpty()) {
      return OAuthReply.error(401, "invalid_client", "client_id: not a client registered here");
    }
    return switch (grant) {
      case "authorization_code" -> authorizationCode(p, SealedTokens.digest(clientId));
      case "refresh_token" -> refresh(p, SealedTokens.digest(clientId));
      default ->
          OAuthReply.error(
              400,
              "unsupported_grant_type",
              "grant_type must be authorization_code or refresh_token");
    };
  }

  private OAuthReply authorizationCode(Map<String, String> p, String cid) {
    Map<String, Object> code =
        server.sealed.open(SealedTokens.Kind.CODE, p.get("code")).orElse(null);
    if (code == null || number(code, "exp") <= server.clock.millis()) {
      return invalidGrant("the code is not valid or has expired");
    }
    if (!server.spent.redeemCode(text(code, "jti"))) {
      // a replayed code: what it granted is signed out too (RFC 6749 section 4.1.2)
      server.spent.revoke(text(code, "gid"));
      return invalidGrant("the code was already used");
    }
    if (!cid.equals(text(code, "cid"))) {
      return invalidGrant("the code was issued to another client");
    }
    if (!text(code, "ru").equals(p.get("redirect_uri"))) {
      return invalidGrant("redirect_uri does not match the authorization request");
    }
    if (!Pkce.matches(p.get("code_verifier"), text(code, "cc"))) {
      return invalidGrant("code_verifier does not match the code_challenge");
    }
    if (p.get("resource") != null
        && !new AuthorizationEndpoints(server).sameResource(p.get("resource"))) {
      return OAuthReply.error(
          400, "invalid_target", "resource: this server is " + server.resource());
    }
    return issue(text(code, "sub"), cid, text(code, "gid"), databricks(code));
  }

  private OAuthReply refresh(Map<String, String> p, String cid) {
    Map<String, Object> rt =
        server.sealed.open(SealedTokens.Kind.REFRESH, p.get("refresh_token")).orElse(null);
    if (rt == null || number(rt, "exp") <= server.clock.millis()) {
      return invalidGrant("the refresh token is not valid or has expired: sign in again");
    }
    String gid = text(rt, "gid");
    if (!cid.equals(text(rt, "cid")) || !server.resource().equals(text(rt, "aud"))) {
      return invalidGrant("the refresh token was issued to another client or resource");
    }
    if (server.spent.revoked(gid)) {
      return invalidGrant("this sign-in was revoked: sign in again");
    }
    if (!server.spent.useRefreshToken(text(rt, "jti"))) {
      server.spent.revoke(gid);
      return invalidGrant("the refresh token was already used: sign in again");
    }
    if (p.get("resource") != null
        && !new AuthorizationEndpoints(server).sameResource(p.get("resource"))) {
      return OAuthReply.error(
          400, "invalid_target", "resource: this server is " + server.resource());
    }
    DatabricksSignIn.Tokens tokens = databricks(rt);
    long wanted = server.clock.millis() + server.settings.accessTokenTtl().toMillis();
    if (tokens.accessExpiresAtMillis() < wanted) {
      try {
        tokens = server.databricks.refresh(tokens.refreshToken());
      } catch (DatabricksSignIn.GrantRefused e) {
        server.spent.revoke(gid);
        return invalidGrant("the Databricks sign-in has expired: sign in again");
      } catch (DatabricksSignIn.Unavailable e) {
        return OAuthReply.error(
            503, "temporarily_unavailable", "Databricks could not be reached; retry shortly");
      }
    }
    return issue(text(rt, "sub"), cid, gid, tokens);
  }

  /** POST /oauth/revoke: signs out the grant an access or refresh token belongs to. */
  OAuthReply revoke(Map<String, String> p) {
    String token = p.get("token");
    var claims =
        server
            .sealed
            .open(SealedTokens.Kind.REFRESH, token)
            .or(() -> server.sealed.open(SealedTokens.Kind.ACCESS, token));
    claims.ifPresent(c -> server.spent.revoke(text(c, "gid")));
    // RFC 7009 section 2.2: 200 whether or not the token was valid
    return OAuthReply.json(200, Map.of());
  }

  private OAuthReply issue(String sub, String cid, String gid, DatabricksSignIn.Tokens dbx) {
    long now = server.clock.millis();
    long accessExp =
        Math.min(now + server.settings.accessTokenTtl().toMillis(), dbx.accessExpiresAtMillis());
    Map<String, Object> access = new LinkedHashMap<>();
    access.put("sub", sub);
    access.put("aud", server.resource());
    access.put("cid", cid);
    access.put("gid", gid);
    access.put("dat", dbx.accessToken());
    access.put("exp", accessExp);
    Map<String, Object> refresh = new LinkedHashMap<>();
    refresh.put("sub", sub);
    refresh.put("aud", server.resource());
    refresh.put("cid", cid);
    refresh.put("gid", gid);
    refresh.put("jti", server.sealed.randomId());
    refresh.put("exp", now + server.settings.refreshTokenTtl().toMillis());
    putDatabricks(refresh, dbx);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("access_token", server.sealed.seal(SealedTokens.Kind.ACCESS, access));
    out.put("token_type", "Bearer");
    out.put("expires_in", Math.max(1, (accessExp - now) / 1000));
    out.put("refresh_token", server.sealed.seal(SealedTokens.Kind.REFRESH, refresh));
    return OAuthReply.json(200, out);
  }

  static void putDatabricks(Map<String, Object> claims, DatabricksSignIn.Tokens tokens) {
    claims.put("dat", tokens.accessToken());
    claims.put("dae", tokens.accessExpiresAtMillis());
    claims.put("drt", tokens.refreshToken());
  }

  private static DatabricksSignIn.Tokens databricks(Map<String, Object> claims) {
    return new DatabricksSignIn.Tokens(
        text(claims, "dat"), text(claims, "drt"), number(claims, "dae"));
  }

  private static OAuthReply invalidGrant(String description) {
    return OAuthReply.error(400, "invalid_grant", description);
  }
}
