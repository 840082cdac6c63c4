package dev.databricksmcp.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.server.mcp.McpServerFactory;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse.JSONRPCError;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JSON-RPC errors keep their code and any plain message; Java internals never leave. */
class SafeErrorsJsonMapperTest {
  private final McpJsonMapper json = SafeErrorsJsonMapper.wrap(McpServerFactory.JSON);

  @Test
  void theSdksOwnErrorObjectIsWrittenAsAShortJsonRpcErrorNotAStackTrace() throws Exception {
    McpError error =
        McpError.builder(McpSchema.ErrorCodes.INVALID_REQUEST)
            .message(
                "Invalid message format: Unexpected end-of-input: expected close marker\n"
                    + " at [Source: x]")
            .build();

    String written = json.writeValueAsString(error);

    assertThat(written)
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,"
                + "\"message\":\"Invalid request: not a valid JSON-RPC 2.0 message\"}}");
    assertThat(McpServerFactory.JSON.writeValueAsString(error))
        .as("what the SDK alone writes")
        .contains("stackTrace");
  }

  @Test
  void aMessageNamingClassesIsReplacedButItsCodeAndIdStay() throws Exception {
    JSONRPCResponse response =
        JSONRPCResponse.error(
            7,
            new JSONRPCError(
                -32603,
                "Cannot invoke \"io.modelcontextprotocol.spec.McpSchema$CallToolRequest.name()\""
                    + " because it is null",
                Map.of("cause", "java.lang.NullPointerException")));

    String written = json.writeValueAsString(response);

    assertThat(written)
        .contains("\"id\":7")
        .contains("\"code\":-32603")
        .contains("\"message\":\"Internal error\"")
        .doesNotContain("io.modelcontextprotocol")
        .doesNotContain("NullPointer")
        .doesNotContain("data");
  }

  @Test
  void aPlainMessageAndPlainDataGoThroughUnchanged() throws Exception {
    JSONRPCError plain =
        new JSONRPCError(-32601, "Method not found: tools/nope", Map.of("hint", "see tools/list"));
    JSONRPCResponse response = JSONRPCResponse.error(8, plain);

    assertThat(json.writeValueAsString(response))
        .contains("Method not found: tools/nope")
        .contains("see tools/list");
  }

  @Test
  void successfulResponsesAreUntouched() throws Exception {
    JSONRPCResponse ok = JSONRPCResponse.result(9, Map.of("text", "java.lang.String is a class"));

    assertThat(json.writeValueAsString(ok)).isEqualTo(McpServerFactory.JSON.writeValueAsString(ok));
  }

  @Test
  void aMessageIsShownUpTo300CharactersOnOneLine() throws Exception {
    String longest = "x".repeat(300);

    assertThat(error(longest)).contains("\"message\":\"" + longest + "\"");
    assertThat(error(longest + "x")).contains("\"message\":\"Internal error\"");
    assertThat(error("first line\nsecond line")).contains("\"message\":\"Internal error\"");
    assertThat(error("\nwhat came after a line break")).contains("\"message\":\"Internal error\"");
    assertThat(error(" ")).contains("\"message\":\"Internal error\"");
  }

  private String error(String message) throws Exception {
    return json.writeValueAsString(
        JSONRPCResponse.error(1, new JSONRPCError(-32603, message, null)));
  }

  @Test
  void dataThatCannotBeWrittenIsDroppedAndTheErrorStillGoesOut() throws Exception {
    JSONRPCError unwritable = new JSONRPCError(-32602, "Invalid params", new Object());

    assertThat(json.writeValueAsString(JSONRPCResponse.error(3, unwritable)))
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32602,\"message\":\"Invalid"
                + " params\"}}");
  }

  @Test
  void bytesAreCleanedLikeText() throws Exception {
    McpError error =
        McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
            .message("java.lang.IllegalStateException")
            .build();
    JSONRPCResponse response =
        JSONRPCResponse.error(
            4, new JSONRPCError(-32601, "at dev.databricksmcp.X.y(X.java:1)", null));
    JSONRPCResponse ok = JSONRPCResponse.result(5, Map.of("n", 1));

    assertThat(new String(json.writeValueAsBytes(error), StandardCharsets.UTF_8))
        .isEqualTo(json.writeValueAsString(error))
        .doesNotContain("java.lang");
    assertThat(new String(json.writeValueAsBytes(response), StandardCharsets.UTF_8))
        .contains("\"message\":\"Method not found\"");
    assertThat(json.writeValueAsBytes(ok)).isEqualTo(McpServerFactory.JSON.writeValueAsBytes(ok));
    JSONRPCNotification progress =
        new JSONRPCNotification("2.0", "notifications/progress", Map.of("progress", 1));
    assertThat(json.writeValueAsBytes(progress))
        .isEqualTo(McpServerFactory.JSON.writeValueAsBytes(progress));
  }

  @Test
  void readingIsTheSdkMappersOwn() throws Exception {
    String request = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{}}";
    byte[] bytes = request.getBytes(StandardCharsets.UTF_8);
    TypeRef<Map<String, Object>> map = new TypeRef<>() {};
    McpJsonMapper sdk = McpServerFactory.JSON;

    assertThat(json.readValue(request, JSONRPCRequest.class))
        .isEqualTo(sdk.readValue(request, JSONRPCRequest.class));
    assertThat(json.readValue(bytes, JSONRPCRequest.class))
        .isEqualTo(sdk.readValue(bytes, JSONRPCRequest.class));
    assertThat(json.readValue(request, map))
        .isEqualTo(sdk.readValue(request, map))
        .containsEntry("id", 1);
    assertThat(json.readValue(bytes, map))
        .isEqualTo(sdk.readValue(bytes, map))
        .containsEntry("method", "tools/list");
    Map<String, Object> params = Map.of("name", "list_catalogs", "arguments", Map.of());
    assertThat(json.convertValue(params, McpSchema.CallToolRequest.class))
        .isEqualTo(sdk.convertValue(params, McpSchema.CallToolRequest.class));
    assertThat(json.convertValue(params, map)).isEqualTo(params);
  }

  @Test
  void wrappingTwiceWrapsOnce() {
    assertThat(SafeErrorsJsonMapper.wrap(json)).isSameAs(json);
  }
}
