package dev.databricksmcp.server.transport;

import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A second listener with only pages (metrics, the status page) and no authentication, for a scraper
 * inside a private network. On loopback the Host header must be a loopback one (no DNS rebinding);
 * beyond it, an IP address (what Prometheus sends when it scrapes a target by address), localhost,
 * or a name of {@code --allowed-hosts}: a web page whose own name was rebound to this machine sends
 * that name, and is refused.
 */
public final class PagesListener implements AutoCloseable {
  private final Server server;

  private PagesListener(Server server) {
    this.server = server;
  }

  public static PagesListener start(String host, int port, List<HttpPage> pages) {
    return start(host, port, pages, List.of());
  }

  /**
   * @param allowedHosts Host values accepted beyond loopback besides IP addresses ("h:*" or
   *     "h:port", as {@code --allowed-hosts})
   */
  public static PagesListener start(
      String host, int port, List<HttpPage> pages, List<String> allowedHosts) {
    QueuedThreadPool pool = new QueuedThreadPool(8, 1);
    pool.setName("mcp-pages");
    Server server = new Server(pool);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    // one acceptor and one selector: by default Jetty takes one per two cores, more than the pool
    ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    server.setErrorHandler(new PlainErrorHandler());
    ServletContextHandler context = HttpTransport.plainErrorsContext();
    if (HttpTransport.isLoopback(host)) {
      DefaultServerTransportSecurityValidator loopbackOnly =
          HttpTransport.securityValidator(HttpSettings.loopback(port));
      context.addFilter(
          new FilterHolder(new PageHostFilter(loopbackOnly)),
          "/*",
          EnumSet.of(DispatcherType.REQUEST));
    } else {
      context.addFilter(
          new FilterHolder(new AddressHostFilter(allowedHosts)),
          "/*",
          EnumSet.of(DispatcherType.REQUEST));
    }
    for (HttpPage page : pages) {
      context.addServlet(new ServletHolder(page.servlet()), page.path());
    }
    server.setHandler(context);
    server.setStopTimeout(2_000);
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot listen on " + host + ":" + port + " for metrics: " + e.getMessage(), e);
    }
    return new PagesListener(server);
  }

  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      // stopping at exit: nothing left to do
    }
  }
}
