package dev.databricksmcp.server.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a request span takes from a message body, and what it leaves. */
class JsonRpcPeekTest {
  private static JsonRpcPeek peek(String json) {
    return JsonRpcPeek.of(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aToolCallGivesItsMethodIdAndTheTraceContextOfItsMeta() {
    JsonRpcPeek p =
        peek(
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"x\","
                + "\"arguments\":{\"statement\":\"SELECT 1\",\"_meta\":{\"traceparent\":\"no\"}},"
                + "\"_meta\":{\"traceparent\":\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\","
                + "\"progressToken\":\"p\"}}}");

    assertThat(p.method()).isEqualTo("tools/call");
    assertThat(p.requestId()).isEqualTo("7");
    assertThat(p.traceContext())
        .containsOnlyKeys("traceparent")
        .containsValue("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  }

  @Test
  void aMethodMcpDoesNotDefineIsOtherSoSpanNamesStayFew() {
    assertThat(peek("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"made/up-1234\"}").method())
        .isEqualTo("_OTHER");
  }

  @Test
  void aNotificationHasNoId() {
    JsonRpcPeek p = peek("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    assertThat(p.method()).isEqualTo("notifications/initialized");
    assertThat(p.requestId()).isNull();
  }

  @Test
  void responsesBatchesAndBrokenBodiesAreNoRequest() {
    assertThat(peek("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}").isRequest()).isFalse();
    assertThat(peek("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]").isRequest()).isFalse();
    assertThat(peek("{\"method\":\"ping\",").isRequest()).isFalse();
    assertThat(peek("").isRequest()).isFalse();
  }
}
