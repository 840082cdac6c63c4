package dev.databricksmcp.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.server.connection.ConnectionSettings;
import dev.databricksmcp.server.connection.SharedWorkspaceProvider;
import dev.databricksmcp.server.mcp.McpServerFactory;
import dev.databricksmcp.server.testing.RawHttpMcp;
import dev.databricksmcp.server.testing.TestTools;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stateless servlet answers as the MCP SDK's stateless transport did: a call in one JSON body
 * of announced length, a notification 202 with no body, anything else a JSON-RPC error.
 */
class StatelessMcpServletTest {
  private static HttpTransport server;
  private static RawHttpMcp client;

  @BeforeAll
  static void start() {
    SharedWorkspaceProvider none =
        new SharedWorkspaceProvider(new ConnectionSettings(null, "http://127.0.0.1:1", "t"));
    server =
        HttpTransport.start(
            new HttpSettings("127.0.0.1", 0, true, List.of(), List.of(), 64 * 1024),
            new McpServerFactory(TestTools.all(), none, false, TestTools.invoker(false)));
    client = new RawHttpMcp(server.port());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aCallIsAnsweredInOneJsonBodyOfAnnouncedLength() throws Exception {
    HttpResponse<String> r =
        client.post(null, Map.of(), RawHttpMcp.callTool(7, "echo", "{\"name\":\"x\"}"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json;charset=utf-8");
    assertThat(r.headers().firstValueAsLong("Content-Length"))
        .hasValue((long) r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    assertThat(r.headers().firstValue("Transfer-Encoding")).isEmpty();
    assertThat(r.body()).startsWith("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":");
    assertThat(r.body()).contains("\"isError\":false");
    assertThat(r.headers().firstValue("Connection")).as("the connection stays open").isEmpty();
  }

  @Test
  void aCallAnsweredAtItsDeadlineClosesTheConnectionItsHandlerStillHolds() throws Exception {
    // the stuck tool ignores the interrupt for seconds after the watcher answered TIMEOUT; a client
    // sending its next request on that connection would wait for the handler
    HttpResponse<String> r = client.post(null, Map.of(), RawHttpMcp.callTool(8, "stuck", "{}"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("TIMEOUT");
    assertThat(r.headers().firstValue("Connection")).hasValue("close");
  }

  @Test
  void aNotificationIsAcceptedWithoutABody() throws Exception {
    HttpResponse<String> r = client.post(null, Map.of(), RawHttpMcp.INITIALIZED);

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(r.body()).isEmpty();
  }

  @Test
  void aResponseSentToTheServerIsRefused() throws Exception {
    HttpResponse<String> r =
        client.post(null, Map.of(), "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,"
                + "\"message\":\"The server accepts either requests or notifications\"}}");
  }

  @Test
  void initializeIsAnsweredWithoutASession() throws Exception {
    HttpResponse<String> r = client.post(null, Map.of(), RawHttpMcp.INITIALIZE);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Mcp-Session-Id")).isEmpty();
    assertThat(r.body()).contains("\"protocolVersion\"");
  }
}
