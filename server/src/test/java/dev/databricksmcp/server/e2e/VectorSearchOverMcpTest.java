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
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What issue 20 says a model can do with vector search on the sandbox, done the way a model does
 * it: MCP tool calls over Streamable HTTP with the ai toolset switched on. Make a table with a text
 * column, create an index over it, wait until it is ONLINE, and retrieve the rows nearest a text
 * query, first without and then with a filter.
 */
@Timeout(120)
class VectorSearchOverMcpTest {
  private Sandbox sandbox;
  private HttpTransport server;
  private McpSyncClient client;

  @BeforeEach
  void start() {
    sandbox = Sandbox.start(new SandboxOptions(0, null, 200, 500));
    ToolSelection toolsets = new ToolSelection(List.of("ai", "sql"), Set.of(), Set.of(), false);
    McpServerFactory factory =
        new McpServerFactory(
            Toolsets.discovered().inventory(ServerSettings.of(toolsets, true)).all(),
            new SharedWorkspaceProvider(
                new ConnectionSettings(null, sandbox.host(), sandbox.adminToken())),
            false);
    server = HttpTransport.start(HttpSettings.loopback(0), factory);
    client =
        McpClient.sync(
                HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
                    .endpoint("/mcp")
                    .build())
            .requestTimeout(Duration.ofSeconds(90))
            .build();
    client.initialize();
  }

  @AfterEach
  void stop() {
    client.closeGracefully();
    server.close();
    sandbox.close();
  }

  @Test
  void createAnIndexOverATextColumnWaitAndFindTheNearestRowsWithAFilter() {
    call(
        "execute_sql",
        Map.of(
            "statement",
            "CREATE TABLE main.default.faq AS SELECT * FROM VALUES"
                + " (1, 'How do I reset my password', 'account'),"
                + " (2, 'Password rules and expiry', 'security'),"
                + " (3, 'Where is my invoice', 'billing'),"
                + " (4, 'Change the billing address on an invoice', 'billing')"
                + " AS t(id, question, topic)"));
    Map<String, Object> index =
        data(
            call(
                "create_vector_search_index",
                Map.of(
                    "index_name", "main.default.faq_index",
                    "endpoint_name", "sandbox-vector-search",
                    "primary_key", "id",
                    "source_table", "main.default.faq",
                    "text_column", "question",
                    "wait_seconds", 60)));
    assertThat(index).containsEntry("state", "ONLINE").containsEntry("indexed_row_count", 4);

    List<Map<String, Object>> nearest =
        rows(
            call(
                "query_vector_search_index",
                Map.of(
                    "index_name",
                    "main.default.faq_index",
                    "query_text",
                    "reset password",
                    "num_results",
                    2)));
    assertThat(nearest).extracting(r -> r.get("id")).containsExactly("1", "2");

    List<Map<String, Object>> billing =
        rows(
            call(
                "query_vector_search_index",
                Map.of(
                    "index_name",
                    "main.default.faq_index",
                    "query_text",
                    "password invoice",
                    "columns",
                    List.of("id", "question", "topic"),
                    "filters",
                    Map.of("topic", "billing"))));
    assertThat(billing)
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r).containsEntry("topic", "billing"));
  }

  private CallToolResult call(String tool, Map<String, Object> args) {
    CallToolResult r = client.callTool(new CallToolRequest(tool, args));
    assertThat(r.isError()).as(tool + ": " + r.structuredContent()).isFalse();
    return r;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(CallToolResult r) {
    return (Map<String, Object>) ((Map<String, Object>) r.structuredContent()).get("data");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rows(CallToolResult r) {
    return (List<Map<String, Object>>) data(r).get("rows");
  }
}
