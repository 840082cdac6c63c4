package dev.databricksmcp.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.server.connection.ConnectionSettings;
import dev.databricksmcp.server.connection.SharedWorkspaceProvider;
import dev.databricksmcp.server.core.ServerSettings;
import dev.databricksmcp.server.core.ToolSelection;
import dev.databricksmcp.server.core.Toolsets;
import dev.databricksmcp.server.mcp.McpServerFactory;
import dev.databricksmcp.server.metrics.ServerMetrics;
import dev.databricksmcp.server.transport.HttpSettings;
import dev.databricksmcp.server.transport.HttpTransport;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client that supports elicitation is asked, in plain words, before a destructive tool runs; what
 * the user answered is counted in the metrics.
 */
@Timeout(120)
class ElicitationOverMcpTest {
  private Sandbox sandbox;
  private HttpTransport server;
  private final List<String> questions = new CopyOnWriteArrayList<>();
  private final ServerMetrics metrics = new ServerMetrics("test");

  @BeforeEach
  void start() {
    sandbox = Sandbox.start(SandboxOptions.inMemory());
    ServerSettings facts =
        new ServerSettings(
            new ToolSelection(List.of("all"), java.util.Set.of(), java.util.Set.of(), false),
            true,
            true,
            "none");
    McpServerFactory factory =
        new McpServerFactory(
            Toolsets.discovered().inventory(facts).all(),
            new SharedWorkspaceProvider(
                new ConnectionSettings(null, sandbox.host(), sandbox.adminToken())),
            false,
            CallPolicies.invoker(
                false,
                SecuritySettings.defaults(),
                AuditLog.discard(),
                tool -> {},
                List.of(metrics.calls())));
    server = HttpTransport.start(HttpSettings.loopback(0), factory);
  }

  @AfterEach
  void stop() {
    server.close();
    sandbox.close();
  }

  private McpSyncClient client(ElicitResult.Action action) {
    McpSyncClient c =
        McpClient.sync(
                HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
                    .endpoint("/mcp")
                    .build())
            .capabilities(McpSchema.ClientCapabilities.builder().elicitation().build())
            .elicitation(
                request -> {
                  questions.add(request.message());
                  return new ElicitResult(
                      action,
                      action == ElicitResult.Action.ACCEPT ? Map.of("confirm", true) : null,
                      null);
                })
            .build();
    c.initialize();
    return c;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(CallToolResult r) {
    return (Map<String, Object>) r.structuredContent();
  }

  @Test
  void declinedMeansNothingHappensAndAcceptedMeansItIsDone() throws IOException {
    McpSyncClient setup = client(ElicitResult.Action.ACCEPT);
    setup.callTool(new CallToolRequest("execute_sql", Map.of("statement", "SELECT 1")));
    assertThat(questions).as("reads are not confirmed").isEmpty();
    setup.callTool(
        new CallToolRequest("create_schema", Map.of("catalog_name", "main", "name", "doomed")));
    setup.closeGracefully();

    McpSyncClient declining = client(ElicitResult.Action.DECLINE);
    CallToolResult declined =
        declining.callTool(
            new CallToolRequest("delete_schema", Map.of("full_name", "main.doomed")));
    assertThat(body(declined)).containsEntry("error_code", "CONFIRMATION_REQUIRED");
    assertThat(questions)
        .singleElement()
        .asString()
        .contains("delete schema 'main.doomed'")
        .contains(sandbox.host())
        .endsWith("This cannot be undone.");
    assertThat(sandbox.requestLog().entries()).noneMatch(e -> e.method().equals("DELETE"));
    declining.closeGracefully();

    McpSyncClient accepting = client(ElicitResult.Action.ACCEPT);
    CallToolResult done =
        accepting.callTool(
            new CallToolRequest("delete_schema", Map.of("full_name", "main.doomed")));
    assertThat(done.isError()).as(String.valueOf(body(done))).isFalse();
    assertThat(sandbox.requestLog().entries())
        .filteredOn(e -> e.method().equals("DELETE"))
        .hasSize(1);
    accepting.closeGracefully();
    // the yes leaves no token in the call: the gate's word is what metrics count
    assertThat(scrape())
        .contains("databricks_mcp_confirmations_total{result=\"given\",tool=\"delete_schema\"} 1.0")
        .contains(
            "databricks_mcp_confirmations_total{result=\"refused\",tool=\"delete_schema\"} 1.0")
        .doesNotContain("result=\"asked\"");
  }

  private String scrape() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    metrics.writeTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
