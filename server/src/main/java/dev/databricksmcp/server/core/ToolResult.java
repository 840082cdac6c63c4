package dev.databricksmcp.server.core;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;

/**
 * A tool's successful answer before it is wrapped in the envelope.
 *
 * @param data what the model gets (Maps, Lists, records, SDK models)
 * @param count number of items for lists, null otherwise
 * @param message one line for the model, e.g. "3 catalogs; more with page_token"
 * @param text optional text rendering (a table) used instead of the JSON of data in the text block
 * @param attachments content blocks sent after the envelope's text block (an image, an embedded
 *     resource); the envelope stays the first block and the structuredContent either way
 */
public record ToolResult(
    Object data, Integer count, String message, String text, List<McpSchema.Content> attachments) {
  public ToolResult {
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  public ToolResult(Object data, Integer count, String message, String text) {
    this(data, count, message, text, List.of());
  }

  public static ToolResult of(Object data, String message) {
    return new ToolResult(data, null, message, null);
  }

  public static ToolResult list(Object data, int count, String message) {
    return new ToolResult(data, count, message, null);
  }

  public ToolResult withText(String text) {
    return new ToolResult(data, count, message, text, attachments);
  }

  public ToolResult withAttachments(List<McpSchema.Content> attachments) {
    return new ToolResult(data, count, message, text, attachments);
  }
}
