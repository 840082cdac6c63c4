package dev.databricksmcp.server.transport;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In front of every servlet: errors the servlets raise with {@code sendError} (the MCP SDK passes
 * exception messages to it) and exceptions they throw become the short JSON of {@link ErrorBodies},
 * instead of Jetty's error page; methods no servlet here serves are refused before any servlet sees
 * them (TRACE would echo the request's headers, Authorization included).
 */
final class ErrorGuardFilter implements Filter {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorGuardFilter.class);
  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "DELETE", "OPTIONS");

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    if (!METHODS.contains(request.getMethod())) {
      response.setHeader("Allow", "GET, POST, DELETE");
      ErrorBodies.write(response, 405, ErrorBodies.messageFor(405));
      return;
    }
    try {
      chain.doFilter(request, new PlainSendError(response));
    } catch (IOException | ServletException | RuntimeException e) {
      if (response.isCommitted()) {
        throw e;
      }
      // the details are for the server's log, not the client
      LOG.warn(
          "{} {} failed: {}",
          request.getMethod(),
          request.getRequestURI(),
          e.getClass().getSimpleName());
      ErrorBodies.write(response, 500, ErrorBodies.messageFor(500));
    }
  }

  /**
   * sendError writes our JSON with a fixed message for the status, whatever message came with it.
   */
  private static final class PlainSendError extends HttpServletResponseWrapper {
    PlainSendError(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void sendError(int status) throws IOException {
      sendError(status, null);
    }

    @Override
    public void sendError(int status, String ignored) throws IOException {
      if (isCommitted()) {
        throw new IllegalStateException("response already committed");
      }
      ErrorBodies.write(
          (HttpServletResponse) getResponse(), status, ErrorBodies.messageFor(status));
      flushBuffer();
    }
  }
}
