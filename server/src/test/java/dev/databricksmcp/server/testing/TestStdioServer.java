package dev.databricksmcp.server.testing;

import dev.databricksmcp.server.connection.ConnectionSettings;
import dev.databricksmcp.server.connection.SharedWorkspaceProvider;
import dev.databricksmcp.server.mcp.McpServerFactory;
import dev.databricksmcp.server.tools.dynamic.DynamicToolsets;
import dev.databricksmcp.server.transport.StdioTransport;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.time.Duration;

/** A stdio server process over {@link TestTools}, for end-to-end tests through a real pipe. */
public final class TestStdioServer {
  private TestStdioServer() {}

  public static void main(String[] args) {
    boolean readOnly = args.length > 0 && args[0].equals("--read-only");
    boolean dynamic = args.length > 0 && args[0].equals("--dynamic-toolsets");
    DynamicToolsets toolsets = TestTools.dynamicToolsets();
    McpServerFactory factory =
        new McpServerFactory(
            dynamic ? TestTools.dynamicStart(toolsets) : TestTools.all(),
            new SharedWorkspaceProvider(new ConnectionSettings(null, "http://127.0.0.1:1", "t")),
            readOnly,
            TestTools.invoker(readOnly));
    if (dynamic) {
      factory.withDynamicToolsets(toolsets);
    }
    StdioTransport transport =
        new StdioTransport(
            McpServerFactory.JSON, System.in, new FileOutputStream(FileDescriptor.out));
    System.setOut(System.err);
    factory.stdio(transport);
    transport.run(Duration.ofSeconds(30));
    System.exit(0);
  }
}
