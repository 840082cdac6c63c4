package dev.databricksmcp.server.core;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Content;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one result shape: {@code {success:true, data, count, message}} or {@code {success:false,
 * error, error_code, details}}, as structuredContent plus a text block. Errors are tool results
 * with isError, never JSON-RPC errors. Every string of either shape is cleaned of hidden characters
 * and passed through the {@link Redactor}: a token stored in a table cell or a comment does not
 * reach the model.
 */
public final class Envelope {
  private Envelope() {}

  public static CallToolResult success(ToolResult result) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    Object tree = Jsons.toTree(result.data());
    String json = Jsons.write(tree);
    if (mayNeedCleaning(json)) {
      tree = UntrustedText.mapStrings(tree, Envelope::safe);
      json = Jsons.write(tree);
    }
    body.put("data", tree);
    if (result.count() != null) {
      body.put("count", result.count());
    }
    body.put("message", result.message() == null ? "" : safe(result.message()));
    String data = result.text() != null ? safe(result.text()) : json;
    String text =
        textWithMessage((String) body.get("message"), result.count(), UntrustedText.delimit(data));
    List<Content> content = new ArrayList<>();
    content.add(new TextContent(text));
    content.addAll(result.attachments());
    return CallToolResult.builder().content(content).structuredContent(body).isError(false).build();
  }

  public static CallToolResult error(ErrorCode code, String message, Map<String, Object> details) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", false);
    body.put("error", safe(message));
    body.put("error_code", code.name());
    body.put(
        "details",
        details == null
            ? Map.of()
            : UntrustedText.mapStrings(Jsons.toTree(details), Envelope::safe));
    return CallToolResult.builder()
        .content(List.of(new TextContent(Jsons.write(body))))
        .structuredContent(body)
        .isError(true)
        .build();
  }

  public static CallToolResult error(ErrorMapper.MappedError e) {
    return error(e.code(), e.message(), e.details());
  }

  /**
   * Whether some string of the data, written as {@code json}, is not yet {@link #safe}. Nearly
   * always none is, and a few scans of the text tell, where making each string safe in turn cost
   * more than the rest of the envelope (in the stdio server's C1-compiled code most of all).
   */
  private static boolean mayNeedCleaning(String json) {
    return UntrustedText.mayHaveHiddenInJson(json) || Redactor.mayChangeStringsOf(json);
  }

  /** A string as it may reach the model: no hidden characters, no credentials. */
  private static String safe(String s) {
    return Redactor.redact(UntrustedText.clean(s));
  }

  /**
   * The text block: the message for the model, then the data clearly delimited as workspace data.
   */
  private static String textWithMessage(String message, Integer count, String delimitedData) {
    StringBuilder out = new StringBuilder("success: true");
    if (count != null) {
      out.append(", count: ").append(count);
    }
    if (message != null && !message.isBlank()) {
      out.append("\n").append(message);
    }
    return out.append("\n").append(delimitedData).toString();
  }
}
