package dev.databricksmcp.server.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.ProtocolVersions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Has the protocol's mapper build what a client's first two requests need — the {@code initialize}
 * request's deserializers, the serializers of its answer and of {@code tools/list} — on a second
 * thread while the main one configures logging and builds the tools. Jackson keeps them per mapper,
 * so this uses {@link McpServerFactory#JSON}, the one the stdio transport reads and writes with;
 * done on the main thread after the tools, the same work delayed both answers.
 */
public final class ProtocolWarmUp {
  private ProtocolWarmUp() {}

  /** Starts the warm-up on a daemon thread; the server never waits for it. */
  public static Thread startInBackground() {
    Thread thread = new Thread(() -> warm(McpServerFactory.JSON), "protocol-warm-up");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
    return thread;
  }

  /**
   * The first messages' round trips through {@code json}; false when one failed, which only means
   * the first real message does that work itself, so the server does not report it.
   */
  static boolean warm(McpJsonMapper json) {
    try {
      McpSchema.InitializeRequest request =
          json.convertValue(initializeParams(), McpSchema.InitializeRequest.class);
      McpSchema.InitializeResult initialized =
          new McpSchema.InitializeResult(
              request.protocolVersion(),
              McpSchema.ServerCapabilities.builder()
                  .tools(true)
                  .logging()
                  .prompts(false)
                  .resources(true, false)
                  .completions()
                  .build(),
              new McpSchema.Implementation(ServerInfo.NAME, ServerInfo.version()),
              McpServerFactory.INSTRUCTIONS);
      json.writeValueAsString(
          new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, 1, initialized, null));
      // the SDK's list of tools is an ArrayList or an immutable list, as its filters go
      McpSchema.Tool tool = sampleTool();
      for (List<McpSchema.Tool> tools :
          List.of(new ArrayList<>(List.of(tool)), Stream.of(tool).toList())) {
        json.writeValueAsString(
            new McpSchema.JSONRPCResponse(
                McpSchema.JSONRPC_VERSION, 2, new McpSchema.ListToolsResult(tools, null), null));
      }
      return true;
    } catch (RuntimeException | IOException | LinkageError e) {
      // a changed SDK type included: the real message meets the same problem and reports it
      return false;
    }
  }

  private static Map<String, Object> initializeParams() {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("protocolVersion", ProtocolVersions.MCP_2025_11_25);
    params.put(
        "capabilities",
        Map.of(
            "roots", Map.of("listChanged", true),
            "sampling", Map.of(),
            "elicitation", Map.of()));
    params.put("clientInfo", Map.of("name", "warm-up", "version", "0"));
    return params;
  }

  /** A tool with every kind of value the tools' schemas hold (the test lists them all). */
  private static McpSchema.Tool sampleTool() {
    Map<String, Object> limit = new LinkedHashMap<>();
    limit.put("type", "integer");
    limit.put("minimum", 1);
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put(
        "properties",
        Map.of(
            "name", Map.of("type", "string", "enum", List.of("a", "b", "c")),
            "limit", limit,
            "one", Map.of("type", "string")));
    schema.put("required", List.of("name"));
    schema.put("additionalProperties", false);
    return McpSchema.Tool.builder("warm_up", schema)
        .title("Warm up")
        .description("d")
        .outputSchema(schema)
        .annotations(new McpSchema.ToolAnnotations("Warm up", true, false, true, true, null))
        .meta(Map.of("ui", Map.of("resourceUri", "ui://x")))
        .build();
  }
}
