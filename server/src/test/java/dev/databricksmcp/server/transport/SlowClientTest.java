package dev.databricksmcp.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.server.connection.ConnectionSettings;
import dev.databricksmcp.server.connection.SharedWorkspaceProvider;
import dev.databricksmcp.server.mcp.McpServerFactory;
import dev.databricksmcp.server.testing.RawHttp;
import dev.databricksmcp.server.testing.RawHttpMcp;
import dev.databricksmcp.server.testing.TestTools;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Clients that send request bodies a byte a second (as the 230-connection attack did) neither
 * starve other clients nor keep their connections: bodies are read without a thread and cut off
 * when late, and one address holds a bounded number of connections. Attackers connect from other
 * loopback addresses (127.0.0.2 …) than the well-behaved client (127.0.0.1).
 */
@Timeout(180)
class SlowClientTest {
  private static final int PER_CLIENT = 8;
  private static final String SLOW_HEAD =
      RawHttp.postHead(
              "/mcp",
              100_000,
              "Content-Type: application/json",
              "Accept: application/json, text/event-stream")
          .replace("Connection: close", "Connection: keep-alive");

  private final List<Socket> sockets = new ArrayList<>();
  private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
  private HttpTransport server;

  @AfterEach
  void stop() throws IOException {
    trickle.shutdownNow();
    for (Socket socket : sockets) {
      socket.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private void start(Duration bodyTimeout) {
    SharedWorkspaceProvider none =
        new SharedWorkspaceProvider(new ConnectionSettings(null, "http://127.0.0.1:1", "t"));
    McpServerFactory factory =
        new McpServerFactory(TestTools.all(), none, false, TestTools.invoker(false));
    HttpLimits limits = new HttpLimits(bodyTimeout, PER_CLIENT);
    HttpSettings settings =
        new HttpSettings(
            "127.0.0.1", 0, false, List.of(), List.of(), 1 << 20, HttpAuth.none(), limits);
    server = HttpTransport.start(settings, factory);
  }

  /** Connects from {@code from}, sends the head of a 100 kB POST and its first byte. */
  private Socket slowBody(String from) throws IOException {
    Socket socket = new Socket();
    sockets.add(socket);
    socket.bind(new InetSocketAddress(from, 0));
    socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
    socket.getOutputStream().write((SLOW_HEAD + "\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
    return socket;
  }

  /** One more byte a second to every slow connection still open. */
  private void trickleBytes(List<Socket> slow) {
    trickle.scheduleAtFixedRate(
        () -> {
          for (Socket socket : slow) {
            try {
              socket.getOutputStream().write(' ');
            } catch (IOException closed) {
              // cut off by the server: nothing more to send
            }
          }
        },
        1,
        1,
        TimeUnit.SECONDS);
  }

  /** True while the server has neither answered nor closed the connection. */
  private static boolean stillOpen(Socket socket) throws IOException {
    socket.setSoTimeout(10); // an answer or a close would already be here: each is sent at once
    try {
      socket
          .getInputStream()
          .read(); // an answer or the end: the server is no longer waiting for the body
      return false;
    } catch (SocketTimeoutException nothingYet) {
      return true;
    } catch (IOException reset) {
      return false;
    }
  }

  /** Everything the server sends until it closes the connection (bounded wait). */
  private static String untilClosed(Socket socket) throws IOException {
    socket.setSoTimeout(60_000);
    InputStream in = socket.getInputStream();
    StringBuilder out = new StringBuilder();
    try {
      for (int b; (b = in.read()) != -1; ) {
        out.append((char) b);
      }
    } catch (SocketTimeoutException stillOpen) {
      return "STILL OPEN after 60 s";
    } catch (IOException reset) {
      // closed abruptly: also closed. The client kept sending while the server closed with its
      // bytes
      // unread, so the server's TCP stack may answer with a reset that discards the 408 on its way.
    }
    return out.toString();
  }

  @Test
  void wellBehavedClientsAreServedWhileHundredsOfSlowBodiesAreOpen() throws Exception {
    start(Duration.ofMinutes(2)); // long enough that every slow body is still open when checked
    List<Socket> slow = new ArrayList<>();
    for (int address = 2; address < 32; address++) {
      for (int i = 0; i < PER_CLIENT; i++) {
        slow.add(slowBody("127.0.0." + address));
      }
    }
    List<Socket> overTheLimit = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      overTheLimit.add(slowBody("127.0.0.2"));
    }
    trickleBytes(slow);

    RawHttp.Response health = RawHttp.healthz(server.port());
    RawHttpMcp client = new RawHttpMcp(server.port());
    String session = client.openSession(Map.of());
    String echo = RawHttpMcp.callTool(2, "echo", "{\"name\":\"still here\"}");
    HttpResponse<String> call = client.post(session, Map.of(), echo);

    assertThat(slow).hasSize(240);
    assertThat(health.status()).isEqualTo(200);
    assertThat(call.statusCode()).isEqualTo(200);
    assertThat(call.body()).contains("echoed still here");
    int open = 0;
    for (Socket socket : slow) {
      open += stillOpen(socket) ? 1 : 0;
    }
    assertThat(open).as("slow bodies still being sent while the others were served").isEqualTo(240);
    for (Socket socket : overTheLimit) {
      assertThat(untilClosed(socket))
          .as("a connection beyond the address's limit is closed unanswered")
          .isEmpty();
    }
  }

  @Test
  void aSlowBodyIsCutOffAtItsDeadline() throws Exception {
    start(Duration.ofSeconds(1));
    List<Socket> slow = new ArrayList<>();
    for (int i = 0; i < PER_CLIENT; i++) {
      slow.add(slowBody("127.0.0.40"));
    }
    trickleBytes(slow);

    for (Socket socket : slow) {
      String answer = untilClosed(socket);
      assertThat(answer)
          .as("cut off with 408 (or a reset that lost it), then closed")
          .matches("(?s)|HTTP/1\\.1 408.*");
    }
    assertThat(RawHttp.healthz(server.port()).status()).isEqualTo(200);
  }

  @Test
  void aToolCallLongerThanTheBodyDeadlineIsNotCutOff() throws Exception {
    start(Duration.ofSeconds(1));
    RawHttpMcp client = new RawHttpMcp(server.port());
    String session = client.openSession(Map.of());

    HttpResponse<String> call =
        client.post(session, Map.of(), RawHttpMcp.callTool(3, "slow", "{\"millis\":2400}"));

    assertThat(call.statusCode()).isEqualTo(200);
    assertThat(call.body()).contains("\"success\":true");
  }
}
