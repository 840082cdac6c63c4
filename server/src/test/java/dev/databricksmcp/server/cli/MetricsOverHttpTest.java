package dev.databricksmcp.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.databricksmcp.server.testing.HeadlessChromium;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as {@code serve --transport http} starts it, against the in-process sandbox: a
 * scripted session by two signed-in principals, then /metrics scraped and parsed, the pages'
 * authentication and second listener, and the status page in headless Chromium.
 */
@Timeout(240)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsOverHttpTest {
  // canaries: none of these may appear anywhere in a scrape
  private static final String ALICE = "canary-principal-q9z";
  private static final String ALICE_TOKEN = "tok-canary-alice-5d2e8f0a9b7c6d5e";
  private static final String BOB = "canary-second-k2w";
  private static final String BOB_TOKEN = "tok-canary-bob-1a2b3c4d5e6f7a8b";
  private static final String SQL = "SELECT 'canary-sql-7f3a' AS x";
  private static final String SCHEMA = "canary_schema_m3t";

  private Serve.HttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  /** What the clients saw: calls by "tool error_code" (none for success). */
  private final Map<String, Integer> seen = new TreeMap<>();

  private final List<String> sensitive =
      new ArrayList<>(List.of(ALICE, BOB, ALICE_TOKEN, BOB_TOKEN, "canary-sql-7f3a", SCHEMA));
  private int rateLimited;

  @BeforeAll
  void scriptedSession(@TempDir Path dir) throws Exception {
    Path tokens = dir.resolve("tokens");
    Files.writeString(tokens, ALICE + "=" + ALICE_TOKEN + "\n" + BOB + "=" + BOB_TOKEN + "\n");
    ParsedArgs args =
        ParsedArgs.parse(
            new String[] {
              "serve",
              "--transport",
              "http",
              "--port",
              "0",
              "--sandbox",
              "--toolsets",
              "workspace,sql,catalog",
              "--auth",
              "token",
              "--auth-tokens-file",
              tokens.toString(),
              "--audit-log",
              dir.resolve("audit.jsonl").toString(),
              "--rate-limit",
              "60",
              "--metrics-port",
              "0"
            },
            Map.of());
    ServeOptions serve = ServeOptions.from(args);
    server = Serve.startHttp(CommonOptions.from(args), serve, serve.httpSettings());

    McpSyncClient alice = client(ALICE_TOKEN);
    McpSyncClient bob = client(BOB_TOKEN);
    try {
      call(alice, "get_workspace_info", Map.of());
      call(alice, "execute_sql", Map.of("statement", SQL));
      // stops waiting after 2 s, handing back the running statement
      CallToolResult running =
          call(
              alice,
              "execute_sql",
              Map.of("statement", "SELECT sandbox_sleep(4) AS s", "timeout_seconds", 2));
      sensitive.add(String.valueOf(data(running).get("statement_id")));
      call(alice, "execute_sql", Map.of("statement", SQL, "no_such_argument", 1));
      call(alice, "create_schema", Map.of("catalog_name", "main", "name", SCHEMA));
      call(alice, "create_schema", Map.of("catalog_name", "main", "name", SCHEMA + "2"));
      CallToolResult asked = call(alice, "delete_schema", Map.of("full_name", "main." + SCHEMA));
      Object token = ((Map<?, ?>) body(asked).get("details")).get("confirmation_token");
      sensitive.add(String.valueOf(token));
      call(
          alice,
          "delete_schema",
          Map.of("full_name", "main." + SCHEMA, "confirmation_token", token));
      call(
          alice,
          "delete_schema",
          Map.of(
              "full_name", "main." + SCHEMA + "2", "confirmation_token", "not-the-token-canary"));
      sensitive.add("not-the-token-canary");
      // bob has a bucket of his own: 60 a minute, bursts of 12
      for (int i = 0; i < 40 && rateLimited == 0; i++) {
        call(bob, "get_workspace_info", Map.of());
      }
    } finally {
      alice.closeGracefully();
      bob.closeGracefully();
    }
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private McpSyncClient client(String token) {
    McpSyncClient c =
        McpClient.sync(
                HttpClientStreamableHttpTransport.builder(
                        "http://127.0.0.1:" + server.transport().port())
                    .endpoint("/mcp")
                    .requestBuilder(
                        HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                    .build())
            .requestTimeout(Duration.ofSeconds(60))
            .build();
    c.initialize();
    return c;
  }

  private CallToolResult call(McpSyncClient client, String tool, Map<String, Object> args) {
    CallToolResult r = client.callTool(new CallToolRequest(tool, args));
    Object code = body(r).get("error_code");
    seen.merge(tool + " " + (code == null ? "none" : code), 1, Integer::sum);
    if ("RATE_LIMITED".equals(code)) {
      rateLimited++;
    }
    return r;
  }

  private static Map<?, ?> body(CallToolResult r) {
    return (Map<?, ?>) r.structuredContent();
  }

  private static Map<?, ?> data(CallToolResult r) {
    return (Map<?, ?>) body(r).get("data");
  }

  private HttpResponse<String> get(int port, String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String scrape() throws Exception {
    HttpResponse<String> r = get(server.transport().port(), "/metrics", ALICE_TOKEN);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
    return r.body();
  }

  @Test
  void everyCallIsCountedByToolAndOutcome() throws Exception {
    PrometheusText m = PrometheusText.parse(scrape());

    Map<String, Integer> counted = new TreeMap<>();
    for (PrometheusText.Sample s : m.named("databricks_mcp_tool_calls_total")) {
      counted.put(s.labels().get("tool") + " " + s.labels().get("error_code"), (int) s.value());
      assertThat(s.labels().get("outcome"))
          .isEqualTo("none".equals(s.labels().get("error_code")) ? "success" : "error");
    }
    assertThat(counted).isEqualTo(seen);
    assertThat(seen)
        .containsEntry("execute_sql VALIDATION_ERROR", 1)
        .containsEntry("delete_schema CONFIRMATION_REQUIRED", 2)
        .containsEntry("delete_schema none", 1);
    assertThat(rateLimited).isEqualTo(1);
    assertThat(m.value("databricks_mcp_rate_limited_total", Map.of("tool", "get_workspace_info")))
        .isEqualTo(1);
    assertThat(
            m.value(
                "databricks_mcp_confirmations_total",
                Map.of("tool", "delete_schema", "result", "asked")))
        .isEqualTo(1);
    assertThat(
            m.value(
                "databricks_mcp_confirmations_total",
                Map.of("tool", "delete_schema", "result", "given")))
        .isEqualTo(1);
    assertThat(
            m.value(
                "databricks_mcp_confirmations_total",
                Map.of("tool", "delete_schema", "result", "refused")))
        .isEqualTo(1);
    assertThat(m.value("databricks_mcp_waits_handed_back_total", Map.of("tool", "execute_sql")))
        .isEqualTo(1);
    assertThat(m.value("databricks_mcp_signed_in_principals", Map.of())).isEqualTo(2);
  }

  @Test
  void latencyHistogramsHaveTheirBuckets() throws Exception {
    PrometheusText m = PrometheusText.parse(scrape());
    Map<String, String> sql = Map.of("tool", "execute_sql");
    double count = m.value("databricks_mcp_tool_call_duration_seconds_count", sql);

    assertThat(count)
        .isEqualTo(
            seen.entrySet().stream()
                .filter(e -> e.getKey().startsWith("execute_sql "))
                .mapToInt(Map.Entry::getValue)
                .sum());
    List<PrometheusText.Sample> buckets =
        m.named("databricks_mcp_tool_call_duration_seconds_bucket").stream()
            .filter(s -> "execute_sql".equals(s.labels().get("tool")))
            .toList();
    assertThat(buckets.stream().map(s -> s.labels().get("le")))
        .contains("0.005", "1.0", "300.0", "+Inf");
    double previous = 0;
    for (PrometheusText.Sample b : buckets) {
      assertThat(b.value()).isGreaterThanOrEqualTo(previous);
      previous = b.value();
    }
    assertThat(previous).isEqualTo(count);
    // the handed-back call waited about 2 s: below the 1 s bucket, within the 5 s one
    assertThat(
            m.value(
                "databricks_mcp_tool_call_duration_seconds_bucket",
                Map.of("tool", "execute_sql", "le", "1.0")))
        .isLessThan(count);
    assertThat(m.value("databricks_mcp_tool_call_duration_seconds_sum", sql)).isGreaterThan(1.5);
  }

  @Test
  void databricksRequestsByEndpointTemplate() throws Exception {
    PrometheusText m = PrometheusText.parse(scrape());
    Map<String, String> submit = Map.of("method", "POST", "path", "/api/2.0/sql/statements");

    assertThat(
            m.value(
                "databricks_mcp_databricks_requests_total",
                Map.of("method", "POST", "path", "/api/2.0/sql/statements", "status", "200")))
        .isGreaterThanOrEqualTo(2);
    assertThat(
            m.value(
                "databricks_mcp_databricks_requests_total",
                Map.of("method", "GET", "path", "/api/2.0/sql/statements/{id}", "status", "200")))
        .isGreaterThanOrEqualTo(1);
    assertThat(m.value("databricks_mcp_databricks_request_duration_seconds_count", submit))
        .isGreaterThanOrEqualTo(2);
    assertThat(
            m.value(
                "databricks_mcp_databricks_request_duration_seconds_bucket",
                Map.of("method", "POST", "path", "/api/2.0/sql/statements", "le", "+Inf")))
        .isEqualTo(m.value("databricks_mcp_databricks_request_duration_seconds_count", submit));
    assertThat(m.named("databricks_mcp_databricks_requests_total"))
        .allSatisfy(s -> assertThat(s.labels().get("path")).matches("/[A-Za-z0-9_./{}-]*|other"));
    // the schema's name became a placeholder
    assertThat(
            m.value(
                "databricks_mcp_databricks_requests_total",
                Map.of(
                    "method",
                    "DELETE",
                    "path",
                    "/api/2.1/unity-catalog/schemas/{full_name}",
                    "status",
                    "200")))
        .isEqualTo(1);
  }

  @Test
  void jvmAndServerBasics() throws Exception {
    PrometheusText m = PrometheusText.parse(scrape());

    assertThat(m.named("jvm_memory_used_bytes")).isNotEmpty();
    assertThat(m.named("jvm_threads_current")).isNotEmpty();
    assertThat(m.named("process_start_time_seconds")).isNotEmpty();
    assertThat(m.named("databricks_mcp_build_info")).hasSize(1);
    assertThat(m.named("databricks_mcp_active_sessions")).hasSize(1);
  }

  @Test
  void nothingSensitiveAnywhereInTheScrape() throws Exception {
    String text = scrape();

    for (String secret : sensitive) {
      assertThat(text).as("a scrape holding " + secret).doesNotContain(secret);
    }
    for (PrometheusText.Sample s : PrometheusText.parse(text).samples()) {
      for (String value : s.labels().values()) {
        assertThat(value.length()).as(s.name() + " label " + value).isLessThan(80);
      }
    }
  }

  @Test
  void pagesNeedTheTokenOnTheMcpPort() throws Exception {
    int port = server.transport().port();

    assertThat(get(port, "/metrics", null).statusCode()).isEqualTo(401);
    assertThat(get(port, "/metrics", "not-a-token-but-long-enough").statusCode()).isEqualTo(401);
    assertThat(get(port, "/", null).statusCode()).isEqualTo(401);
    assertThat(get(port, "/", BOB_TOKEN).statusCode()).isEqualTo(200);
    assertThat(get(port, "/nothing-here", BOB_TOKEN).statusCode()).isEqualTo(404);
    assertThat(get(port, "/healthz", null).statusCode()).isEqualTo(200);
  }

  @Test
  void theMetricsPortServesWithoutTokenOnLoopbackHostsOnly() throws Exception {
    int port = server.pagesListener().port();

    HttpResponse<String> open = get(port, "/metrics", null);
    assertThat(open.statusCode()).isEqualTo(200);
    assertThat(PrometheusText.parse(open.body()).sum("databricks_mcp_tool_calls_total"))
        .isEqualTo(seen.values().stream().mapToInt(Integer::intValue).sum());
    assertThat(get(port, "/mcp", null).statusCode()).isEqualTo(404);

    HttpResponse<String> rebound =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .header("Origin", "http://evil.example")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(rebound.statusCode()).isEqualTo(403);
  }

  @Test
  void statusPageInChromiumShowsWhatMetricsShow() throws Exception {
    assumeTrue(HeadlessChromium.available(), HeadlessChromium.MISSING);
    int port = server.pagesListener().port();
    HttpResponse<String> raw = get(port, "/", null);
    assertThat(raw.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("default-src 'none'"));
    double total =
        PrometheusText.parse(get(port, "/metrics", null).body())
            .sum("databricks_mcp_tool_calls_total");
    double errors =
        PrometheusText.parse(get(port, "/metrics", null).body())
            .named("databricks_mcp_tool_calls_total")
            .stream()
            .filter(s -> "error".equals(s.labels().get("outcome")))
            .mapToDouble(PrometheusText.Sample::value)
            .sum();

    try (HeadlessChromium chromium = HeadlessChromium.launch()) {
      HeadlessChromium.Page page = chromium.open("http://127.0.0.1:" + port + "/");
      page.waitFor(
          null,
          "document.readyState === 'complete' && !!document.getElementById('calls-total')",
          Duration.ofSeconds(20));

      assertThat(page.evaluate("document.getElementById('calls-total').textContent"))
          .isEqualTo(Long.toString((long) total));
      assertThat(page.evaluate("document.getElementById('errors-total').textContent"))
          .isEqualTo(Long.toString((long) errors));
      assertThat(page.evaluate("document.getElementById('calls-15m').textContent"))
          .isEqualTo(Long.toString((long) total));
      assertThat(page.evaluate("document.getElementById('databricks-health').className"))
          .isEqualTo("ok");
      assertThat(page.evaluate("document.getElementById('tool-count').textContent"))
          .isNotEqualTo("0");
      assertThat(page.evaluate("document.getElementById('top-failing').textContent"))
          .contains("delete_schema");
      // the inline style applied: the policy allowed it
      assertThat(page.evaluate("getComputedStyle(document.body).marginTop")).isNotEqualTo("8px");
      String text = page.evaluate("document.body.innerText");
      for (String secret : sensitive) {
        assertThat(text).doesNotContain(secret);
      }
      assertThat(page.errors()).isEmpty();
    }
  }
}
