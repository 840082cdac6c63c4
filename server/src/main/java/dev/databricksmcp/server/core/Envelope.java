package dev.databricksmcp.server.core;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one result shape: {@code {success:true, data, count, message}} or
 * {@code {success:false, error, error_code, details}}, as structuredContent plus a text block. Errors
 * are tool results with isError, never JSON-RPC errors.
 */
public final class Envelope {
  private Envelope() {}

  public static CallToolResult success(ToolResult result) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("data", Jsons.toTree(result.data()));
    if (result.count() != null) {
      body.put("count", result.count());
    }
    body.put("message", result.message() == null ? "" : result.message());
    String text = result.text() != null ? textWithMessage(result.message(), result.text()) : Jsons.write(body);
    return CallToolResult.builder()
        .content(List.of(new TextContent(text)))
        .structuredContent(body)
        .isError(false)
        .build();
  }

  public static CallToolResult error(ErrorCode code, String message, Map<String, Object> details) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", false);
    body.put("error", message);
    body.put("error_code", code.name());
    body.put("details", details == null ? Map.of() : details);
    return CallToolResult.builder()
        .content(List.of(new TextContent(Jsons.write(body))))
        .structuredContent(body)
        .isError(true)
        .build();
  }

  public static CallToolResult error(ErrorMapper.MappedError e) {
    return error(e.code(), e.message(), e.details());
  }

  private static String textWithMessage(String message, String text) {
    return message == null || message.isBlank() ? text : message + "\n\n" + text;
  }
}
