package dev.databricksmcp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.server.connection.ConnectionSettings;
import dev.databricksmcp.server.connection.SharedWorkspaceProvider;
import dev.databricksmcp.server.mcp.McpServerFactory;
import dev.databricksmcp.server.testing.TestStdioServer;
import dev.databricksmcp.server.testing.TestTools;
import dev.databricksmcp.server.tools.dynamic.DynamicToolsets;
import dev.databricksmcp.server.transport.HttpSettings;
import dev.databricksmcp.server.transport.HttpTransport;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * --dynamic-toolsets through the MCP SDK's own client, over stdio and Streamable HTTP: the server
 * declares tools.listChanged, starts small, and enable_toolset makes the client receive one
 * notifications/tools/list_changed, after which the new tools are listed and can be called.
 */
@Timeout(90)
class DynamicToolsetsOverMcpTest {
  private static final List<String> STARTING =
      List.of("echo", "list_available_toolsets", "get_toolset_tools", "enable_toolset");

  private final List<McpSyncClient> clients = new ArrayList<>();
  private HttpTransport http;

  @AfterEach
  void close() {
    clients.forEach(McpSyncClient::closeGracefully);
    if (http != null) {
      http.close();
    }
  }

  @Test
  void overStdio() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    McpClientTransport transport =
        new StdioClientTransport(
            ServerParameters.builder(java)
                .args(
                    "-cp",
                    System.getProperty("java.class.path"),
                    TestStdioServer.class.getName(),
                    "--dynamic-toolsets")
                .build(),
            McpServerFactory.JSON);
    BlockingQueue<List<McpSchema.Tool>> changes = new LinkedBlockingQueue<>();
    McpSyncClient client = connect(transport, changes);

    enableAndUse(client, changes);
  }

  @Test
  void overStreamableHttpEverySessionIsTold() throws Exception {
    DynamicToolsets toolsets = TestTools.dynamicToolsets();
    McpServerFactory factory =
        new McpServerFactory(
                TestTools.dynamicStart(toolsets),
                new SharedWorkspaceProvider(
                    new ConnectionSettings(null, "http://127.0.0.1:1", "t")),
                false,
                TestTools.invoker(false))
            .withDynamicToolsets(toolsets);
    http =
        HttpTransport.start(
            new HttpSettings(
                "127.0.0.1",
                0,
                false,
                List.of(),
                List.of(),
                HttpSettings.DEFAULT_MAX_REQUEST_BYTES),
            factory);
    BlockingQueue<List<McpSchema.Tool>> changes = new LinkedBlockingQueue<>();
    BlockingQueue<List<McpSchema.Tool>> otherChanges = new LinkedBlockingQueue<>();
    McpSyncClient client = connect(httpTransport(), changes);
    McpSyncClient other = connect(httpTransport(), otherChanges);
    other.ping();

    enableAndUse(client, changes);

    // the SDK keeps one tool list per server: the other session is told and sees the tools too
    List<McpSchema.Tool> seenByOther = otherChanges.poll(10, TimeUnit.SECONDS);
    assertThat(seenByOther).isNotNull();
    assertThat(names(other.listTools().tools())).contains("write_thing", "slow");
  }

  private McpClientTransport httpTransport() {
    return HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + http.port())
        .endpoint("/mcp")
        .build();
  }

  private McpSyncClient connect(
      McpClientTransport transport, BlockingQueue<List<McpSchema.Tool>> changes) {
    McpSyncClient client =
        McpClient.sync(transport)
            .requestTimeout(Duration.ofSeconds(30))
            .toolsChangeConsumer(changes::add)
            .build();
    clients.add(client);
    client.initialize();
    return client;
  }

  private static void enableAndUse(
      McpSyncClient client, BlockingQueue<List<McpSchema.Tool>> changes) throws Exception {
    assertThat(client.getServerCapabilities().tools().listChanged()).isTrue();
    assertThat(names(client.listTools().tools())).containsExactlyInAnyOrderElementsOf(STARTING);

    McpSchema.CallToolResult enabled = call(client, "enable_toolset", Map.of("toolset", "extra"));

    assertThat(enabled.isError()).isFalse();
    assertThat(data(enabled)).containsEntry("added_tools", List.of("write_thing", "slow"));
    List<McpSchema.Tool> changed = changes.poll(10, TimeUnit.SECONDS);
    assertThat(changed).as("tools/list_changed received").isNotNull();
    assertThat(names(changed)).contains("write_thing", "slow");
    // one notification for the two tools added, not one per tool
    assertThat(changes.poll(1, TimeUnit.SECONDS)).isNull();

    assertThat(names(client.listTools().tools())).containsAll(STARTING).contains("write_thing");
    assertThat(call(client, "slow", Map.of("millis", 10)).isError()).isFalse();

    McpSchema.CallToolResult again = call(client, "enable_toolset", Map.of("toolset", "EXTRA"));
    assertThat(data(again)).containsEntry("already_enabled", true);
    assertThat(changes.poll(500, TimeUnit.MILLISECONDS)).isNull();

    McpSchema.CallToolResult unknown = call(client, "enable_toolset", Map.of("toolset", "nope"));
    assertThat(unknown.isError()).isTrue();
    assertThat(body(unknown)).containsEntry("error_code", "VALIDATION_ERROR");
    assertThat(body(unknown).get("error").toString()).contains("workspace").contains("extra");
  }

  private static McpSchema.CallToolResult call(
      McpSyncClient client, String tool, Map<String, Object> args) {
    return client.callTool(new McpSchema.CallToolRequest(tool, args));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(McpSchema.CallToolResult result) {
    return (Map<String, Object>) result.structuredContent();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(McpSchema.CallToolResult result) {
    return (Map<String, Object>) body(result).get("data");
  }

  private static List<String> names(List<McpSchema.Tool> tools) {
    return tools.stream().map(McpSchema.Tool::name).toList();
  }
}
