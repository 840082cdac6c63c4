package dev.databricksmcp.server.testing;

import dev.databricksmcp.server.connection.ConnectionSettings;
import dev.databricksmcp.server.connection.SharedWorkspaceProvider;
import dev.databricksmcp.server.mcp.McpServerFactory;
import dev.databricksmcp.server.transport.StdioTransport;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.time.Duration;

/** A stdio server process over {@link TestTools}, for end-to-end tests through a real pipe. */
public final class TestStdioServer {
  private TestStdioServer() {}

  public static void main(String[] args) {
    boolean readOnly = args.length > 0 && args[0].equals("--read-only");
    McpServerFactory factory =
        new McpServerFactory(
            TestTools.all(),
            new SharedWorkspaceProvider(new ConnectionSettings(null, "http://127.0.0.1:1", "t")),
            readOnly,
            TestTools.invoker(readOnly));
    StdioTransport transport =
        new StdioTransport(
            McpServerFactory.JSON, System.in, new FileOutputStream(FileDescriptor.out));
    System.setOut(System.err);
    factory.stdio(transport);
    transport.run(Duration.ofSeconds(30));
    System.exit(0);
  }
}
