package dev.databricksmcp.server.e2e;

import dev.databricksmcp.server.mcp.McpServerFactory;
import dev.databricksmcp.server.testing.TestStdioServer;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The suite over a real pipe to a separate JVM running our stdio transport. */
class StdioEndToEndTest extends EndToEndContract {
  @Override
  protected McpClientTransport transport(boolean readOnly) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> args =
        new ArrayList<>(
            List.of("-cp", System.getProperty("java.class.path"), TestStdioServer.class.getName()));
    if (readOnly) {
      args.add("--read-only");
    }
    return new StdioClientTransport(
        ServerParameters.builder(java).args(args).build(), McpServerFactory.JSON);
  }
}
