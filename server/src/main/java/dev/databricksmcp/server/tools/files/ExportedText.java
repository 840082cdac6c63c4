package dev.databricksmcp.server.tools.files;

import com.databricks.sdk.service.workspace.ObjectInfo;
import dev.databricksmcp.server.core.ToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An export as a model gets it: the text inline up to {@link NotebookTransferTools#INLINE_CHARS},
 * beyond that the first part inline with {@code truncated} and the whole text as an embedded
 * resource (a client keeps it out of the model's context or shows it to the user); bytes that are
 * not UTF-8 text are described, not shown.
 */
final class ExportedText {
  private ExportedText() {}

  static ToolResult of(ObjectInfo o, String format, String fileType, byte[] bytes) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("path", o.getPath());
    data.put("type", o.getObjectType() == null ? null : o.getObjectType().name());
    if (o.getLanguage() != null) {
      data.put("language", o.getLanguage().name());
    }
    data.put("format", format);
    if (fileType != null) {
      data.put("file_type", fileType);
    }
    data.put("size_bytes", bytes.length);
    String text = utf8(bytes);
    String what = WorkspaceRows.describe(o);
    if (text == null) {
      data.put("binary", true);
      return ToolResult.of(
          data, "The " + what + " is " + bytes.length + " bytes of binary content: not shown.");
    }
    if (text.length() <= NotebookTransferTools.INLINE_CHARS) {
      data.put("content", text);
      return ToolResult.of(data, "Exported the " + what + " as " + format + ".");
    }
    int cut = NotebookTransferTools.INLINE_CHARS;
    if (Character.isHighSurrogate(text.charAt(cut - 1))) {
      cut--;
    }
    data.put("content", text.substring(0, cut));
    data.put("truncated", true);
    McpSchema.EmbeddedResource whole =
        new McpSchema.EmbeddedResource(
            null,
            new McpSchema.TextResourceContents(
                FileResources.workspaceUri(o.getPath()), mimeType(format), text));
    return ToolResult.of(
            data,
            "Exported the "
                + what
                + " as "
                + format
                + ": "
                + text.length()
                + " characters, the first "
                + cut
                + " inline (truncated) and the whole text as an embedded resource.")
        .withAttachments(List.of(whole));
  }

  /** The bytes as text when they are UTF-8, else null. */
  static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static String mimeType(String format) {
    return "JUPYTER".equals(format) ? "application/x-ipynb+json" : "text/plain";
  }
}
