package dev.databricksmcp.server.transport;

import dev.databricksmcp.server.connection.ForwardedUserIdentities;
import dev.databricksmcp.server.core.Redactor;
import dev.databricksmcp.server.mcp.TransportKeys;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Authenticates every request to /mcp before the MCP transport sees it, and records who the caller
 * is as request attributes (read into the MCP transport context). Token comparison is constant time
 * over digests; failures are 401 with a WWW-Authenticate header and say nothing about the tokens.
 *
 * <p>In databricks-apps mode the caller is whoever Databricks says owns the forwarded access token
 * (SCIM Me, cached): identity headers such as X-Forwarded-Email are never trusted, since anyone who
 * reaches the server other than through the Apps proxy can set them.
 */
final class AuthFilter implements Filter {
  static final String ACCESS_TOKEN_HEADER = "X-Forwarded-Access-Token";
  static final String APP_SERVICE_PRINCIPAL = "app-service-principal";

  private final HttpAuth auth;
  private final ForwardedUserIdentities identities;
  private final Map<String, byte[]> tokenDigests = new LinkedHashMap<>();

  /** @param identities who forwarded tokens belong to; required in databricks-apps mode */
  AuthFilter(HttpAuth auth, ForwardedUserIdentities identities) {
    if (auth.mode() == HttpAuth.Mode.DATABRICKS_APPS && identities == null) {
      throw new IllegalArgumentException("--auth databricks-apps needs a way to ask Databricks who a token belongs to");
    }
    this.auth = auth;
    this.identities = identities;
    auth.tokens().forEach((name, token) -> {
      tokenDigests.put(name, HttpAuth.sha256(token));
      Redactor.registerSecret(token);
    });
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    switch (auth.mode()) {
      case NONE -> request.setAttribute(TransportKeys.PRINCIPAL, "anonymous");
      case TOKEN -> {
        String principal = bearerPrincipal(request.getHeader("Authorization"));
        if (principal == null) {
          reject(response, "a valid bearer token is required");
          return;
        }
        request.setAttribute(TransportKeys.PRINCIPAL, principal);
      }
      case DATABRICKS_APPS -> {
        if (!forwardedUser(request, response)) {
          return;
        }
      }
    }
    chain.doFilter(req, res);
  }

  /** Sets the caller from the forwarded token, or answers the request and returns false. */
  private boolean forwardedUser(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String userToken = request.getHeader(ACCESS_TOKEN_HEADER);
    if (userToken == null || userToken.isBlank()) {
      if (!auth.appsServicePrincipalFallback()) {
        reject(response, "no signed-in Databricks user was forwarded");
        return false;
      }
      request.setAttribute(TransportKeys.PRINCIPAL, APP_SERVICE_PRINCIPAL);
      return true;
    }
    userToken = userToken.trim();
    ForwardedUserIdentities.Resolution owner = identities.resolve(userToken);
    switch (owner.outcome()) {
      case KNOWN -> {
        // only tokens Databricks accepted: a flood of made-up ones must not push real ones out
        Redactor.registerCallerSecret(userToken);
        request.setAttribute(TransportKeys.USER_ACCESS_TOKEN, userToken);
        request.setAttribute(TransportKeys.PRINCIPAL, owner.principal());
        return true;
      }
      case REJECTED -> reject(response, "Databricks did not accept the forwarded access token");
      case UNAVAILABLE -> {
        response.setHeader("Retry-After", "5");
        ErrorBodies.write(response, 503, "Cannot verify the forwarded access token right now; retry shortly");
      }
    }
    return false;
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

  private static void reject(HttpServletResponse response, String why) throws IOException {
    response.setHeader("WWW-Authenticate", "Bearer realm=\"databricks-mcp\"");
    ErrorBodies.write(response, 401, "Unauthorized: " + why);
  }
}
