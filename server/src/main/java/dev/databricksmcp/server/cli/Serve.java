package dev.databricksmcp.server.cli;

import dev.databricksmcp.server.mcp.McpServerFactory;
import dev.databricksmcp.server.mcp.ProtocolWarmUp;
import dev.databricksmcp.server.metrics.MetricsServlet;
import dev.databricksmcp.server.metrics.ServerMetrics;
import dev.databricksmcp.server.tracing.Tracing;
import dev.databricksmcp.server.tracing.TracingSettings;
import dev.databricksmcp.server.transport.HttpAuth;
import dev.databricksmcp.server.transport.HttpPage;
import dev.databricksmcp.server.transport.HttpSettings;
import dev.databricksmcp.server.transport.HttpTransport;
import dev.databricksmcp.server.transport.PagesListener;
import dev.databricksmcp.server.transport.StdioTransport;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/** Runs the MCP server on the chosen transport until end of input (stdio) or SIGTERM (http). */
final class Serve {
  /** How long requests still running at end of stdin may take to be answered. */
  private static final Duration STDIO_DRAIN = Duration.ofSeconds(60);

  private Serve() {}

  static int run(CommonOptions common, ServeOptions serve) throws Exception {
    if (serve.transport == ServeOptions.Transport.http) {
      HttpSettings http = serve.httpSettings();
      http.checkExposure();
      if (common.dynamicToolsets && http.stateless()) {
        throw new UsageProblem(
            "--dynamic-toolsets cannot be used with --stateless: enabling a toolset changes the"
                + " tool list, and a stateless server has no session to tell (nor would its"
                + " replicas agree on the list); choose the toolsets with --toolsets instead");
      }
      serve.checkMetricsListener();
      return runHttp(common, serve, http);
    }
    return runStdio(common);
  }

  private static int runStdio(CommonOptions common) throws Exception {
    if (TerminalHint.stdinIsTerminal(System.getProperty(TerminalHint.PROPERTY), System.console())) {
      System.err.print(TerminalHint.text(common.sandbox));
      System.err.flush();
    }
    // stdout belongs to the protocol: anything else printed there would corrupt it
    OutputStream protocolOut = new FileOutputStream(FileDescriptor.out);
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
    // the first answers' Jackson work on the second core, beside logging and the tools' building
    ProtocolWarmUp.startInBackground();
    // OpenTelemetry is loaded only when the OTEL_* variables ask for traces
    Tracing tracing = startTracing();
    try (ServerRuntime runtime = ServerRuntime.start(common, HttpAuth.none(), observers(tracing))) {
      if (tracing != null) {
        tracing.databricksHost(runtime.databricksHost);
      }
      McpServerFactory factory = runtime.factory();
      StdioTransport transport = new StdioTransport(McpServerFactory.JSON, System.in, protocolOut);
      // the sandbox boots once the client has its tools, not on the two cores that answer it
      transport.afterToolsListed(runtime::bootSandbox);
      factory.stdio(transport);
      transport.run(STDIO_DRAIN);
    } finally {
      if (tracing != null) {
        tracing.close();
      }
    }
    return 0;
  }

  /**
   * The SDK when the OTEL_* variables ask for traces, else null (no OpenTelemetry class loaded).
   */
  private static Tracing startTracing() {
    TracingSettings settings = TracingSettings.fromEnvironment();
    return settings.enabled() ? Tracing.start(settings) : null;
  }

  /** Tracing's observers, when on; stdio has no metrics (nothing would serve them). */
  private static ServerObservers observers(Tracing tracing) {
    return tracing == null
        ? ServerObservers.NONE
        : new ServerObservers(List.of(tracing.toolCalls()), List.of(tracing.databricksCalls()));
  }

  private static int runHttp(CommonOptions common, ServeOptions serve, HttpSettings http)
      throws Exception {
    HttpServer server = startHttp(common, serve, http);
    java.lang.Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
    System.err.println(
        "databricks-mcp listening on http://"
            + http.host()
            + ":"
            + server.transport().port()
            + HttpTransport.MCP_PATH);
    if (server.pagesListener() != null) {
      System.err.println(
          "metrics and status page without authentication on http://"
              + serve.metricsHost
              + ":"
              + server.pagesListener().port()
              + MetricsServlet.PATH
              + (HttpTransport.isLoopback(serve.metricsHost)
                  ? ""
                  : " (beyond loopback: keep this port inside a private network)"));
    }
    server.transport().join();
    return 0;
  }

  /**
   * The HTTP server started, with its metrics on /metrics, the status page at /, and traces when
   * the OTEL_* variables ask for them.
   */
  static HttpServer startHttp(CommonOptions common, ServeOptions serve, HttpSettings http) {
    ServerMetrics metrics = MetricsPages.metrics();
    Tracing tracing = startTracing();
    ServerRuntime runtime =
        ServerRuntime.start(
            common,
            http.auth(),
            new ServerObservers(List.of(metrics.calls()), List.of(metrics.databricks()))
                .and(observers(tracing)));
    runtime.bootSandbox();
    HttpTransport transport = null;
    try {
      if (tracing != null) {
        tracing.databricksHost(runtime.databricksHost);
      }
      List<HttpPage> pages = MetricsPages.pages(metrics, runtime, http);
      transport =
          HttpTransport.start(
              http,
              runtime.factory(),
              runtime.identities,
              runtime.databricksHost,
              pages,
              tracing == null ? null : tracing.mcpRequests());
      metrics.sessionsFrom(transport::openSessions);
      PagesListener side =
          serve.metricsPort == null
              ? null
              : PagesListener.start(
                  serve.metricsHost, serve.metricsPort, pages, http.allowedHosts());
      return new HttpServer(runtime, transport, side, tracing);
    } catch (RuntimeException e) {
      if (transport != null) {
        transport.close();
      }
      runtime.close();
      if (tracing != null) {
        tracing.close();
      }
      throw e;
    }
  }

  /**
   * A running HTTP server: the MCP listener, with --metrics-port the pages' own, and the tracing
   * SDK when on (closed last, so the last request's spans are sent).
   */
  record HttpServer(
      ServerRuntime runtime, HttpTransport transport, PagesListener pagesListener, Tracing tracing)
      implements AutoCloseable {
    @Override
    public void close() {
      if (pagesListener != null) {
        pagesListener.close();
      }
      transport.close();
      runtime.close();
      if (tracing != null) {
        tracing.close();
      }
    }
  }
}
