package dev.databricksmcp.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.databricksmcp.server.connection.ConnectionSettings;
import dev.databricksmcp.server.connection.SharedWorkspaceProvider;
import dev.databricksmcp.server.core.Inventory;
import dev.databricksmcp.server.core.Jsons;
import dev.databricksmcp.server.core.ServerSettings;
import dev.databricksmcp.server.core.ToolSelection;
import dev.databricksmcp.server.core.Toolsets;
import dev.databricksmcp.server.testing.HeadlessChromium;
import dev.databricksmcp.server.testing.SandboxFixture;
import dev.databricksmcp.server.transport.HttpSettings;
import dev.databricksmcp.server.transport.HttpTransport;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The result view in a real headless Chromium, inside a minimal MCP Apps host (the test resource
 * {@code ui/host-harness.html}) that relays to the server, over Streamable HTTP, through an MCP
 * client declaring the extension. Trips per hour of day on the sample data, 10 rows a page: the
 * grid shows the rows Databricks returns, with column types; sorting by a column orders them; "next
 * page" makes the view call get_statement through the host and shows rows 10-19; the chart toggle
 * draws a bar per row; the page logs no error (a CSP violation would be one). Screenshots are kept
 * in {@code server/target/ui/}.
 */
@Timeout(180)
class ResultViewBrowserTest {
  static final String HOURS =
      "SELECT hour(tpep_pickup_datetime) AS pickup_hour, count(*) AS trips"
          + " FROM samples.nyctaxi.trips GROUP BY 1 ORDER BY 1";

  private static SandboxFixture fx;
  private static HttpTransport server;
  private static McpSyncClient client;
  private static HttpServer host;
  private static HeadlessChromium browser;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(HeadlessChromium.available(), HeadlessChromium.MISSING);
    fx = new SandboxFixture();
    ToolSelection selection = new ToolSelection(List.of("sql"), Set.of(), Set.of(), false);
    Inventory inventory = Toolsets.discovered().inventory(ServerSettings.of(selection, true));
    server =
        HttpTransport.start(
            HttpSettings.loopback(0),
            new McpServerFactory(
                inventory.select(selection),
                new SharedWorkspaceProvider(
                    new ConnectionSettings(null, fx.sandbox.host(), fx.sandbox.adminToken())),
                false));
    client =
        McpClient.sync(
                HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
                    .endpoint("/mcp")
                    .build())
            .capabilities(McpAppsTest.WITH_APPS)
            .requestTimeout(Duration.ofSeconds(60))
            .build();
    client.initialize();
    host = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    host.createContext("/", ResultViewBrowserTest::harness);
    host.createContext("/rpc", ResultViewBrowserTest::relay);
    host.start();
    browser = HeadlessChromium.launch();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (host != null) {
      host.stop(0);
    }
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
    if (fx != null) {
      fx.close();
    }
  }

  private static void harness(HttpExchange exchange) throws IOException {
    try (InputStream in =
        ResultViewBrowserTest.class.getResourceAsStream("/ui/host-harness.html")) {
      send(exchange, "text/html; charset=utf-8", in.readAllBytes());
    }
  }

  /** The host's way to the server: one MCP request, relayed by the client that declared apps. */
  private static void relay(HttpExchange exchange) throws IOException {
    JsonNode request = Jsons.MAPPER.readTree(exchange.getRequestBody());
    Map<String, Object> params =
        Jsons.MAPPER.convertValue(request.path("params"), new TypeReference<>() {});
    Object result;
    try {
      result =
          switch (request.path("method").asText()) {
            case "tools/list" -> client.listTools();
            case "resources/read" ->
                client.readResource(new McpSchema.ReadResourceRequest((String) params.get("uri")));
            case "tools/call" ->
                client.callTool(
                    new McpSchema.CallToolRequest(
                        (String) params.get("name"), castMap(params.get("arguments"))));
            default -> throw new IllegalArgumentException("not relayed: " + request.get("method"));
          };
    } catch (RuntimeException e) {
      send(exchange, "application/json", Jsons.write(Map.of("error", e.getMessage())).getBytes());
      return;
    }
    send(
        exchange,
        "application/json",
        McpServerFactory.JSON
            .writeValueAsString(Map.of("result", result))
            .getBytes(StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object o) {
    return o == null ? Map.of() : (Map<String, Object>) o;
  }

  private static void send(HttpExchange exchange, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  /** The rows Databricks answers, as the grid should show them: [hour, trips] as text. */
  private static List<List<String>> expected() {
    List<List<String>> rows = new ArrayList<>();
    for (Collection<String> row : fx.sql(HOURS).getResult().getDataArray()) {
      rows.add(new ArrayList<>(row));
    }
    return rows;
  }

  private static List<List<String>> grid(HeadlessChromium.Page page) throws Exception {
    return Jsons.MAPPER.readValue(
        page.evaluateInFrame(
            "view",
            "JSON.stringify([...document.querySelectorAll('#grid tbody tr')]"
                + ".map(tr => [...tr.cells].map(td => td.textContent)))"),
        new TypeReference<>() {});
  }

  @Test
  void theGridShowsSortsAndPagesThroughTheHost() throws Exception {
    List<List<String>> all = expected();
    assertThat(all).hasSize(24);
    String args = Jsons.write(Map.of("statement", HOURS, "max_rows", 10));
    HeadlessChromium.Page page =
        browser.open(
            "http://127.0.0.1:"
                + host.getAddress().getPort()
                + "/?tool=execute_sql_read_only&args="
                + URLEncoder.encode(args, StandardCharsets.UTF_8),
            1000,
            640);
    page.waitFor("view", "document.body.dataset.state === 'ready'", Duration.ofSeconds(60));

    assertThat(grid(page)).isEqualTo(all.subList(0, 10));
    String headers =
        page.evaluateInFrame(
            "view", "[...document.querySelectorAll('#grid th')].map(th => th.innerText).join('|')");
    assertThat(headers).containsPattern("pickup_hour\\s+\\S+").containsPattern("trips\\s+\\S+");
    assertThat(page.evaluateInFrame("view", "document.getElementById('status').textContent"))
        .isEqualTo("Rows 1–10 of 24");

    // sorting by trips, ascending then descending: the same ten rows, ordered by count
    page.evaluateInFrame("view", "document.querySelector('th[data-col=\"1\"]').click()");
    List<List<String>> ascending = new ArrayList<>(all.subList(0, 10));
    ascending.sort(Comparator.comparingLong((List<String> r) -> Long.parseLong(r.get(1))));
    assertThat(grid(page)).isEqualTo(ascending);
    page.evaluateInFrame("view", "document.querySelector('th[data-col=\"1\"]').click()");
    assertThat(grid(page).get(0)).isEqualTo(ascending.get(9));

    // filtering: only the rows with the text in a cell
    page.evaluateInFrame(
        "view",
        "const f = document.getElementById('filter'); f.value = '7';"
            + " f.dispatchEvent(new Event('input'))");
    long sevens =
        all.subList(0, 10).stream().filter(r -> String.join(" ", r).contains("7")).count();
    assertThat(grid(page))
        .hasSize((int) sevens)
        .allSatisfy(r -> assertThat(r.toString()).contains("7"));
    page.evaluateInFrame(
        "view",
        "const g = document.getElementById('filter'); g.value = '';"
            + " g.dispatchEvent(new Event('input'))");

    // next page: a tools/call of get_statement through the host, then rows 10-19
    page.evaluateInFrame("view", "document.getElementById('next').click()");
    page.waitFor(
        "view",
        "document.getElementById('status').textContent.startsWith('Rows 11')",
        Duration.ofSeconds(30));
    List<List<String>> second = grid(page);
    second.sort(Comparator.comparingLong((List<String> r) -> Long.parseLong(r.get(1))).reversed());
    List<List<String>> wanted = new ArrayList<>(all.subList(10, 20));
    wanted.sort(Comparator.comparingLong((List<String> r) -> Long.parseLong(r.get(1))).reversed());
    assertThat(second).isEqualTo(wanted);
    JsonNode log = Jsons.MAPPER.readTree(page.evaluate("JSON.stringify(window.hostLog)"));
    List<JsonNode> calls = new ArrayList<>();
    log.forEach(
        m -> {
          if ("tools/call".equals(m.path("method").asText())) {
            calls.add(m);
          }
        });
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0).path("name").asText()).isEqualTo("get_statement");
    assertThat(calls.get(0).at("/arguments/offset").asInt()).isEqualTo(10);
    assertThat(calls.get(0).at("/arguments/statement_id").asText()).isNotBlank();
    page.screenshot(Path.of("target", "ui", "result-view.png"));

    // the chart toggle: one bar per row shown
    page.evaluateInFrame("view", "document.getElementById('toggle').click()");
    assertThat(page.evaluateInFrame("view", "document.querySelectorAll('#chart svg rect').length"))
        .isEqualTo("10");
    page.screenshot(Path.of("target", "ui", "result-view-chart.png"));
    assertThat(page.errors()).isEmpty();
  }
}
