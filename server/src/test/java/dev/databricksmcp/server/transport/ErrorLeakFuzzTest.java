package dev.databricksmcp.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.server.connection.ConnectionSettings;
import dev.databricksmcp.server.connection.SharedWorkspaceProvider;
import dev.databricksmcp.server.mcp.McpServerFactory;
import dev.databricksmcp.server.testing.MalformedInputs;
import dev.databricksmcp.server.testing.RawHttp;
import dev.databricksmcp.server.testing.RawHttpMcp;
import dev.databricksmcp.server.testing.TestTools;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Malformed input, sent as an attacker would, never gets a Java class name, an exception type or a
 * stack trace back: over stateful and stateless HTTP (bodies, headers, methods, paths, framing) and
 * over stdio. The cases are derived deterministically, so a failure names one to replay.
 */
@Timeout(300)
class ErrorLeakFuzzTest {
  private static final int MAX_BODY = 64 * 1024;
  private static final String[] HEADER_VARIANTS = {
    "Content-Type: application/json|Accept: application/json, text/event-stream",
    "Content-Type: application/json",
    "Content-Type: application/json|Accept: text/html",
    "Content-Type: text/plain|Accept: application/json, text/event-stream",
    "Content-Type: application/json; charset=klingon|Accept: application/json, text/event-stream",
    "Accept: application/json, text/event-stream",
    "Content-Type: application/json|Accept: application/json,"
        + " text/event-stream|MCP-Protocol-Version: java.lang.Object",
    "Content-Type: application/json|Accept: application/json, text/event-stream|Mcp-Session-Id:"
        + " \u00ff\u00fe",
    "Content-Type: application/json|Accept: application/json, text/event-stream|Origin: null",
  };

  private HttpTransport server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Request line suffix and headers every request below starts with. */
  private static final String CLOSE = " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";

  private static final String JSON =
      "Content-Type: application/json\r\nAccept: application/json, text/event-stream";

  private static McpServerFactory factory() {
    SharedWorkspaceProvider none =
        new SharedWorkspaceProvider(new ConnectionSettings(null, "http://127.0.0.1:1", "t"));
    return new McpServerFactory(TestTools.all(), none, false, TestTools.invoker(false));
  }

  private void start(boolean stateless) {
    HttpSettings settings =
        new HttpSettings("127.0.0.1", 0, stateless, List.of(), List.of(), MAX_BODY);
    server = HttpTransport.start(settings, factory());
  }

  @ParameterizedTest(name = "stateless={0}")
  @ValueSource(booleans = {false, true})
  void noHttpAnswerNamesJavaInternals(boolean stateless) throws Exception {
    start(stateless);
    int port = server.port();
    String session = stateless ? null : new RawHttpMcp(port).openSession(Map.of());
    List<String> leaks = new ArrayList<>();
    int sent = 0;

    List<String> bodies = MalformedInputs.bodies();
    for (int i = 0; i < bodies.size(); i++) {
      byte[] body = bodies.get(i).getBytes(StandardCharsets.UTF_8);
      String variant = HEADER_VARIANTS[i % HEADER_VARIANTS.length];
      List<String> heads = new ArrayList<>();
      heads.add(RawHttp.postHead("/mcp", body.length, HEADER_VARIANTS[0].split("\\|")));
      heads.add(RawHttp.postHead("/mcp", body.length, variant.split("\\|")));
      if (session != null) {
        String withSession = HEADER_VARIANTS[0] + "|Mcp-Session-Id: " + session;
        heads.add(RawHttp.postHead("/mcp", body.length, withSession.split("\\|")));
      }
      for (String head : heads) {
        check(
            leaks,
            "body #" + i + " " + head.replace("\r\n", " | "),
            RawHttp.exchange(port, head, body, false));
        sent++;
      }
    }
    for (String[] request : malformedRequests(session)) {
      byte[] body = request[1].getBytes(StandardCharsets.ISO_8859_1);
      check(
          leaks,
          request[0].replace("\r\n", " | "),
          RawHttp.exchange(port, request[0], body, request.length > 2));
      sent++;
    }

    assertThat(sent).isGreaterThan(500);
    assertThat(leaks).as("responses naming Java internals").isEmpty();
    // and the server still serves
    assertThat(RawHttp.healthz(port).status()).isEqualTo(200);
  }

  @ParameterizedTest(name = "stateless={0}")
  @ValueSource(booleans = {false, true})
  void aBodyOfOneBraceGetsAShortJsonError(boolean stateless) throws Exception {
    start(stateless);
    String head = RawHttp.postHead("/mcp", 1, HEADER_VARIANTS[0].split("\\|"));

    RawHttp.Response response = RawHttp.exchange(server.port(), head, new byte[] {'{'}, false);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.text()).containsIgnoringCase("Content-Type: application/json");
    // the SDK's own plain message may stay ("Invalid message format"); nothing else may come with
    // it
    assertThat(response.body())
        .matches(
            "\\{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":\\{\"code\":-32600,\"message\":\"[^\"]{1,80}\"}}");
  }

  /**
   * Requests broken at the HTTP level: methods, paths, framing, sizes. [head, body, (half-close)]
   */
  private static List<String[]> malformedRequests(String liveSession) {
    String sessionHeader = liveSession == null ? "" : "\r\nMcp-Session-Id: " + liveSession;
    List<String[]> out = new ArrayList<>();
    List<String> methods =
        List.of(
            "GET",
            "PUT",
            "PATCH",
            "DELETE",
            "OPTIONS",
            "HEAD",
            "TRACE",
            "CONNECT",
            "FOO",
            "G\u00c9T",
            "get");
    List<String> paths =
        List.of(
            "/mcp",
            "/",
            "/mcp/x",
            "/healthz",
            "/%2e%2e/etc/passwd",
            "/mcp;jsessionid=1",
            "/mcp?x=%zz");
    for (String method : methods) {
      for (String path : paths) {
        // a GET naming a live session is its event stream, open until the session ends: no session
        // there
        String session = method.equals("GET") ? "" : sessionHeader;
        out.add(new String[] {method + " " + path + CLOSE + JSON + session, ""});
      }
    }
    String ok = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
    out.add(new String[] {"GARBAGE", ""});
    out.add(new String[] {"POST /mcp HTTP/9.9\r\nHost: x", ok});
    out.add(new String[] {"POST /mcp\r\nHost: x", ok});
    out.add(new String[] {"POST /" + "a".repeat(20_000) + CLOSE.stripTrailing(), ""});
    out.add(
        new String[] {RawHttp.postHead("/mcp", ok.length(), "X-Big: " + "b".repeat(40_000)), ok});
    out.add(new String[] {RawHttp.postHead("/mcp", ok.length(), "Bad Header Name: x"), ok});
    out.add(
        new String[] {
          RawHttp.postHead("/mcp", ok.length(), "Content-Type: application/json", "Host: second"),
          ok
        });
    out.add(new String[] {"POST /mcp" + CLOSE + "Content-Length: abc\r\n" + JSON, ok});
    out.add(new String[] {"POST /mcp" + CLOSE + "Content-Length: -1\r\n" + JSON, ok});
    out.add(
        new String[] {
          "POST /mcp" + CLOSE + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n" + JSON, ok
        });
    String badChunk = "zz\r\n" + ok + "\r\n0\r\n\r\n";
    out.add(new String[] {"POST /mcp" + CLOSE + "Transfer-Encoding: chunked\r\n" + JSON, badChunk});
    out.add(new String[] {"POST /mcp" + CLOSE + "Transfer-Encoding: gzip\r\n" + JSON, ok});
    // a body shorter than announced, then the client's end: an early EOF
    out.add(
        new String[] {
          RawHttp.postHead("/mcp", 500, JSON.split("\r\n")) + sessionHeader, ok, "half-close"
        });
    // larger than allowed, announced and not
    String huge =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"p\":\""
            + "x".repeat(2 * MAX_BODY)
            + "\"}}";
    String hugeChunked = Integer.toHexString(huge.length()) + "\r\n" + huge + "\r\n0\r\n\r\n";
    out.add(
        new String[] {
          RawHttp.postHead("/mcp", huge.length(), JSON.split("\r\n")) + sessionHeader, huge
        });
    out.add(
        new String[] {
          "POST /mcp" + CLOSE + "Transfer-Encoding: chunked\r\n" + JSON + sessionHeader, hugeChunked
        });
    return out;
  }

  private static void check(List<String> leaks, String label, RawHttp.Response response) {
    Matcher m = MalformedInputs.JAVA_INTERNALS.matcher(response.text());
    if (m.find()) {
      int from = Math.max(0, m.start() - 60);
      String around =
          response.text().substring(from, Math.min(response.text().length(), m.end() + 60));
      String request = label.substring(0, Math.min(160, label.length()));
      leaks.add(request + " -> " + response.status() + ": ..." + around + "...");
    }
  }

  @Test
  void noStdioAnswerNamesJavaInternals() throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add(RawHttpMcp.INITIALIZE);
    lines.add(RawHttpMcp.INITIALIZED);
    for (String body : MalformedInputs.bodies()) {
      if (!body.isBlank()) {
        lines.add(body);
      }
    }
    lines.add("{\"jsonrpc\":\"2.0\",\"id\":\"last\",\"method\":\"ping\"}");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] input = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    StdioTransport transport =
        new StdioTransport(McpServerFactory.JSON, new ByteArrayInputStream(input), out);
    factory().stdio(transport);

    transport.run(Duration.ofSeconds(60));

    String written = out.toString(StandardCharsets.UTF_8);
    List<String> leaks = new ArrayList<>();
    for (String line : written.split("\n")) {
      Matcher m = MalformedInputs.JAVA_INTERNALS.matcher(line);
      if (m.find()) {
        leaks.add(line.substring(0, Math.min(300, line.length())));
      }
    }
    assertThat(lines).hasSizeGreaterThan(200);
    assertThat(leaks).as("stdio answers naming Java internals").isEmpty();
    assertThat(written).as("the session survived every line").contains("\"id\":\"last\"");
  }
}
