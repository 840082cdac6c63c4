package dev.databricksmcp.sandbox.http;

import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Jetty on 127.0.0.1 only, the one way the sandbox is reached. */
public final class LoopbackServer {
  private final Server server;

  private LoopbackServer(Server server) {
    this.server = server;
  }

  /** Listens on the port (0 for a free one) or fails saying which port. */
  public static LoopbackServer start(int port, Handler handler) {
    QueuedThreadPool pool = new QueuedThreadPool(64, 4);
    pool.setName("sandbox");
    pool.setDaemon(true);
    Server server = new Server(pool);
    // Unity Catalog names may hold '%' (and so '%25' in a path); the router decodes each segment
    // itself
    HttpConfiguration http = new HttpConfiguration();
    http.setUriCompliance(
        UriCompliance.DEFAULT.with("uc-names", UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING));
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(handler);
    try {
      server.start();
    } catch (Exception e) {
      new LoopbackServer(server).stop();
      throw new IllegalStateException(
          "cannot start the sandbox on port " + port + ": " + e.getMessage(), e);
    }
    return new LoopbackServer(server);
  }

  /** The workspace URL to give a Databricks client, e.g. {@code http://127.0.0.1:43121}. */
  public String url() {
    return "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  public void stop() {
    try {
      server.stop();
    } catch (Exception ignored) {
      // shutting down: nothing useful to do with the error
    }
  }
}
