package dev.databricksmcp.server.transport;

import dev.databricksmcp.server.mcp.TransportKeys;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stateful HTTP: a request naming a session reaches the MCP transport only when the caller (as the
 * AuthFilter established) is the principal that opened it; otherwise it gets the 404 of an unknown
 * session, so another user's session id is worth nothing and its existence is not revealed. Runs
 * after the AuthFilter. Learns each session's owner from the Mcp-Session-Id header the transport
 * sets on the initialize response, before that response can reach the client.
 */
final class SessionOwnerFilter implements Filter {
  private static final Logger LOG = LoggerFactory.getLogger(SessionOwnerFilter.class);
  static final String SESSION_HEADER = "Mcp-Session-Id";

  private final SessionOwners owners;

  SessionOwnerFilter(SessionOwners owners) {
    this.owners = owners;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    String principal = String.valueOf(request.getAttribute(TransportKeys.PRINCIPAL));
    String sessionId = request.getHeader(SESSION_HEADER);
    if (sessionId == null) {
      chain.doFilter(request, new RecordingOpenedSession(response, principal));
      return;
    }
    if (!owners.ownedBy(sessionId, principal)) {
      LOG.info(
          "refused a {} naming a session {} did not open (or that has ended)",
          request.getMethod(),
          principal);
      ErrorBodies.write(response, 404, "Session not found");
      return;
    }
    chain.doFilter(request, response);
    if ("DELETE".equals(request.getMethod()) && response.getStatus() / 100 == 2) {
      owners.closed(sessionId);
    }
  }

  /** Notes the owner of the session the transport opens in this response. */
  private final class RecordingOpenedSession extends HttpServletResponseWrapper {
    private final String principal;

    RecordingOpenedSession(HttpServletResponse response, String principal) {
      super(response);
      this.principal = principal;
    }

    @Override
    public void setHeader(String name, String value) {
      record(name, value);
      super.setHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
      record(name, value);
      super.addHeader(name, value);
    }

    private void record(String name, String value) {
      if (SESSION_HEADER.equalsIgnoreCase(name) && value != null) {
        owners.opened(value, principal);
      }
    }
  }
}
