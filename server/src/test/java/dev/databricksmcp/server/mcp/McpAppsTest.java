package dev.databricksmcp.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.server.connection.ConnectionSettings;
import dev.databricksmcp.server.connection.SharedWorkspaceProvider;
import dev.databricksmcp.server.core.Inventory;
import dev.databricksmcp.server.core.Jsons;
import dev.databricksmcp.server.core.ResultView;
import dev.databricksmcp.server.core.ServerSettings;
import dev.databricksmcp.server.core.ToolSelection;
import dev.databricksmcp.server.core.Toolsets;
import dev.databricksmcp.server.testing.TestTools;
import dev.databricksmcp.server.transport.HttpSettings;
import dev.databricksmcp.server.transport.HttpTransport;
import dev.databricksmcp.server.transport.StdioTransport;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * MCP Apps (SEP-1865) offered only to clients that declare {@code io.modelcontextprotocol/ui} at
 * initialize, over Streamable HTTP and stdio: they list {@code _meta.ui.resourceUri} on the tools
 * that return rows and read the {@code ui://} view; a client without the extension (or declaring it
 * without the HTML profile) lists neither, and every client gets the same tool results.
 */
@Timeout(120)
class McpAppsTest {
  static final McpSchema.ClientCapabilities WITH_APPS =
      new McpSchema.ClientCapabilities(
          null,
          null,
          null,
          null,
          Map.of(McpApps.EXTENSION, Map.of("mimeTypes", List.of(McpApps.MIME_TYPE))));
  static final Set<String> LINKED =
      Set.of(
          "execute_sql",
          "execute_sql_read_only",
          "get_statement",
          "preview_table",
          "ask_genie",
          "get_genie_message",
          "get_genie_query_result");

  private static Sandbox sandbox;
  private static HttpTransport server;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(dev.databricksmcp.sandbox.SandboxOptions.inMemory());
    ToolSelection selection =
        new ToolSelection(List.of("catalog", "sql", "ai"), Set.of(), Set.of(), false);
    Inventory inventory = Toolsets.discovered().inventory(ServerSettings.of(selection, true));
    McpServerFactory factory =
        new McpServerFactory(
                inventory.select(selection),
                new SharedWorkspaceProvider(
                    new ConnectionSettings(null, sandbox.host(), sandbox.adminToken())),
                false)
            .withResources(inventory.resources(selection));
    server = HttpTransport.start(HttpSettings.loopback(0), factory);
  }

  @AfterAll
  static void stop() {
    server.close();
    sandbox.close();
  }

  static McpSyncClient client(McpSchema.ClientCapabilities capabilities) {
    McpSyncClient client =
        McpClient.sync(
                HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
                    .endpoint("/mcp")
                    .build())
            .capabilities(capabilities)
            .requestTimeout(Duration.ofSeconds(60))
            .build();
    client.initialize();
    return client;
  }

  private static List<String> uiResources(McpSyncClient client) {
    List<String> uris = new ArrayList<>();
    if (client.getServerCapabilities().resources() == null) {
      return uris;
    }
    client.listResources().resources().forEach(r -> uris.add(r.uri()));
    client.listResourceTemplates().resourceTemplates().forEach(t -> uris.add(t.uriTemplate()));
    return uris.stream().filter(u -> u.startsWith("ui:")).toList();
  }

  @Test
  void aClientWithoutTheExtensionSeesNoMetaUiAndNoUiResources() {
    for (McpSchema.ClientCapabilities caps :
        List.of(
            McpSchema.ClientCapabilities.builder().build(),
            // declared, but without the HTML profile: nothing this server offers would render
            new McpSchema.ClientCapabilities(
                null, null, null, null, Map.of(McpApps.EXTENSION, Map.of("mimeTypes", List.of()))),
            new McpSchema.ClientCapabilities(
                Map.of(McpApps.EXTENSION, Map.of()), null, null, null))) {
      try (McpSyncClient plain = client(caps)) {
        List<McpSchema.Tool> tools = plain.listTools().tools();
        assertThat(tools).extracting(McpSchema.Tool::name).containsAll(LINKED);
        assertThat(tools).allSatisfy(t -> assertThat(t.meta()).isNull());
        assertThat(uiResources(plain)).isEmpty();
      }
    }
  }

  @Test
  void aClientWithTheExtensionListsTheViewAndReadsIt() {
    try (McpSyncClient apps = client(WITH_APPS)) {
      for (McpSchema.Tool t : apps.listTools().tools()) {
        if (LINKED.contains(t.name())) {
          assertThat(t.meta())
              .as(t.name())
              .isEqualTo(Map.of("ui", Map.of("resourceUri", ResultView.URI)));
        } else {
          assertThat(t.meta()).as(t.name()).isNull();
        }
      }
      assertThat(uiResources(apps)).containsExactly(ResultView.URI);
      McpSchema.Resource listed =
          apps.listResources().resources().stream()
              .filter(r -> r.uri().equals(ResultView.URI))
              .findFirst()
              .orElseThrow();
      assertThat(listed.mimeType()).isEqualTo("text/html;profile=mcp-app");

      McpSchema.ReadResourceResult read =
          apps.readResource(new McpSchema.ReadResourceRequest(ResultView.URI));
      McpSchema.TextResourceContents html = (McpSchema.TextResourceContents) read.contents().get(0);
      assertThat(html.mimeType()).isEqualTo("text/html;profile=mcp-app");
      assertThat(html.text())
          .startsWith("<!DOCTYPE html>")
          .contains("Content-Security-Policy")
          .contains("connect-src 'none'")
          .contains("default-src 'none'")
          .doesNotContainPattern("(?i)(src|href)\\s*=\\s*[\"']?(https?:|//)")
          .doesNotContainPattern("(?i)@import|url\\(")
          .doesNotContainIgnoringCase("token");
      assertThat(Jsons.MAPPER.valueToTree(html.meta()).at("/ui/csp/connectDomains").size())
          .isZero();
    }
  }

  @Test
  void toolResultsAreTheSameForEveryClient() {
    Map<String, Object> args =
        Map.of("statement", "SELECT 1 AS a, 'x' AS b UNION ALL SELECT 2, 'y' ORDER BY a");
    try (McpSyncClient plain = client(McpSchema.ClientCapabilities.builder().build());
        McpSyncClient apps = client(WITH_APPS)) {
      McpSchema.CallToolResult p =
          plain.callTool(new McpSchema.CallToolRequest("execute_sql_read_only", args));
      McpSchema.CallToolResult a =
          apps.callTool(new McpSchema.CallToolRequest("execute_sql_read_only", args));
      JsonNode pd = Jsons.MAPPER.valueToTree(p.structuredContent()).path("data");
      JsonNode ad = Jsons.MAPPER.valueToTree(a.structuredContent()).path("data");
      assertThat(ad.get("rows")).isEqualTo(pd.get("rows"));
      assertThat(ad.get("columns")).isEqualTo(pd.get("columns"));
      assertThat(a.content()).hasSameSizeAs(p.content());
    }
  }

  /** Over stdio the one session is routed by its initialize request. */
  @Test
  void overStdioTheInitializeRequestChoosesToo() throws Exception {
    String withApps =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-06-18\",\"capabilities\":{\"extensions\":{\"io.modelcontextprotocol/ui\":"
            + "{\"mimeTypes\":[\"text/html;profile=mcp-app\"]}}},\"clientInfo\":{\"name\":\"t\","
            + "\"version\":\"1\"}}}";
    String without =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    JsonNode apps = stdioToolsAndResources(withApps);
    JsonNode plain = stdioToolsAndResources(without);
    assertThat(apps.at("/tools").toString()).contains(ResultView.URI);
    assertThat(apps.at("/resources").toString()).contains(ResultView.URI);
    assertThat(plain.at("/tools").toString()).doesNotContain("ui://").doesNotContain("_meta");
    assertThat(plain.at("/resources").toString()).doesNotContain("ui://");
    assertThat(apps.at("/tools").size()).isEqualTo(plain.at("/tools").size());
  }

  private static JsonNode stdioToolsAndResources(String init) throws Exception {
    String input =
        String.join(
                "\n",
                init,
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/list\"}")
            + "\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StdioTransport transport =
        new StdioTransport(
            McpServerFactory.JSON,
            new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
            out);
    new McpServerFactory(
            TestTools.all().stream()
                .map(
                    t ->
                        t.name().equals("echo")
                            ? new dev.databricksmcp.server.core.ToolDef(
                                t.toolset(),
                                t.name(),
                                t.title(),
                                t.description(),
                                t.inputSchema(),
                                t.outputSchema(),
                                t.hints(),
                                t.handler(),
                                t.target(),
                                t.checkWith(),
                                ResultView.URI)
                            : t)
                .toList(),
            new SharedWorkspaceProvider(new ConnectionSettings(null, "http://127.0.0.1:1", "t")),
            false)
        .stdio(transport);
    transport.run(Duration.ofSeconds(30));
    com.fasterxml.jackson.databind.node.ObjectNode found = Jsons.MAPPER.createObjectNode();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode m = Jsons.MAPPER.readTree(line);
      if (m.path("id").asInt() == 2) {
        found.set("tools", m.at("/result/tools"));
      } else if (m.path("id").asInt() == 3) {
        found.set("resources", m.path("result").path("resources"));
      }
    }
    return found;
  }
}
