package dev.databricksmcp.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.databricksmcp.server.connection.ConnectionSettings;
import dev.databricksmcp.server.connection.ForwardedUserIdentities;
import dev.databricksmcp.server.connection.SharedWorkspaceProvider;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.mcp.McpServerFactory;
import dev.databricksmcp.server.testing.RawHttp;
import dev.databricksmcp.server.tools.workspace.WorkspaceToolset;
import dev.databricksmcp.server.transport.HttpAuth;
import dev.databricksmcp.server.transport.HttpSettings;
import dev.databricksmcp.server.transport.HttpTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** --auth token: no token and a wrong token get 401; the right one gets through. */
@Timeout(60)
class HttpAuthTest {
  private static final String TOKEN = "s3cret-token-for-tests-0123456789";
  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}";

  private final HttpClient http = HttpClient.newHttpClient();
  private HttpTransport server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Databricks' answer to SCIM Me, for apps mode: this test has no workspace behind it. */
  private static final ForwardedUserIdentities NOBODY =
      new ForwardedUserIdentities(
          token -> {
            throw new AssertionError("no forwarded token is sent in this test");
          });

  private HttpTransport start(HttpAuth auth) {
    ToolDef whoami =
        ToolDef.builder(WorkspaceToolset.ID, "who_am_i")
            .title("Who am I")
            .description("Echoes the principal.")
            .hints(ToolHints.read())
            .handler((args, ctx) -> ToolResult.of(ctx.principal(), ctx.principal()))
            .build();
    McpServerFactory factory =
        new McpServerFactory(
            List.of(whoami),
            new SharedWorkspaceProvider(
                new ConnectionSettings(null, "http://127.0.0.1:1", "x-token")),
            false);
    HttpSettings settings =
        new HttpSettings(
            "127.0.0.1",
            0,
            false,
            List.of(),
            List.of(),
            HttpSettings.DEFAULT_MAX_REQUEST_BYTES,
            auth);
    server = HttpTransport.start(settings, factory, NOBODY);
    return server;
  }

  private HttpResponse<String> post(String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/mcp"))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void missingAndWrongTokensAreRejectedWith401() throws Exception {
    start(new HttpAuth(HttpAuth.Mode.TOKEN, Map.of("ci", TOKEN), false));

    HttpResponse<String> missing = post(null);
    HttpResponse<String> wrong = post("Bearer not-the-token-but-long-enough");
    HttpResponse<String> basic = post("Basic " + TOKEN);

    for (HttpResponse<String> response : List.of(missing, wrong, basic)) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
      assertThat(response.body()).doesNotContain(TOKEN);
    }
  }

  @Test
  void aCallerWithoutValidCredentialsIsRefusedBeforeItsBodyIsRead() throws Exception {
    start(new HttpAuth(HttpAuth.Mode.TOKEN, Map.of("ci", TOKEN), false));
    // announces a megabyte and sends none of it: a server reading bodies first would still be
    // waiting
    String head =
        RawHttp.postHead(
            "/mcp",
            1 << 20,
            "Authorization: Bearer not-the-token-but-long-enough",
            "Content-Type: application/json");

    RawHttp.Response response = RawHttp.exchange(server.port(), head, new byte[0], false);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.text()).contains("WWW-Authenticate: Bearer");
  }

  @Test
  void aRefusalBeforeTheBodyIsReadTellsTheClientTheConnectionCloses() throws Exception {
    start(new HttpAuth(HttpAuth.Mode.TOKEN, Map.of("ci", TOKEN), false));
    // a keep-alive client whose body is still on its way when the 401 is written: the server
    // will not read that body, so it closes the connection, and must say so (a client that
    // pools the connection would send its next request into a closed socket)
    String head =
        "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100"
            + "\r\nAuthorization: Bearer not-the-token-but-long-enough"
            + "\r\nContent-Type: application/json";

    RawHttp.Response response = RawHttp.exchange(server.port(), head, new byte[0], false);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.text().toLowerCase(java.util.Locale.ROOT)).contains("connection: close");
  }

  @Test
  void aRefusedRequestWhoseBodyHasArrivedKeepsItsConnection() throws Exception {
    start(new HttpAuth(HttpAuth.Mode.TOKEN, Map.of("ci", TOKEN), false));
    String refused =
        "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
            + "\r\nAuthorization: Bearer not-the-token-but-long-enough\r\nContent-Length: "
            + INITIALIZE.length()
            + "\r\n\r\n"
            + INITIALIZE;
    String next = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";

    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(30_000);
      // one write: the whole body is there when the credentials are checked
      socket.getOutputStream().write((refused + next).getBytes(StandardCharsets.UTF_8));
      String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(answers).startsWith("HTTP/1.1 401");
      assertThat(answers.indexOf("HTTP/1.1 200"))
          .as("the next request on the same connection is answered")
          .isPositive();
    }
  }

  @Test
  void aBodyAnnouncedTooLargeIsRefusedWithTheConnectionClosed() throws Exception {
    start(new HttpAuth(HttpAuth.Mode.TOKEN, Map.of("ci", TOKEN), false));
    String head =
        "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
            + (HttpSettings.DEFAULT_MAX_REQUEST_BYTES + 1)
            + "\r\nAuthorization: Bearer "
            + TOKEN
            + "\r\nContent-Type: application/json";

    RawHttp.Response response = RawHttp.exchange(server.port(), head, new byte[0], false);

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.text().toLowerCase(java.util.Locale.ROOT)).contains("connection: close");
  }

  @Test
  void theRightTokenGetsThrough() throws Exception {
    start(new HttpAuth(HttpAuth.Mode.TOKEN, Map.of("ci", TOKEN), false));

    HttpResponse<String> ok = post("Bearer " + TOKEN);

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("databricks-mcp");
  }

  @Test
  void databricksAppsModeNeedsAForwardedUserUnlessFallbackIsOn() throws Exception {
    start(new HttpAuth(HttpAuth.Mode.DATABRICKS_APPS, Map.of(), false));
    assertThat(post(null).statusCode()).isEqualTo(401);
    server.close();

    start(new HttpAuth(HttpAuth.Mode.DATABRICKS_APPS, Map.of(), true));
    assertThat(post(null).statusCode()).isEqualTo(200);
  }

  @Test
  void listeningBeyondLoopbackWithoutAuthenticationIsRefused() {
    HttpSettings exposed = new HttpSettings("0.0.0.0", 0, false, List.of(), List.of(), 1024);

    assertThatThrownBy(exposed::checkExposure)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--auth");
    new HttpSettings(
            "0.0.0.0",
            0,
            false,
            List.of(),
            List.of(),
            1024,
            new HttpAuth(HttpAuth.Mode.TOKEN, Map.of("a", TOKEN), false))
        .checkExposure();
  }
}
