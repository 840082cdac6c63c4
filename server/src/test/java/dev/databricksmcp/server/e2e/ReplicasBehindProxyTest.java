package dev.databricksmcp.server.e2e;

import static dev.databricksmcp.server.testing.SandboxOverMcp.body;
import static dev.databricksmcp.server.testing.SandboxOverMcp.data;
import static dev.databricksmcp.server.testing.SandboxOverMcp.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.server.connection.ConnectionSettings;
import dev.databricksmcp.server.connection.SharedWorkspaceProvider;
import dev.databricksmcp.server.core.Inventory;
import dev.databricksmcp.server.core.ServerSettings;
import dev.databricksmcp.server.core.ToolSelection;
import dev.databricksmcp.server.core.Toolsets;
import dev.databricksmcp.server.mcp.McpServerFactory;
import dev.databricksmcp.server.security.AuditLog;
import dev.databricksmcp.server.security.CallPolicies;
import dev.databricksmcp.server.security.ConfirmationKey;
import dev.databricksmcp.server.security.SecuritySettings;
import dev.databricksmcp.server.transport.HttpSettings;
import dev.databricksmcp.server.transport.HttpTransport;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 22's replicas: two --stateless servers sharing DATABRICKS_MCP_CONFIRMATION_KEY and one
 * workspace, behind a round-robin proxy on loopback, serve one MCP client as if they were one
 * server. Every request goes to the other replica than the one before, so a destructive call asked
 * on one is confirmed on the other, and a slow statement started on one is resumed on the other.
 */
@Timeout(120)
class ReplicasBehindProxyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SHARED_KEY = "replicas-share-this-key-0123456789abcdef";

  @Test
  void aWholeSessionRunsAcrossTwoReplicasTakingTurns() throws Exception {
    byte[] key =
        ConfirmationKey.fromEnvironment(Map.of("DATABRICKS_MCP_CONFIRMATION_KEY", SHARED_KEY));
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.inMemory());
        HttpTransport first = replica(sandbox, key);
        HttpTransport second = replica(sandbox, key);
        RoundRobinProxy proxy = new RoundRobinProxy(first.port(), second.port())) {
      McpSyncClient client =
          McpClient.sync(
                  HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + proxy.port())
                      .endpoint("/mcp")
                      .build())
              .requestTimeout(Duration.ofSeconds(60))
              .build();
      try {
        client.initialize();
        assertThat(client.listTools().tools()).isNotEmpty();
        call(client, "create_schema", Map.of("catalog_name", "main", "name", "replicas"));

        // asked on one replica, confirmed with its token on the other
        Map<String, Object> delete = Map.of("full_name", "main.replicas", "force", true);
        CallToolResult asked = client.callTool(new CallToolRequest("delete_schema", delete));
        assertThat(errorCode(asked)).as(body(asked).toString()).isEqualTo("CONFIRMATION_REQUIRED");
        Map<String, Object> confirmed = new HashMap<>(delete);
        confirmed.put("confirmation_token", details(asked).get("confirmation_token"));
        call(client, "delete_schema", confirmed);
        assertThat(
                errorCode(
                    client.callTool(
                        new CallToolRequest("get_schema", Map.of("full_name", "main.replicas")))))
            .isEqualTo("NOT_FOUND");

        // a statement outlasting its wait, resumed through the other replica
        Map<String, Object> started =
            data(
                call(
                    client,
                    "execute_sql",
                    Map.of("statement", "SELECT sandbox_sleep(3) AS s", "timeout_seconds", 1)));
        assertThat(started.get("state")).isIn("PENDING", "RUNNING");
        Map<String, Object> resumed =
            data(
                call(client, "get_statement", Map.of("statement_id", started.get("statement_id"))));
        assertThat(resumed.get("state")).isEqualTo("SUCCEEDED");
      } finally {
        client.closeGracefully();
      }

      List<Forwarded> calls = proxy.log().stream().filter(f -> f.tool() != null).toList();
      Forwarded ask = only(calls, "delete_schema", false);
      Forwarded confirm = only(calls, "delete_schema", true);
      Forwarded start = only(calls, "execute_sql", false);
      Forwarded resume = only(calls, "get_statement", false);
      assertThat(confirm.replica()).isNotEqualTo(ask.replica());
      assertThat(resume.replica()).isNotEqualTo(start.replica());
      // strict turns, and both replicas served about half of everything
      List<Forwarded> all = proxy.log();
      for (int i = 1; i < all.size(); i++) {
        assertThat(all.get(i).replica()).as("request %d", i).isNotEqualTo(all.get(i - 1).replica());
      }
      long onFirst = all.stream().filter(f -> f.replica() == 0).count();
      assertThat(onFirst).isGreaterThanOrEqualTo(4);
      assertThat(Math.abs(onFirst - (all.size() - onFirst))).isLessThanOrEqualTo(1);
    }
  }

  @Test
  void withoutTheSharedKeyAReplicaRefusesAnotherOnesToken() throws Exception {
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.inMemory());
        HttpTransport first = replica(sandbox, null);
        HttpTransport second = replica(sandbox, null);
        RoundRobinProxy proxy = new RoundRobinProxy(first.port(), second.port())) {
      McpSyncClient client =
          McpClient.sync(
                  HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + proxy.port())
                      .endpoint("/mcp")
                      .build())
              .requestTimeout(Duration.ofSeconds(60))
              .build();
      try {
        client.initialize();
        call(client, "create_schema", Map.of("catalog_name", "main", "name", "keyless"));
        Map<String, Object> delete = Map.of("full_name", "main.keyless", "force", true);
        CallToolResult asked = client.callTool(new CallToolRequest("delete_schema", delete));
        Map<String, Object> confirmed = new HashMap<>(delete);
        confirmed.put("confirmation_token", details(asked).get("confirmation_token"));
        CallToolResult refused = client.callTool(new CallToolRequest("delete_schema", confirmed));

        assertThat(refused.isError()).isTrue();
        assertThat(errorCode(refused)).isEqualTo("CONFIRMATION_REQUIRED");
        assertThat(
                client
                    .callTool(
                        new CallToolRequest("get_schema", Map.of("full_name", "main.keyless")))
                    .isError())
            .isFalse();
      } finally {
        client.closeGracefully();
      }
    }
  }

  /** One replica as `--transport http --stateless` builds it, with the real call policies. */
  private static HttpTransport replica(Sandbox sandbox, byte[] confirmationKey) {
    ToolSelection selection = ToolSelection.defaults();
    Inventory inventory = Toolsets.discovered().inventory(ServerSettings.of(selection, true));
    SecuritySettings defaults = SecuritySettings.defaults();
    SecuritySettings security =
        new SecuritySettings(
            defaults.confirmDestructive(),
            defaults.confirmationTtl(),
            defaults.rateLimitPerMinute(),
            defaults.rateLimitBurst(),
            defaults.maxConcurrentCalls(),
            defaults.defaultTimeout(),
            defaults.toolTimeouts(),
            null,
            confirmationKey);
    McpServerFactory factory =
        new McpServerFactory(
            inventory.select(selection),
            new SharedWorkspaceProvider(
                new ConnectionSettings(null, sandbox.host(), sandbox.adminToken())),
            false,
            CallPolicies.invoker(false, security, AuditLog.discard()));
    return HttpTransport.start(
        new HttpSettings(
            "127.0.0.1", 0, true, List.of(), List.of(), HttpSettings.DEFAULT_MAX_REQUEST_BYTES),
        factory);
  }

  private static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> args) {
    CallToolResult r = client.callTool(new CallToolRequest(tool, args));
    assertThat(r.isError()).as(tool + ": " + body(r)).isFalse();
    return r;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> details(CallToolResult r) {
    return (Map<String, Object>) body(r).get("details");
  }

  private static Forwarded only(List<Forwarded> calls, String tool, boolean withToken) {
    List<Forwarded> matching =
        calls.stream()
            .filter(f -> f.tool().equals(tool) && f.confirmationToken() == withToken)
            .toList();
    assertThat(matching).as(tool + " with token " + withToken).hasSize(1);
    return matching.get(0);
  }

  /** One request the proxy passed on: to which replica, and which tool it called, if any. */
  record Forwarded(int replica, String method, String tool, boolean confirmationToken) {}

  /**
   * A load balancer at its simplest: each request to the next backend in turn, bodies buffered,
   * headers passed on except those the JDK client sets itself. Logs what went where.
   */
  static final class RoundRobinProxy implements AutoCloseable {
    private static final Set<String> NOT_FORWARDED =
        Set.of("host", "content-length", "connection", "transfer-encoding", "upgrade", "expect");

    private final List<Integer> backends;
    private final AtomicInteger next = new AtomicInteger();
    private final List<Forwarded> log = new CopyOnWriteArrayList<>();
    private final HttpClient http =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final HttpServer server;

    RoundRobinProxy(int... backendPorts) throws IOException {
      backends = new ArrayList<>();
      for (int port : backendPorts) {
        backends.add(port);
      }
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/", this::forward);
      server.start();
    }

    int port() {
      return server.getAddress().getPort();
    }

    List<Forwarded> log() {
      return List.copyOf(log);
    }

    private synchronized void forward(HttpExchange exchange) throws IOException {
      int replica = next.getAndIncrement() % backends.size();
      try (exchange) {
        byte[] requestBody = exchange.getRequestBody().readAllBytes();
        log.add(describe(replica, exchange.getRequestMethod(), requestBody));
        HttpRequest.Builder request =
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + backends.get(replica)
                            + exchange.getRequestURI().getRawPath()))
                .timeout(Duration.ofSeconds(60))
                .method(
                    exchange.getRequestMethod(),
                    HttpRequest.BodyPublishers.ofByteArray(requestBody));
        exchange
            .getRequestHeaders()
            .forEach(
                (name, values) -> {
                  if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(v -> request.header(name, v));
                  }
                });
        HttpResponse<byte[]> response =
            http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        response
            .headers()
            .map()
            .forEach(
                (name, values) -> {
                  if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))
                      && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                  }
                });
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.sendResponseHeaders(502, -1);
      }
    }

    private static Forwarded describe(int replica, String httpMethod, byte[] body) {
      try {
        JsonNode message = body.length == 0 ? null : JSON.readTree(body);
        if (message == null || !message.has("method")) {
          return new Forwarded(replica, httpMethod, null, false);
        }
        JsonNode params = message.path("params");
        String tool = params.path("name").isTextual() ? params.path("name").asText() : null;
        return new Forwarded(
            replica,
            message.get("method").asText(),
            tool,
            params.path("arguments").has("confirmation_token"));
      } catch (IOException e) {
        return new Forwarded(replica, httpMethod, null, false);
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
