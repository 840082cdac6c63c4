package dev.databricksmcp.server.transport;

import dev.databricksmcp.server.connection.ForwardedUserIdentities;
import dev.databricksmcp.server.core.Redactor;
import dev.databricksmcp.server.oauth.OAuthServer;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Who a request's credentials name, per --auth. Asked before a request body is read (a caller who
 * cannot authenticate gets no memory for one) and again by the {@link AuthFilter}; the second
 * answer comes from the same digests and the same identity cache.
 *
 * <p>In databricks-apps mode the caller is whoever Databricks says owns the forwarded access token
 * (SCIM Me, cached): identity headers such as X-Forwarded-Email are never trusted, since anyone who
 * reaches the server other than through the Apps proxy can set them.
 */
final class Authenticator {
  static final String ACCESS_TOKEN_HEADER = "X-Forwarded-Access-Token";
  static final String APP_SERVICE_PRINCIPAL = "app-service-principal";

  /**
   * Accepted (status 0, a principal, maybe a user token) or refused (an HTTP status and why, and
   * the WWW-Authenticate challenge of a 401).
   */
  record Outcome(
      String principal, String userAccessToken, int status, String message, String challenge) {
    static final String DEFAULT_CHALLENGE = "Bearer realm=\"databricks-mcp\"";

    static Outcome accept(String principal, String userAccessToken) {
      return new Outcome(principal, userAccessToken, 0, null, null);
    }

    static Outcome refuse(int status, String message) {
      return new Outcome(null, null, status, message, DEFAULT_CHALLENGE);
    }

    boolean accepted() {
      return status == 0;
    }
  }

  private final HttpAuth auth;
  private final ForwardedUserIdentities identities;
  private final OAuthServer oauth;
  private final Map<String, byte[]> tokenDigests = new LinkedHashMap<>();

  /**
   * @param identities who forwarded tokens belong to; required in databricks-apps mode
   */
  Authenticator(HttpAuth auth, ForwardedUserIdentities identities) {
    this(auth, identities, null);
  }

  /**
   * @param oauth the authorization server whose access tokens are accepted; required in
   *     databricks-oauth mode
   */
  Authenticator(HttpAuth auth, ForwardedUserIdentities identities, OAuthServer oauth) {
    if (auth.mode() == HttpAuth.Mode.DATABRICKS_APPS && identities == null) {
      throw new IllegalArgumentException(
          "--auth databricks-apps needs a way to ask Databricks who a token belongs to");
    }
    if (auth.mode() == HttpAuth.Mode.DATABRICKS_OAUTH && oauth == null) {
      throw new IllegalArgumentException("--auth databricks-oauth needs its authorization server");
    }
    this.auth = auth;
    this.identities = identities;
    this.oauth = oauth;
    auth.tokens()
        .forEach(
            (name, token) -> {
              tokenDigests.put(name, HttpAuth.sha256(token));
              Redactor.registerSecret(token);
            });
  }

  /**
   * @param header a request header by name, or null
   */
  Outcome authenticate(UnaryOperator<String> header) {
    return switch (auth.mode()) {
      case NONE -> Outcome.accept("anonymous", null);
      case TOKEN -> {
        String principal = bearerPrincipal(header.apply("Authorization"));
        yield principal == null
            ? Outcome.refuse(401, "a valid bearer token is required")
            : Outcome.accept(principal, null);
      }
      case DATABRICKS_APPS -> forwardedUser(header.apply(ACCESS_TOKEN_HEADER));
      case DATABRICKS_OAUTH -> signedIn(header.apply("Authorization"));
    };
  }

  /**
   * An access token this server issued: the user it names and, for their calls only, the Databricks
   * access token sealed inside it. The bearer token itself goes nowhere.
   */
  private Outcome signedIn(String authorization) {
    OAuthServer.Refusal[] why = new OAuthServer.Refusal[1];
    return oauth
        .verify(authorization, why)
        .map(caller -> Outcome.accept(caller.principal(), caller.databricksAccessToken()))
        .orElseGet(
            () -> new Outcome(null, null, 401, why[0].description(), oauth.challenge(why[0])));
  }

  private Outcome forwardedUser(String userToken) {
    if (userToken == null || userToken.isBlank()) {
      return auth.appsServicePrincipalFallback()
          ? Outcome.accept(APP_SERVICE_PRINCIPAL, null)
          : Outcome.refuse(401, "no signed-in Databricks user was forwarded");
    }
    String token = userToken.trim();
    ForwardedUserIdentities.Resolution owner = identities.resolve(token);
    return switch (owner.outcome()) {
      case KNOWN -> {
        // only tokens Databricks accepted: a flood of made-up ones must not push real ones out
        Redactor.registerCallerSecret(token);
        yield Outcome.accept(owner.principal(), token);
      }
      case REJECTED -> Outcome.refuse(401, "Databricks did not accept the forwarded access token");
      case UNAVAILABLE ->
          Outcome.refuse(503, "Cannot verify the forwarded access token right now; retry shortly");
    };
  }

  /** The name of the matching token, comparing against every configured token in constant time. */
  private String bearerPrincipal(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    byte[] presented = HttpAuth.sha256(header.substring(7).trim());
    String match = null;
    for (Map.Entry<String, byte[]> entry : tokenDigests.entrySet()) {
      if (MessageDigest.isEqual(presented, entry.getValue()) && match == null) {
        match = entry.getKey();
      }
    }
    return match;
  }
}
