package dev.databricksmcp.server.cli;

import dev.databricksmcp.server.mcp.McpServerFactory;
import dev.databricksmcp.server.tracing.Tracing;
import dev.databricksmcp.server.tracing.TracingSettings;
import dev.databricksmcp.server.transport.HttpAuth;
import dev.databricksmcp.server.transport.HttpSettings;
import dev.databricksmcp.server.transport.HttpTransport;
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
      return runHttp(common, http);
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
    // OpenTelemetry is loaded only when the OTEL_* variables ask for traces
    Tracing tracing = startTracing("stdio");
    try (ServerRuntime runtime = ServerRuntime.start(common, HttpAuth.none(), observers(tracing))) {
      if (tracing != null) {
        tracing.databricksHost(runtime.databricksHost);
      }
      McpServerFactory factory = runtime.factory();
      StdioTransport transport = new StdioTransport(McpServerFactory.JSON, System.in, protocolOut);
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
  private static Tracing startTracing(String transport) {
    TracingSettings settings = TracingSettings.fromEnvironment();
    return settings.enabled() ? Tracing.start(settings, transport) : null;
  }

  private static ServerObservers observers(Tracing tracing) {
    return tracing == null
        ? ServerObservers.NONE
        : new ServerObservers(List.of(tracing.toolCalls()), List.of(tracing.databricksCalls()));
  }

  private static int runHttp(CommonOptions common, HttpSettings http) throws Exception {
    Tracing tracing = startTracing("http");
    ServerRuntime runtime = ServerRuntime.start(common, http.auth(), observers(tracing));
    McpServerFactory factory = runtime.factory();
    if (tracing != null) {
      tracing.databricksHost(runtime.databricksHost);
    }
    HttpTransport transport =
        HttpTransport.start(
            http,
            factory,
            runtime.identities,
            runtime.databricksHost,
            tracing == null ? null : tracing.mcpRequests());
    java.lang.Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  transport.close();
                  runtime.close();
                  // after the last request was answered: its spans are sent too
                  if (tracing != null) {
                    tracing.close();
                  }
                },
                "shutdown"));
    System.err.println(
        "databricks-mcp listening on http://"
            + http.host()
            + ":"
            + transport.port()
            + HttpTransport.MCP_PATH);
    transport.join();
    return 0;
  }
}
