package dev.databricksmcp.server.mcp;

import dev.databricksmcp.server.connection.WorkspaceProvider;
import dev.databricksmcp.server.core.ErrorCode;
import dev.databricksmcp.server.core.ErrorMapper;
import dev.databricksmcp.server.core.ResourceDef;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * A toolset's {@link ResourceDef} as an MCP resource template: read as the caller (the same
 * workspace client a tool call gets), and any failure answered as a JSON-RPC error with our clear
 * message and error code in {@code data}: -32002 (resource not found) for NOT_FOUND, -32602
 * (invalid params) for a bad path, -32603 otherwise; never a class name or a stack trace.
 */
final class ResourceSpecs {
  private ResourceSpecs() {}

  static McpServerFeatures.AsyncResourceTemplateSpecification of(
      ResourceDef def, WorkspaceProvider workspaces, boolean readOnly, boolean offload) {
    return new McpServerFeatures.AsyncResourceTemplateSpecification(
        def.template(),
        (exchange, request) ->
            AsyncHandlers.offload(
                Mono.fromCallable(
                    () ->
                        read(
                            def,
                            request.uri(),
                            new CallContext(
                                workspaces,
                                new McpSyncServerExchange(exchange),
                                null,
                                null,
                                readOnly))),
                offload));
  }

  static McpSchema.ReadResourceResult read(ResourceDef def, String uri, CallContext ctx) {
    try {
      return def.reader().read(uri, ctx);
    } catch (McpError e) {
      throw e;
    } catch (Exception | LinkageError e) {
      ErrorMapper.MappedError mapped = ErrorMapper.map(e);
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("uri", uri);
      data.put("error_code", mapped.code().name());
      throw McpError.builder(jsonRpcCode(mapped.code()))
          .message(mapped.message())
          .data(data)
          .build();
    }
  }

  private static int jsonRpcCode(ErrorCode code) {
    return switch (code) {
      case NOT_FOUND -> McpSchema.ErrorCodes.RESOURCE_NOT_FOUND;
      case VALIDATION_ERROR -> McpSchema.ErrorCodes.INVALID_PARAMS;
      default -> McpSchema.ErrorCodes.INTERNAL_ERROR;
    };
  }
}
