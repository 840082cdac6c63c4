package dev.databricksmcp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.server.connection.ConnectionSettings;
import dev.databricksmcp.server.connection.SharedWorkspaceProvider;
import dev.databricksmcp.server.core.ServerSettings;
import dev.databricksmcp.server.core.ToolSelection;
import dev.databricksmcp.server.core.Toolsets;
import dev.databricksmcp.server.mcp.McpServerFactory;
import dev.databricksmcp.server.transport.HttpSettings;
import dev.databricksmcp.server.transport.HttpTransport;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A slow execute_sql over Streamable HTTP: the client receives progress, then resumes with
 * get_statement.
 */
@Timeout(120)
class SqlProgressOverMcpTest {
  @Test
  @SuppressWarnings("unchecked")
  void progressArrivesAndTheStatementIsResumed() {
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.inMemory())) {
      McpServerFactory factory =
          new McpServerFactory(
              Toolsets.discovered()
                  .inventory(ServerSettings.of(ToolSelection.defaults(), true))
                  .all(),
              new SharedWorkspaceProvider(
                  new ConnectionSettings(null, sandbox.host(), sandbox.adminToken())),
              false);
      HttpTransport server = HttpTransport.start(HttpSettings.loopback(0), factory);
      List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
      McpSyncClient client =
          McpClient.sync(
                  HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
                      .endpoint("/mcp")
                      .build())
              .progressConsumer(progress::add)
              .build();
      try {
        client.initialize();
        CallToolResult first =
            client.callTool(
                new CallToolRequest(
                    "execute_sql",
                    Map.of("statement", "SELECT sandbox_sleep(3) AS s", "timeout_seconds", 2),
                    Map.of("progressToken", "sql-1")));
        Map<String, Object> data =
            (Map<String, Object>) ((Map<String, Object>) first.structuredContent()).get("data");
        assertThat(data.get("state")).isIn("PENDING", "RUNNING");
        assertThat(progress)
            .isNotEmpty()
            .allSatisfy(p -> assertThat(p.message()).contains("statement"));

        CallToolResult done =
            client.callTool(
                new CallToolRequest(
                    "get_statement", Map.of("statement_id", data.get("statement_id"))));
        Map<String, Object> doneData =
            (Map<String, Object>) ((Map<String, Object>) done.structuredContent()).get("data");
        assertThat(doneData.get("state")).isEqualTo("SUCCEEDED");
      } finally {
        client.closeGracefully();
        server.close();
      }
    }
  }
}
