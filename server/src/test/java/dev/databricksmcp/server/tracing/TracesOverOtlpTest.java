package dev.databricksmcp.server.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.databricksmcp.server.cli.Main;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real CLI in its own JVM, configured the standard way (OTEL_EXPORTER_OTLP_ENDPOINT in its
 * environment), serving HTTP against an in-process sandbox; a scripted tool call that makes
 * Databricks requests; a collector's OTLP/HTTP endpoint started here receives the trace. The batch
 * delay is longer than the test, so the spans arrive only because stopping the server sends them.
 */
class TracesOverOtlpTest {
  private static final String PRINCIPAL = "canary-principal-3e1b";
  private static final String TOKEN = "canary-token-8f2c4d6e0a1b3c5d";
  private static final String SQL_CANARY = "canary-sql-5d1f9a";
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)/mcp");

  /** The server's stderr, shown when an assertion on its spans fails. */
  private static final List<String> SERVER_LOG =
      java.util.Collections.synchronizedList(new ArrayList<>());

  @TempDir Path dir;

  /** Stateful (one session) and stateless (replicas: the call runs on the request's thread). */
  @ParameterizedTest(name = "stateless={0}")
  @ValueSource(booleans = {false, true})
  void aToolCallsTraceReachesTheCollectorAsRequestToolAndDatabricksSpans(boolean stateless)
      throws Exception {
    SERVER_LOG.clear();
    Path audit = dir.resolve("audit.jsonl");
    try (OtlpReceiver collector = new OtlpReceiver()) {
      Process server =
          startServer(
              audit,
              stateless,
              Map.of(
                  "OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint(),
                  "OTEL_SERVICE_NAME", "mcp-under-test",
                  "OTEL_BSP_SCHEDULE_DELAY", "600000"));
      CallToolResult result;
      try {
        String base = baseUrl(server);
        McpSyncClient client =
            McpClient.sync(
                    HttpClientStreamableHttpTransport.builder(base)
                        .endpoint("/mcp")
                        .httpRequestCustomizer(
                            (request, method, uri, body, context) ->
                                request.header("Authorization", "Bearer " + TOKEN))
                        .build())
                .requestTimeout(Duration.ofSeconds(90))
                .build();
        client.initialize();
        result =
            client.callTool(
                new CallToolRequest(
                    "execute_sql", Map.of("statement", "SELECT '" + SQL_CANARY + "' AS c")));
        client.closeGracefully();
      } finally {
        server.destroy(); // SIGTERM: the shutdown hook closes the server, then the tracer
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("server stopped").isTrue();
      }
      assertThat(result.isError()).as(String.valueOf(result.structuredContent())).isFalse();

      List<Span> spans = collector.spans();
      Span request = only(spans, "tools/call execute_sql");
      assertThat(request.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
      assertThat(attr(request, "mcp.method.name")).contains("tools/call");
      assertThat(attr(request, "gen_ai.tool.name")).contains("execute_sql");
      assertThat(attr(request, "network.transport")).contains("tcp");
      assertThat(attr(request, "jsonrpc.request.id")).isPresent();

      Span tool = only(spans, "execute_tool execute_sql");
      assertThat(tool.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_INTERNAL);
      assertThat(tool.getParentSpanId()).isEqualTo(request.getSpanId());
      assertThat(tool.getTraceId()).isEqualTo(request.getTraceId());
      assertThat(attr(tool, "gen_ai.tool.name")).contains("execute_sql");
      assertThat(attr(tool, "databricks_mcp.toolset")).contains("sql");
      assertThat(attr(tool, "databricks_mcp.outcome")).contains("success");
      assertThat(tool.getStatus().getCode()).isNotEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
      assertThat(attr(tool, "databricks_mcp.correlation_id"))
          .contains(auditCorrelationId(audit, "execute_sql"));

      List<Span> databricks =
          spans.stream().filter(s -> s.getParentSpanId().equals(tool.getSpanId())).toList();
      assertThat(databricks).isNotEmpty();
      assertThat(databricks)
          .allSatisfy(s -> assertThat(s.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT));
      assertThat(databricks).extracting(Span::getName).contains("POST /api/2.0/sql/statements");
      Span post =
          databricks.stream()
              .filter(s -> s.getName().equals("POST /api/2.0/sql/statements"))
              .findFirst()
              .orElseThrow();
      assertThat(attr(post, "http.request.method")).contains("POST");
      assertThat(attr(post, "url.template")).contains("/api/2.0/sql/statements");
      assertThat(attr(post, "http.response.status_code")).contains("200");
      assertThat(attr(post, "server.address")).contains("127.0.0.1");
      // the sandbox sends no x-request-id; DatabricksSpansTest covers the attribute

      assertThat(collector.resources())
          .allSatisfy(
              r ->
                  assertThat(
                          r.getResource().getAttributesList().stream()
                              .filter(kv -> kv.getKey().equals("service.name"))
                              .map(kv -> kv.getValue().getStringValue()))
                      .containsExactly("mcp-under-test"));

      // nothing sensitive anywhere in what was exported: names, attributes, resource, events
      String everything = collector.requests().toString();
      assertThat(everything)
          .doesNotContain(SQL_CANARY)
          .doesNotContain(TOKEN)
          .doesNotContain(PRINCIPAL);
      // and the canaries did reach the server (the audit log names the caller)
      assertThat(Files.readString(audit)).contains(PRINCIPAL);
    }
  }

  private Process startServer(Path audit, boolean stateless, Map<String, String> otel)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "--sandbox",
                "--sandbox-dir",
                dir.resolve("sandbox").toString(),
                "--toolsets",
                "sql",
                "--transport",
                "http",
                "--port",
                "0",
                "--auth",
                "token",
                "--audit-log",
                audit.toString()));
    if (stateless) {
      command.add("--stateless");
    }
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("OTEL_"));
    builder.environment().putAll(otel);
    builder.environment().put("DATABRICKS_MCP_AUTH_TOKENS", PRINCIPAL + "=" + TOKEN);
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    return builder.start();
  }

  /** Reads the server's stderr until it says where it listens; the rest is drained. */
  private static String baseUrl(Process server) throws Exception {
    CompletableFuture<String> url = new CompletableFuture<>();
    List<String> lines = SERVER_LOG;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(line);
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    url.complete(m.group(1));
                  }
                }
              } catch (Exception e) {
                url.completeExceptionally(e);
              }
              url.completeExceptionally(new IllegalStateException("server ended: " + lines));
            },
            "server-stderr");
    reader.setDaemon(true);
    reader.start();
    return url.get(120, TimeUnit.SECONDS);
  }

  @SuppressWarnings("unchecked")
  private static String auditCorrelationId(Path audit, String tool) throws Exception {
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(audit)) {
      Map<String, Object> entry = json.readValue(line, Map.class);
      if (tool.equals(entry.get("tool"))) {
        return String.valueOf(entry.get("correlation_id"));
      }
    }
    throw new AssertionError("no audit line for " + tool);
  }

  private static Span only(List<Span> spans, String name) {
    List<Span> named = spans.stream().filter(s -> s.getName().equals(name)).toList();
    assertThat(named)
        .as(
            "spans named %s among %s; server log: %s",
            name, spans.stream().map(Span::getName).toList(), SERVER_LOG)
        .hasSize(1);
    return named.get(0);
  }

  private static Optional<String> attr(Span span, String key) {
    return span.getAttributesList().stream()
        .filter(kv -> kv.getKey().equals(key))
        .map(KeyValue::getValue)
        .map(TracesOverOtlpTest::text)
        .findFirst();
  }

  private static String text(AnyValue v) {
    return switch (v.getValueCase()) {
      case INT_VALUE -> Long.toString(v.getIntValue());
      case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
      default -> v.getStringValue();
    };
  }
}
