package dev.databricksmcp.server.transport;

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
 */
final class AuthFilter implements Filter {
  static final String ACCESS_TOKEN_HEADER = "X-Forwarded-Access-Token";

  private final HttpAuth auth;
  private final Map<String, byte[]> tokenDigests = new LinkedHashMap<>();

  AuthFilter(HttpAuth auth) {
    this.auth = auth;
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
        String userToken = request.getHeader(ACCESS_TOKEN_HEADER);
        if (userToken != null && !userToken.isBlank()) {
          Redactor.registerCallerSecret(userToken);
          request.setAttribute(TransportKeys.USER_ACCESS_TOKEN, userToken);
          request.setAttribute(TransportKeys.PRINCIPAL, forwardedUser(request));
        } else if (auth.appsServicePrincipalFallback()) {
          request.setAttribute(TransportKeys.PRINCIPAL, "app-service-principal");
        } else {
          reject(response, "no signed-in Databricks user was forwarded");
          return;
        }
      }
    }
    chain.doFilter(req, res);
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

  private static String forwardedUser(HttpServletRequest request) {
    for (String header : new String[] {"X-Forwarded-Email", "X-Forwarded-Preferred-Username", "X-Forwarded-User"}) {
      String value = request.getHeader(header);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return "databricks-apps-user";
  }

  private static void reject(HttpServletResponse response, String why) throws IOException {
    response.setStatus(401);
    response.setHeader("WWW-Authenticate", "Bearer realm=\"databricks-mcp\"");
    response.setContentType("application/json");
    response.getWriter().write("{\"error\":\"unauthorized\",\"message\":\"" + why + "\"}");
  }
}
