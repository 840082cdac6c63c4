package dev.databricksmcp.server.cli;

import dev.databricksmcp.server.mcp.McpServerFactory;
import dev.databricksmcp.server.transport.HttpSettings;
import dev.databricksmcp.server.transport.HttpTransport;
import dev.databricksmcp.server.transport.StdioTransport;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;

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
    try (ServerRuntime runtime = ServerRuntime.start(common)) {
      McpServerFactory factory = runtime.factory();
      StdioTransport transport = new StdioTransport(McpServerFactory.JSON, System.in, protocolOut);
      factory.stdio(transport);
      transport.run(STDIO_DRAIN);
    }
    return 0;
  }

  private static int runHttp(CommonOptions common, HttpSettings http) throws Exception {
    ServerRuntime runtime = ServerRuntime.start(common, http.auth());
    McpServerFactory factory = runtime.factory();
    HttpTransport transport =
        HttpTransport.start(http, factory, runtime.identities, runtime.databricksHost);
    java.lang.Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  transport.close();
                  runtime.close();
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
