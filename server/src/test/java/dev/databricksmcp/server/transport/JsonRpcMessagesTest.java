package dev.databricksmcp.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.server.mcp.McpServerFactory;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one-pass reader gives what the MCP SDK's reader gives, message for message: the same type and
 * members, or a failure of the same kind, for the usual messages and for every odd member type.
 */
class JsonRpcMessagesTest {
  private static final McpJsonMapper JSON = SafeErrorsJsonMapper.wrap(McpServerFactory.JSON);

  static List<String> messages() {
    return List.of(
        // the usual: requests with text and number ids, notifications
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"get_table\","
            + "\"arguments\":{\"full_name\":\"main.default.t\",\"n\":10,\"deep\":{\"a\":[1,2.5,null,true]}}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":\"abc-1\",\"method\":\"tools/list\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":9007199254740993,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\",\"params\":null}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":3}}",
        "{\"id\":1,\"method\":\"ping\",\"jsonrpc\":\"2.0\",\"extra\":{\"ignored\":true}}",
        // responses (to the server's own requests: elicitation, sampling, roots)
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"action\":\"accept\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32601,\"message\":\"no\"}}",
        // odd member types: each must fail, or be read, as the SDK does
        "{\"jsonrpc\":2.0,\"id\":1,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}",
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":123456789012345678901234567890,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":[1,2]}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":\"text\"}",
        "{\"jsonrpc\":\"\",\"id\":1,\"method\":\"ping\"}",
        "{\"id\":1,\"method\":\"ping\"}",
        "{\"method\":\"notifications/initialized\"}",
        "{\"jsonrpc\":\"2.0\",\"method\":null}",
        "{\"jsonrpc\":\"2.0\"}",
        "[1,2]",
        "\"text\"",
        "{\"jsonrpc\":\"2.0\",\"id\":1,");
  }

  @ParameterizedTest
  @MethodSource("messages")
  void readsEveryMessageAsTheSdkDoes(String text) {
    Object sdk = outcome(() -> McpSchema.deserializeJsonRpcMessage(JSON, text));
    Object ours = outcome(() -> JsonRpcMessages.read(JSON, text));

    assertThat(ours).isEqualTo(sdk);
  }

  private interface Reader {
    JSONRPCMessage read() throws Exception;
  }

  /** The message, or the kind of failure (their texts name Jackson's internals, not compared). */
  private static Object outcome(Reader reader) {
    try {
      return reader.read();
    } catch (Exception e) {
      return e.getClass();
    }
  }
}
