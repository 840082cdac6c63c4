package dev.databricksmcp.server.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.http.Request;
import com.databricks.sdk.core.http.Response;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.http.message.BasicHttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guard's rules on their own, with a fake client under it (WriteRetryGuardTest shows the same
 * against the sandbox through the SDK): which answers it turns into a failure the SDK does not
 * retry, and which requests Apache HttpClient may resend.
 */
class WriteRetryGuardRulesTest {
  private static Response answer(Request request, int status, Map<String, List<String>> headers) {
    return new Response(request, status, "status " + status, headers, "{\"message\":\"busy\"}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE"})
  void a503ToAChangeIsNotLeftToTheSdkToRetry(String method) {
    Request change = new Request(method, "http://127.0.0.1:1/api/2.1/unity-catalog/catalogs/c");
    assertThatThrownBy(
            () -> WriteRetryGuard.around(in -> answer(in, 503, Map.of())).execute(change))
        .isInstanceOf(WriteRetryGuard.UnconfirmedRequestException.class)
        .hasMessageContaining(method + " /api/2.1/unity-catalog/catalogs/c")
        .hasMessageContaining("may have been carried out");
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "HEAD", "OPTIONS"})
  void a503ToAReadIsLeftToTheSdk(String method) throws Exception {
    Request read = new Request(method, "http://127.0.0.1:1/api/x");
    Response busy = answer(read, 503, Map.of());
    assertThat(WriteRetryGuard.around(in -> busy).execute(read)).isSameAs(busy);
  }

  @Test
  void otherAnswersToAChangePassUnchanged() throws Exception {
    Request post = new Request("POST", "http://127.0.0.1:1/api/x");
    for (int status : new int[] {200, 429, 500, 501, 502, 504}) {
      Response r = answer(post, status, Map.of());
      assertThat(WriteRetryGuard.around(in -> r).execute(post)).as("HTTP %d", status).isSameAs(r);
    }
    Response deliberate = answer(post, 503, Map.of("Retry-After", List.of("2")));
    assertThat(WriteRetryGuard.around(in -> deliberate).execute(post)).isSameAs(deliberate);
  }

  @Test
  void apacheMayResendOnlyReadsOnceTheyWereSent() {
    WriteRetryGuard.ResendOnlyReads rule = new WriteRetryGuard.ResendOnlyReads();
    for (String read : List.of("GET", "HEAD", "OPTIONS")) {
      assertThat(rule.handleAsIdempotent(new BasicHttpRequest(read, "/x"))).as(read).isTrue();
    }
    for (String change : List.of("POST", "PUT", "PATCH", "DELETE")) {
      assertThat(rule.handleAsIdempotent(new BasicHttpRequest(change, "/x"))).as(change).isFalse();
    }
  }

  @Test
  void theBodyOfARefused503IsClosedSoItsConnectionGoesBackToThePool() throws Exception {
    Request post = new Request("POST", "http://127.0.0.1:1/api/x");
    AtomicBoolean closed = new AtomicBoolean();
    InputStream body =
        new ByteArrayInputStream("{\"message\":\"busy\"}".getBytes(StandardCharsets.UTF_8)) {
          @Override
          public void close() {
            closed.set(true);
          }
        };
    Response busy =
        new Response(post, new URL("http://127.0.0.1:1/api/x"), 503, "busy", Map.of(), body);

    assertThatThrownBy(() -> WriteRetryGuard.around(in -> busy).execute(post))
        .isInstanceOf(WriteRetryGuard.UnconfirmedRequestException.class)
        .hasMessageContaining("busy");
    assertThat(closed).isTrue();
  }

  @Test
  void a503WithoutABodyOrWithOneThatFailsToCloseIsRefusedAllTheSame() throws Exception {
    Request put = new Request("PUT", "http://127.0.0.1:1/api/y");
    InputStream broken =
        new ByteArrayInputStream(new byte[0]) {
          @Override
          public void close() throws IOException {
            throw new IOException("connection reset");
          }
        };
    for (Response busy :
        List.of(
            new Response(put, 503, "busy", Map.of()),
            new Response(
                put, new URL("http://127.0.0.1:1/api/y"), 503, "busy", Map.of(), broken))) {
      assertThatThrownBy(() -> WriteRetryGuard.around(in -> busy).execute(put))
          .isInstanceOf(WriteRetryGuard.UnconfirmedRequestException.class)
          .hasMessageContaining("PUT /api/y");
    }
  }

  @Test
  void theGuardForAConfigurationSendsThroughTheSdksOwnClient() throws Exception {
    AtomicInteger posts = new AtomicInteger();
    HttpServer databricks =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    databricks.createContext(
        "/",
        exchange -> {
          posts.incrementAndGet();
          byte[] answer =
              "{\"error_code\":\"TEMPORARILY_UNAVAILABLE\",\"message\":\"lost\"}"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(503, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    databricks.start();
    try {
      String host = "http://127.0.0.1:" + databricks.getAddress().getPort();
      WriteRetryGuard guard =
          WriteRetryGuard.forConfig(new DatabricksConfig().setHost(host).setToken("x"));
      Request post = new Request("POST", host + "/api/2.1/unity-catalog/catalogs", "{}");

      for (int attempt = 0; attempt < 2; attempt++) {
        assertThatThrownBy(() -> guard.execute(post))
            .isInstanceOf(WriteRetryGuard.UnconfirmedRequestException.class);
      }
      assertThat(posts).as("each sent once").hasValue(2);
    } finally {
      databricks.stop(0);
    }
  }
}
