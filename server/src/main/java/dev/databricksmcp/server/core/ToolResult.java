package dev.databricksmcp.server.core;

/**
 * A tool's successful answer before it is wrapped in the envelope.
 *
 * @param data what the model gets (Maps, Lists, records, SDK models)
 * @param count number of items for lists, null otherwise
 * @param message one line for the model, e.g. "3 catalogs; more with page_token"
 * @param text optional text rendering (a table) used instead of the JSON of data in the text block
 */
public record ToolResult(Object data, Integer count, String message, String text) {
  public static ToolResult of(Object data, String message) {
    return new ToolResult(data, null, message, null);
  }

  public static ToolResult list(Object data, int count, String message) {
    return new ToolResult(data, count, message, null);
  }

  public ToolResult withText(String text) {
    return new ToolResult(data, count, message, text);
  }
}
