package dev.databricksmcp.server.transport;

import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Host and Origin check {@code /mcp} gets from the MCP SDK, for the pages beside it: a web page
 * that rebinds its own name to 127.0.0.1 cannot read them.
 */
final class PageHostFilter implements Filter {
  private final DefaultServerTransportSecurityValidator validator;

  PageHostFilter(DefaultServerTransportSecurityValidator validator) {
    this.validator = validator;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name, Collections.list(request.getHeaders(name)));
    }
    try {
      validator.validateHeaders(headers);
    } catch (ServerTransportSecurityException e) {
      int status = e.getStatusCode();
      ErrorBodies.write((HttpServletResponse) res, status, ErrorBodies.messageFor(status));
      return;
    }
    chain.doFilter(req, res);
  }
}
