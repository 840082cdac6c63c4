package dev.databricksmcp.server.oauth;

import static dev.databricksmcp.server.oauth.OAuthServer.number;
import static dev.databricksmcp.server.oauth.OAuthServer.text;

import dev.databricksmcp.server.connection.ForwardedUserIdentities;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Client registration (RFC 7591), the authorization endpoint, and the callback from Databricks.
 *
 * <p>A registered client's id is its registration, sealed ({@link SealedTokens.Kind#CLIENT}): the
 * redirect URIs it may use travel in the id itself, so every replica knows them without a store.
 * The authorization endpoint checks the client, its redirect URI (exact match, RFC 6749 section
 * 3.1.2.3; an unknown one is never redirected to), PKCE S256 and the resource (RFC 8707), then
 * sends the user to Databricks with this server's own PKCE challenge and everything it must
 * remember sealed into the {@code state}. The callback exchanges Databricks' code, asks Databricks
 * who the user is, and sends the client's redirect URI a code of this server's own.
 */
final class AuthorizationEndpoints {
  static final int MAX_REDIRECT_URIS = 10;

  private final OAuthServer server;

  AuthorizationEndpoints(OAuthServer server) {
    this.server = server;
  }

  /** POST /oauth/register with the client's metadata (JSON). Public clients only. */
  OAuthReply register(Map<String, Object> metadata) {
    if (!(metadata.get("redirect_uris") instanceof List<?> uris)
        || uris.isEmpty()
        || uris.size() > MAX_REDIRECT_URIS) {
      return OAuthReply.error(
          400, "invalid_redirect_uri", "redirect_uris: one to ten redirect URIs are required");
    }
    List<String> redirects = new ArrayList<>();
    for (Object uri : uris) {
      if (!(uri instanceof String s) || !acceptableRedirect(s)) {
        return OAuthReply.error(
            400,
            "invalid_redirect_uri",
            "redirect_uris: each must be an absolute URI without a fragment, https or a loopback"
                + " http address, or an app's own scheme");
      }
      redirects.add(s);
    }
    Object name = metadata.get("client_name");
    String clientName = name instanceof String n && n.length() <= 200 ? n : null;
    long now = server.clock.millis();
    Map<String, Object> registration = new LinkedHashMap<>();
    registration.put("ru", redirects);
    registration.put("name", clientName);
    registration.put("iat", now);
    String clientId = server.sealed.seal(SealedTokens.Kind.CLIENT, registration);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("client_id", clientId);
    out.put("client_id_issued_at", now / 1000);
    if (clientName != null) {
      out.put("client_name", clientName);
    }
    out.put("redirect_uris", redirects);
    out.put("grant_types", List.of("authorization_code", "refresh_token"));
    out.put("response_types", List.of("code"));
    // RFC 7591 section 3.2.1: the server may replace what the client asked for
    out.put("token_endpoint_auth_method", "none");
    return OAuthReply.json(201, out);
  }

  /** GET /oauth/authorize. */
  OAuthReply authorize(Map<String, String> p) {
    Map<String, Object> client =
        server.sealed.open(SealedTokens.Kind.CLIENT, p.get("client_id")).orElse(null);
    if (client == null) {
      return OAuthReply.error(400, "invalid_client", "client_id: not a client registered here");
    }
    @SuppressWarnings("unchecked")
    List<String> registered = (List<String>) client.get("ru");
    String redirect = p.get("redirect_uri");
    if (redirect == null && registered.size() == 1) {
      redirect = registered.get(0);
    }
    if (redirect == null || !registered.contains(redirect)) {
      return OAuthReply.error(
          400, "invalid_request", "redirect_uri: not one this client registered");
    }
    String state = p.get("state");
    if (!"code".equals(p.get("response_type"))) {
      return OAuthReply.redirectError(
          redirect, state, "unsupported_response_type", "response_type must be code");
    }
    String challenge = p.get("code_challenge");
    if (challenge == null
        || !challenge.matches("[A-Za-z0-9_-]{43}")
        || !"S256".equals(p.get("code_challenge_method"))) {
      return OAuthReply.redirectError(
          redirect, state, "invalid_request", "PKCE with code_challenge_method S256 is required");
    }
    String resource = p.get("resource");
    if (resource != null && !sameResource(resource)) {
      return OAuthReply.redirectError(
          redirect, state, "invalid_target", "resource: this server is " + server.resource());
    }
    String verifier = Pkce.verifier();
    Map<String, Object> pending = new LinkedHashMap<>();
    pending.put("cid", SealedTokens.digest(p.get("client_id")));
    pending.put("ru", redirect);
    pending.put("cc", challenge);
    pending.put("cs", state);
    pending.put("dv", verifier);
    pending.put("exp", server.clock.millis() + OAuthSettings.SIGN_IN_TTL.toMillis());
    String sealedState = server.sealed.seal(SealedTokens.Kind.STATE, pending);
    return OAuthReply.redirect(
        server.databricks.authorizeUrl(callbackUrl(), Pkce.challenge(verifier), sealedState),
        Map.of());
  }

  /** GET /oauth/callback, where Databricks sends the user back. */
  OAuthReply callback(Map<String, String> p) {
    Map<String, Object> pending =
        server.sealed.open(SealedTokens.Kind.STATE, p.get("state")).orElse(null);
    if (pending == null || number(pending, "exp") <= server.clock.millis()) {
      return OAuthReply.error(
          400, "invalid_request", "This sign-in link is not valid or has expired: start again");
    }
    String redirect = text(pending, "ru");
    String clientState = text(pending, "cs");
    if (p.get("code") == null) {
      return OAuthReply.redirectError(
          redirect, clientState, "access_denied", "Databricks sign-in did not complete");
    }
    DatabricksSignIn.Tokens tokens;
    try {
      tokens = server.databricks.exchange(p.get("code"), text(pending, "dv"), callbackUrl());
    } catch (DatabricksSignIn.GrantRefused e) {
      return OAuthReply.redirectError(
          redirect, clientState, "access_denied", "Databricks refused the sign-in");
    } catch (DatabricksSignIn.Unavailable e) {
      return OAuthReply.redirectError(
          redirect, clientState, "temporarily_unavailable", "Databricks could not be reached");
    }
    ForwardedUserIdentities.Resolution who = server.users.apply(tokens.accessToken());
    if (who.outcome() != ForwardedUserIdentities.Outcome.KNOWN) {
      return OAuthReply.redirectError(
          redirect, clientState, "temporarily_unavailable", "Cannot ask Databricks who you are");
    }
    Map<String, Object> code = new LinkedHashMap<>();
    code.put("cid", text(pending, "cid"));
    code.put("ru", redirect);
    code.put("cc", text(pending, "cc"));
    code.put("sub", who.principal());
    code.put("gid", server.sealed.randomId());
    code.put("jti", server.sealed.randomId());
    code.put("exp", server.clock.millis() + OAuthSettings.CODE_TTL.toMillis());
    TokenEndpoints.putDatabricks(code, tokens);
    Map<String, String> q = new LinkedHashMap<>();
    q.put("code", server.sealed.seal(SealedTokens.Kind.CODE, code));
    q.put("state", clientState);
    // RFC 9207: who issued the code, so a client talking to several servers cannot be confused
    q.put("iss", server.baseUrl());
    return OAuthReply.redirect(redirect, q);
  }

  private String callbackUrl() {
    return server.baseUrl() + OAuthServer.CALLBACK_PATH;
  }

  /** The resource URL, with or without a trailing slash. */
  boolean sameResource(String resource) {
    String r = resource.endsWith("/") ? resource.substring(0, resource.length() - 1) : resource;
    return r.equals(server.resource());
  }

  /** https, http on loopback, or a private-use scheme (RFC 8252 section 7.1); never a fragment. */
  static boolean acceptableRedirect(String uri) {
    if (uri.length() > 2000) {
      return false;
    }
    try {
      URI u = URI.create(uri);
      if (!u.isAbsolute() || u.getRawFragment() != null) {
        return false;
      }
      String scheme = u.getScheme().toLowerCase(java.util.Locale.ROOT);
      if (scheme.equals("https")) {
        return u.getHost() != null;
      }
      if (scheme.equals("http")) {
        String host = u.getHost();
        return host != null
            && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
      }
      return !scheme.equals("javascript") && !scheme.equals("data") && !scheme.equals("file");
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
