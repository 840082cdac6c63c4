package dev.databricksmcp.server.transport;

import dev.databricksmcp.server.connection.ForwardedUserIdentities;
import dev.databricksmcp.server.mcp.McpServerFactory;
import dev.databricksmcp.server.mcp.TransportKeys;
import dev.databricksmcp.server.oauth.OAuthServer;
import dev.databricksmcp.server.oauth.OAuthServlet;
import dev.databricksmcp.server.oauth.OAuthSettings;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpStatelessAsyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.ee11.servlet.ServletMapping;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MCP over Streamable HTTP on Jetty: {@code /mcp} for the protocol, {@code /healthz} for probes.
 * Origin and Host are checked on every request (403 / 421) so a web page cannot drive a local
 * server.
 */
public final class HttpTransport implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);
  public static final String MCP_PATH = "/mcp";

  private final Server server;
  private final Runnable closeMcp;
  private final SessionOwners sessions;

  private HttpTransport(Server server, Runnable closeMcp, SessionOwners sessions) {
    this.server = server;
    this.closeMcp = closeMcp;
    this.sessions = sessions;
  }

  /**
   * Without databricks-apps authentication (which needs to know who a forwarded token belongs to).
   */
  public static HttpTransport start(HttpSettings settings, McpServerFactory factory) {
    return start(settings, factory, null);
  }

  /**
   * @param identities who forwarded tokens belong to; required with --auth databricks-apps, else
   *     unused
   */
  public static HttpTransport start(
      HttpSettings settings, McpServerFactory factory, ForwardedUserIdentities identities) {
    return start(settings, factory, identities, null);
  }

  /**
   * @param databricksHost the workspace URL; required with --auth databricks-oauth (users sign in
   *     there), else unused
   */
  public static HttpTransport start(
      HttpSettings settings,
      McpServerFactory factory,
      ForwardedUserIdentities identities,
      Supplier<String> databricksHost) {
    return start(settings, factory, identities, databricksHost, List.of(), null);
  }

  /**
   * @param pages served beside {@code /mcp}, behind the same authentication and Host check
   *     (metrics, the status page)
   * @param mcpObserver a filter on {@code /mcp} after authentication (traces), or null
   */
  public static HttpTransport start(
      HttpSettings settings,
      McpServerFactory factory,
      ForwardedUserIdentities identities,
      Supplier<String> databricksHost,
      List<HttpPage> pages,
      Filter mcpObserver) {
    settings.checkExposure();
    int[] boundPort = new int[1];
    OAuthServer oauth = null;
    if (settings.auth().mode() == HttpAuth.Mode.DATABRICKS_OAUTH) {
      OAuthSettings o = settings.auth().oauth();
      String loopbackBase = "http://" + urlHost(settings.host()) + ":";
      oauth =
          new OAuthServer(
              o,
              () -> o.publicUrl() != null ? o.publicUrl() : loopbackBase + boundPort[0],
              databricksHost,
              identities::resolve,
              Clock.systemUTC());
    }
    Authenticator authenticator = new Authenticator(settings.auth(), identities, oauth);
    DefaultServerTransportSecurityValidator validator = securityValidator(settings);
    HttpServlet mcpServlet;
    Runnable closeMcp;
    if (settings.stateless()) {
      StatelessMcpServlet transport =
          new StatelessMcpServlet(
              SafeErrorsJsonMapper.wrap(McpServerFactory.JSON),
              MCP_PATH,
              HttpTransport::callerContext,
              validator,
              settings.maxRequestBytes());
      McpStatelessAsyncServer mcp = factory.stateless(transport);
      mcpServlet = transport;
      closeMcp = mcp::close;
    } else {
      HttpServletStreamableServerTransportProvider transport =
          HttpServletStreamableServerTransportProvider.builder()
              .jsonMapper(SafeErrorsJsonMapper.wrap(McpServerFactory.JSON))
              .mcpEndpoint(MCP_PATH)
              .securityValidator(validator)
              .contextExtractor(HttpTransport::callerContext)
              .maxRequestSize(settings.maxRequestBytes())
              .keepAliveInterval(Duration.ofSeconds(30))
              .build();
      McpAsyncServer mcp = factory.streamable(transport);
      mcpServlet = transport;
      closeMcp = () -> mcp.closeGracefully().block(Duration.ofSeconds(10));
    }

    QueuedThreadPool pool = new QueuedThreadPool(200, 8);
    pool.setName("mcp-http");
    Server server = new Server(pool);
    server.addConnector(connector(server, settings));
    server.setErrorHandler(new PlainErrorHandler());
    SessionOwners sessions = settings.stateless() ? null : new SessionOwners();
    ServletContextHandler context =
        context(settings, mcpServlet, new AuthFilter(authenticator), mcpObserver, oauth, sessions);
    addPages(context, pages, new AuthFilter(authenticator), validator);
    // bodies are read in full, without a thread, before any servlet runs
    server.setHandler(
        new BufferedBodyHandler(
            context,
            settings.maxRequestBytes(),
            settings.limits().requestBodyTimeout(),
            authenticator));
    server.setStopTimeout(10_000);
    try {
      server.start();
    } catch (Exception e) {
      closeMcp.run();
      throw new IllegalStateException(
          "cannot listen on " + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
    }
    HttpTransport transport = new HttpTransport(server, closeMcp, sessions);
    boundPort[0] = transport.port();
    LOG.info(
        "MCP Streamable HTTP listening on http://{}:{}{}{}",
        settings.host(),
        transport.port(),
        MCP_PATH,
        settings.stateless() ? " (stateless)" : "");
    return transport;
  }

  private static ServerConnector connector(Server server, HttpSettings settings) {
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    if (settings.limits().maxConnectionsPerClient() > 0) {
      connector.addBean(new ClientConnectionLimit(settings.limits().maxConnectionsPerClient()));
    }
    return connector;
  }

  /**
   * Filters in order: errors as plain JSON (every path), then authentication, then the observer
   * (traces), then (with sessions) the session owner check, then the MCP servlet.
   */
  private static ServletContextHandler context(
      HttpSettings settings,
      HttpServlet mcpServlet,
      AuthFilter authFilter,
      Filter mcpObserver,
      OAuthServer oauth,
      SessionOwners sessions) {
    ServletContextHandler context = plainErrorsContext();
    context.addFilter(new FilterHolder(authFilter), MCP_PATH, EnumSet.of(DispatcherType.REQUEST));
    if (mcpObserver != null) {
      context.addFilter(
          new FilterHolder(mcpObserver), MCP_PATH, EnumSet.of(DispatcherType.REQUEST));
    }
    if (sessions != null) {
      FilterHolder sessionOwners = new FilterHolder(new SessionOwnerFilter(sessions));
      context.addFilter(sessionOwners, MCP_PATH, EnumSet.of(DispatcherType.REQUEST));
    }
    ServletHolder mcpHolder = new ServletHolder("mcp", mcpServlet);
    mcpHolder.setAsyncSupported(true);
    context.addServlet(mcpHolder, MCP_PATH);
    context.addServlet(new ServletHolder("healthz", new HealthServlet()), "/healthz");
    if (oauth != null) {
      context.getServletHandler().addServlet(new ServletHolder("oauth", new OAuthServlet(oauth)));
      ServletMapping paths = new ServletMapping();
      paths.setServletName("oauth");
      paths.setPathSpecs(OAuthServlet.PATHS);
      context.getServletHandler().addServletMapping(paths);
    }
    return context;
  }

  /** A context at {@code /} whose errors, on every path, are plain JSON with fixed words. */
  static ServletContextHandler plainErrorsContext() {
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.setErrorHandler(new PlainErrorHandler());
    context.addFilter(
        new FilterHolder(new ErrorGuardFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
    return context;
  }

  /** Each page behind the Host/Origin check, then the authentication /mcp has. */
  private static void addPages(
      ServletContextHandler context,
      List<HttpPage> pages,
      AuthFilter authFilter,
      DefaultServerTransportSecurityValidator validator) {
    for (HttpPage page : pages) {
      context.addFilter(
          new FilterHolder(new PageHostFilter(validator)),
          page.path(),
          EnumSet.of(DispatcherType.REQUEST));
      context.addFilter(
          new FilterHolder(authFilter), page.path(), EnumSet.of(DispatcherType.REQUEST));
      context.addServlet(new ServletHolder(page.servlet()), page.path());
    }
  }

  /** A host as it stands in a URL: an IPv6 address in brackets. */
  private static String urlHost(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /**
   * Who the AuthFilter said is calling, for the tool call's context. Never the raw bearer token.
   */
  private static McpTransportContext callerContext(HttpServletRequest request) {
    Map<String, Object> values = new HashMap<>();
    for (String key : new String[] {TransportKeys.PRINCIPAL, TransportKeys.USER_ACCESS_TOKEN}) {
      Object value = request.getAttribute(key);
      if (value != null) {
        values.put(key, value);
      }
    }
    return McpTransportContext.create(values);
  }

  /** Loopback origins and hosts are always allowed; anything else only when configured. */
  static DefaultServerTransportSecurityValidator securityValidator(HttpSettings settings) {
    List<String> origins =
        new ArrayList<>(List.of("http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*"));
    origins.addAll(settings.allowedOrigins());
    List<String> hosts = new ArrayList<>(List.of("localhost:*", "127.0.0.1:*", "[::1]:*"));
    hosts.addAll(settings.allowedHosts());
    return DefaultServerTransportSecurityValidator.builder()
        .allowedOrigins(origins)
        .allowedHosts(hosts)
        .build();
  }

  /** True for 127.0.0.0/8, ::1 and "localhost". */
  public static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** MCP sessions open now; 0 when stateless. */
  public long openSessions() {
    return sessions == null ? 0 : sessions.size();
  }

  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  /** Blocks until the server stops (SIGTERM runs {@link #close} from a shutdown hook). */
  public void join() throws InterruptedException {
    server.join();
  }

  /**
   * Closes the MCP sessions first — that ends the clients' long-lived SSE streams, which would
   * otherwise hold a graceful stop for its whole timeout — then stops Jetty, letting other requests
   * in progress finish (up to 10 s).
   */
  @Override
  public void close() {
    closeMcp.run();
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("HTTP server did not stop cleanly: {}", e.toString());
    }
  }
}
