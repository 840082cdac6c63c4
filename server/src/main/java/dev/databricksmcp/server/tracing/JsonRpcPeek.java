package dev.databricksmcp.server.tracing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a span needs from a JSON-RPC message body, read with a streaming parser that skips
 * everything else (arguments are never looked at): the method, the request id and the trace context
 * a client put in {@code params._meta}.
 *
 * @param method the method when it is one MCP defines, {@code _OTHER} for any other, null when the
 *     body is no JSON-RPC request or notification (a response, a batch, not JSON)
 * @param requestId the id as a string, null for a notification
 * @param traceContext {@code traceparent}, {@code tracestate} and {@code baggage} from {@code
 *     params._meta}
 */
record JsonRpcPeek(String method, String requestId, Map<String, String> traceContext) {
  private static final JsonFactory JSON = new JsonFactory();
  private static final int MAX_ID_CHARS = 64;
  private static final Set<String> PROPAGATION_KEYS =
      Set.of("traceparent", "tracestate", "baggage");

  /**
   * The methods of the MCP semantic conventions' {@code mcp.method.name} list: anything else a
   * client sends is {@code _OTHER}, so span names stay few.
   */
  static final Set<String> MCP_METHODS =
      Set.of(
          "completion/complete",
          "elicitation/create",
          "initialize",
          "logging/setLevel",
          "notifications/cancelled",
          "notifications/initialized",
          "notifications/message",
          "notifications/progress",
          "notifications/prompts/list_changed",
          "notifications/resources/list_changed",
          "notifications/resources/updated",
          "notifications/roots/list_changed",
          "notifications/tools/list_changed",
          "ping",
          "prompts/get",
          "prompts/list",
          "resources/list",
          "resources/read",
          "resources/subscribe",
          "resources/templates/list",
          "resources/unsubscribe",
          "roots/list",
          "sampling/createMessage",
          "tools/call",
          "tools/list");

  static final JsonRpcPeek NOT_A_REQUEST = new JsonRpcPeek(null, null, Map.of());

  boolean isRequest() {
    return method != null;
  }

  static JsonRpcPeek of(byte[] body) {
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return NOT_A_REQUEST;
      }
      String method = null;
      String id = null;
      Map<String, String> context = Map.of();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "method" -> method = value == JsonToken.VALUE_STRING ? p.getText() : null;
          case "id" -> id = value.isScalarValue() && value != JsonToken.VALUE_NULL ? id(p) : null;
          case "params" -> context = value == JsonToken.START_OBJECT ? meta(p) : skip(p);
          default -> p.skipChildren();
        }
      }
      if (method == null) {
        return NOT_A_REQUEST;
      }
      return new JsonRpcPeek(MCP_METHODS.contains(method) ? method : "_OTHER", id, context);
    } catch (IOException | RuntimeException e) {
      return NOT_A_REQUEST;
    }
  }

  private static String id(JsonParser p) throws IOException {
    String text = p.getText();
    return text.length() > MAX_ID_CHARS ? text.substring(0, MAX_ID_CHARS) : text;
  }

  /** Inside {@code params}: the propagation keys of {@code _meta}, the rest skipped. */
  private static Map<String, String> meta(JsonParser p) throws IOException {
    Map<String, String> found = new HashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (field.equals("_meta") && value == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          JsonToken v = p.nextToken();
          if (PROPAGATION_KEYS.contains(key) && v == JsonToken.VALUE_STRING) {
            found.put(key, p.getText());
          } else {
            p.skipChildren();
          }
        }
      } else {
        p.skipChildren();
      }
    }
    return Map.copyOf(found);
  }

  private static Map<String, String> skip(JsonParser p) throws IOException {
    p.skipChildren();
    return Map.of();
  }
}
