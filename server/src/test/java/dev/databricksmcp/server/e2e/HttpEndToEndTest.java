package dev.databricksmcp.server.e2e;

import dev.databricksmcp.server.connection.ConnectionSettings;
import dev.databricksmcp.server.connection.SharedWorkspaceProvider;
import dev.databricksmcp.server.mcp.McpServerFactory;
import dev.databricksmcp.server.testing.TestTools;
import dev.databricksmcp.server.transport.HttpSettings;
import dev.databricksmcp.server.transport.HttpTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import java.util.ArrayList;
import java.util.List;

/** The suite over Streamable HTTP with sessions. */
class HttpEndToEndTest extends EndToEndContract {
  private final List<HttpTransport> servers = new ArrayList<>();

  protected boolean stateless() {
    return false;
  }

  @Override
  protected McpClientTransport transport(boolean readOnly) {
    McpServerFactory factory =
        new McpServerFactory(
            TestTools.all(),
            new SharedWorkspaceProvider(new ConnectionSettings(null, "http://127.0.0.1:1", "t")),
            readOnly,
            TestTools.invoker(readOnly));
    HttpTransport server =
        HttpTransport.start(
            new HttpSettings(
                "127.0.0.1",
                0,
                stateless(),
                List.of(),
                List.of(),
                HttpSettings.DEFAULT_MAX_REQUEST_BYTES),
            factory);
    servers.add(server);
    return HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
        .endpoint("/mcp")
        .build();
  }

  @Override
  protected void stopServers() {
    servers.forEach(HttpTransport::close);
  }
}
