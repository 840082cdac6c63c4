package dev.databricksmcp.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.server.connection.ConnectionSettings;
import dev.databricksmcp.server.connection.SharedWorkspaceProvider;
import dev.databricksmcp.server.mcp.McpServerFactory;
import dev.databricksmcp.server.testing.RawHttp;
import dev.databricksmcp.server.testing.TestTools;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Origin and Host validation keep web pages (DNS rebinding) away from a local server. */
@Timeout(60)
class HttpSecurityTest {
  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}";
  private static HttpTransport server;
  private static HttpClient http;

  @BeforeAll
  static void start() {
    http = HttpClient.newHttpClient();
    McpServerFactory factory =
        new McpServerFactory(
            TestTools.all(),
            new SharedWorkspaceProvider(new ConnectionSettings(null, "http://127.0.0.1:1", "t")),
            false);
    server =
        HttpTransport.start(
            new HttpSettings(
                "127.0.0.1",
                0,
                false,
                List.of("https://app.example.com"),
                List.of("mcp.example.com:*"),
                1 << 20),
            factory);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Stream<Arguments> headers() {
    return Stream.of(
        Arguments.of("no Origin", null, null, 200),
        Arguments.of("loopback Origin", "http://localhost:3000", null, 200),
        Arguments.of("configured Origin", "https://app.example.com", null, 200),
        Arguments.of("foreign Origin", "https://evil.example", null, 403),
        Arguments.of("lookalike Origin", "http://localhost.evil.example", null, 403),
        Arguments.of("configured Host", null, "mcp.example.com:443", 200),
        Arguments.of("foreign Host (DNS rebinding)", null, "evil.example:8000", 421));
  }

  @ParameterizedTest(name = "{0} -> {3}")
  @MethodSource("headers")
  void originAndHostAreValidated(String label, String origin, String host, int status)
      throws Exception {
    // over a plain socket: the JDK client forges Host only if told to before its first use in the
    // JVM
    List<String> headers = new ArrayList<>();
    headers.add("Content-Type: application/json");
    headers.add("Accept: application/json, text/event-stream");
    if (origin != null) {
      headers.add("Origin: " + origin);
    }
    String head = RawHttp.postHead("/mcp", INITIALIZE.length(), headers.toArray(String[]::new));
    if (host != null) {
      head = head.replace("Host: 127.0.0.1", "Host: " + host);
    }
    byte[] body = INITIALIZE.getBytes(StandardCharsets.UTF_8);
    RawHttp.Response response = RawHttp.exchange(server.port(), head, body, false);
    assertThat(response.status()).as(label).isEqualTo(status);
  }

  @Test
  void healthzAnswers() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/healthz"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("ok");
  }

  @Test
  void oversizedBodiesAreRefused() throws Exception {
    String huge =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\""
            + "x".repeat(2 << 20)
            + "\"}}";
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/mcp"))
                  .header("Content-Type", "application/json")
                  .header("Accept", "application/json, text/event-stream")
                  .POST(HttpRequest.BodyPublishers.ofString(huge))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isGreaterThanOrEqualTo(400);
    } catch (java.io.IOException closedWhileSending) {
      // the server may answer and close before the client has finished sending 2 MiB; the client
      // then sees the connection end instead of the status — refused either way
    }
    // and the server still serves everyone else
    healthzAnswers();
  }
}
