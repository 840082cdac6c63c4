package dev.databricksmcp.server.transport;

import dev.databricksmcp.server.mcp.TransportKeys;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Authenticates every request to /mcp before the MCP transport sees it, and records who the caller
 * is as request attributes (read into the MCP transport context). Failures are 401 with a
 * WWW-Authenticate header (503 when Databricks cannot be asked) and say nothing about the tokens.
 */
final class AuthFilter implements Filter {
  private final Authenticator authenticator;

  AuthFilter(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    Authenticator.Outcome outcome = authenticator.authenticate(request::getHeader);
    if (!outcome.accepted()) {
      refuse(response, outcome);
      return;
    }
    request.setAttribute(TransportKeys.PRINCIPAL, outcome.principal());
    if (outcome.userAccessToken() != null) {
      request.setAttribute(TransportKeys.USER_ACCESS_TOKEN, outcome.userAccessToken());
    }
    chain.doFilter(req, res);
  }

  static void refuse(HttpServletResponse response, Authenticator.Outcome outcome)
      throws IOException {
    if (outcome.status() == 401) {
      response.setHeader("WWW-Authenticate", outcome.challenge());
      ErrorBodies.write(response, 401, "Unauthorized: " + outcome.message());
    } else {
      response.setHeader("Retry-After", "5");
      ErrorBodies.write(response, outcome.status(), outcome.message());
    }
  }
}
