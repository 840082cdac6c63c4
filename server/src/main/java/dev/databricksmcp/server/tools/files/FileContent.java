package dev.databricksmcp.server.tools.files;

import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.ToolException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * File content as a model reads and writes it: text when the bytes are UTF-8 without NULs, base64
 * otherwise; reads in ranges of at most {@link #INLINE_LIMIT} bytes, saying the total size and
 * where the next range starts; writes given as text or base64.
 */
final class FileContent {
  /** The most bytes one read returns inline. */
  static final int INLINE_LIMIT = 64 * 1024;

  /** The most bytes one write takes (the content travels in the tool call). */
  static final int MAX_WRITE_BYTES = 16 * 1024 * 1024;

  /** The longest content string: 16 MiB in base64. */
  static final int MAX_CONTENT_CHARS = (MAX_WRITE_BYTES + 2) / 3 * 4;

  static final Param<Integer> OFFSET =
      Param.integer("offset", "Byte to start reading at ({min}-{max}; default {default})")
          .range(0, Integer.MAX_VALUE)
          .withDefault(0);

  static final Param<Integer> LENGTH =
      Param.integer("length", "Bytes to read at most ({min}-{max}; default {default})")
          .range(1, INLINE_LIMIT)
          .withDefault(INLINE_LIMIT);

  static final Param<String> CONTENT =
      Param.string(
              "content",
              "The whole file: text (written as UTF-8), or base64 with encoding=base64; at most"
                  + " 16 MiB")
          .maxLength(MAX_CONTENT_CHARS)
          .required();

  static final Param<String> ENCODING =
      Param.choice(
              "encoding", "How content is given (default {default})", List.of("text", "base64"))
          .withDefault("text");

  static final Param<Boolean> OVERWRITE =
      Param.bool("overwrite", "Replace a file already at the path (default {default})")
          .withDefault(false);

  private FileContent() {}

  /** The bytes a write call gives, decoded and within the limit. */
  static byte[] bytes(Args args) {
    String content = CONTENT.of(args);
    byte[] data;
    if ("base64".equals(ENCODING.of(args))) {
      try {
        data = Base64.getMimeDecoder().decode(content);
      } catch (IllegalArgumentException e) {
        throw ToolException.validation(CONTENT.name(), "is not valid base64 (encoding=base64)");
      }
    } else {
      data = content.getBytes(StandardCharsets.UTF_8);
    }
    if (data.length > MAX_WRITE_BYTES) {
      throw ToolException.validation(
          CONTENT.name(),
          "is " + data.length + " bytes; at most " + MAX_WRITE_BYTES + " are taken");
    }
    return data;
  }

  /**
   * A read range as the tools answer it: the bytes as text or base64, where they start, how many,
   * the file's size, and, when the file goes on, {@code truncated} and {@code next_offset}.
   */
  static Map<String, Object> range(String path, long offset, byte[] chunk, long size) {
    boolean more = offset + chunk.length < size;
    byte[] shown = chunk;
    String text = text(chunk);
    if (text == null && more) {
      // a range may end inside a UTF-8 character: give the whole characters, the rest next time
      for (int cut = 1; cut <= 3 && cut < chunk.length && text == null; cut++) {
        byte[] shorter = Arrays.copyOf(chunk, chunk.length - cut);
        text = text(shorter);
        shown = text == null ? chunk : shorter;
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("path", path);
    out.put("offset", offset);
    out.put("length", shown.length);
    out.put("size", size);
    out.put("encoding", text != null ? "text" : "base64");
    out.put("content", text != null ? text : Base64.getEncoder().encodeToString(shown));
    boolean truncated = offset + shown.length < size;
    out.put("truncated", truncated);
    if (truncated) {
      out.put("next_offset", offset + shown.length);
    }
    return out;
  }

  /** The message for a read: what was read and how to read on. */
  static String message(Map<String, Object> range) {
    String what =
        "Read "
            + range.get("length")
            + " of "
            + range.get("size")
            + " bytes of "
            + range.get("path")
            + " from offset "
            + range.get("offset")
            + " ("
            + range.get("encoding")
            + ").";
    return Boolean.TRUE.equals(range.get("truncated"))
        ? what + " More follows: read again with offset=" + range.get("next_offset") + "."
        : what;
  }

  /** The bytes as text when they are UTF-8 without NULs, else null. */
  static String text(byte[] data) {
    for (byte b : data) {
      if (b == 0) {
        return null;
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(data))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
