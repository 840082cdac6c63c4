package dev.databricksmcp.server.transport;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * For a listener beyond loopback without authentication: a request whose Host is an IP address,
 * localhost, or one of the operator's allowed hosts is served; any other name is refused with 421.
 * A page that rebinds its own DNS name to this machine sends that name as Host, so it cannot read
 * what the listener serves.
 */
final class AddressHostFilter implements Filter {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final List<String> allowedHosts;

  /**
   * @param allowedHosts "h:*" (any port) or "h:port", as {@code --allowed-hosts}
   */
  AddressHostFilter(List<String> allowedHosts) {
    this.allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    String host = ((HttpServletRequest) req).getHeader("Host");
    if (host == null || !allowed(host.strip().toLowerCase(Locale.ROOT))) {
      ErrorBodies.write((HttpServletResponse) res, 421, ErrorBodies.messageFor(421));
      return;
    }
    chain.doFilter(req, res);
  }

  boolean allowed(String host) {
    String name = host;
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end > 1 && host.substring(1, end).matches("[0-9a-f:.]+");
    }
    int colon = host.lastIndexOf(':');
    if (colon >= 0) {
      name = host.substring(0, colon);
    }
    if (IPV4.matcher(name).matches() || name.equals("localhost")) {
      return true;
    }
    for (String a : allowedHosts) {
      if (a.equals(host) || (a.endsWith(":*") && a.substring(0, a.length() - 2).equals(name))) {
        return true;
      }
    }
    return false;
  }
}
