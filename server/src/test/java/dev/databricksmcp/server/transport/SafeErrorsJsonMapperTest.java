package dev.databricksmcp.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.server.mcp.McpServerFactory;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse.JSONRPCError;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JSON-RPC errors keep their code and any plain message; Java internals never leave. */
class SafeErrorsJsonMapperTest {
  private final McpJsonMapper json = SafeErrorsJsonMapper.wrap(McpServerFactory.JSON);

  @Test
  void theSdksOwnErrorObjectIsWrittenAsAShortJsonRpcErrorNotAStackTrace() throws Exception {
    McpError error =
        McpError.builder(McpSchema.ErrorCodes.INVALID_REQUEST)
            .message("Invalid message format: Unexpected end-of-input: expected close marker\n at [Source: x]")
            .build();

    String written = json.writeValueAsString(error);

    assertThat(written)
        .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,"
            + "\"message\":\"Invalid request: not a valid JSON-RPC 2.0 message\"}}");
    assertThat(McpServerFactory.JSON.writeValueAsString(error)).as("what the SDK alone writes").contains("stackTrace");
  }

  @Test
  void aMessageNamingClassesIsReplacedButItsCodeAndIdStay() throws Exception {
    JSONRPCResponse response =
        JSONRPCResponse.error(7, new JSONRPCError(-32603,
            "Cannot invoke \"io.modelcontextprotocol.spec.McpSchema$CallToolRequest.name()\" because it is null",
            Map.of("cause", "java.lang.NullPointerException")));

    String written = json.writeValueAsString(response);

    assertThat(written).contains("\"id\":7").contains("\"code\":-32603").contains("\"message\":\"Internal error\"")
        .doesNotContain("io.modelcontextprotocol").doesNotContain("NullPointer").doesNotContain("data");
  }

  @Test
  void aPlainMessageAndPlainDataGoThroughUnchanged() throws Exception {
    JSONRPCError plain = new JSONRPCError(-32601, "Method not found: tools/nope", Map.of("hint", "see tools/list"));
    JSONRPCResponse response = JSONRPCResponse.error(8, plain);

    assertThat(json.writeValueAsString(response)).contains("Method not found: tools/nope").contains("see tools/list");
  }

  @Test
  void successfulResponsesAreUntouched() throws Exception {
    JSONRPCResponse ok = JSONRPCResponse.result(9, Map.of("text", "java.lang.String is a class"));

    assertThat(json.writeValueAsString(ok)).isEqualTo(McpServerFactory.JSON.writeValueAsString(ok));
  }
}
