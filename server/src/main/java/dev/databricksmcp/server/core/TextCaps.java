package dev.databricksmcp.server.core;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Text from the workspace held to a size a model can read: a byte budget cut on a character, the
 * last lines of a trace or a log (where the error is).
 */
public final class TextCaps {
  private TextCaps() {}

  /** The text's size in UTF-8. */
  public static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** At most {@code maxBytes} of UTF-8, cut on a character. */
  public static String capped(String s, int maxBytes) {
    if (bytes(s) <= maxBytes) {
      return s;
    }
    int end = Math.min(s.length(), maxBytes);
    while (end > 0 && bytes(s.substring(0, end)) > maxBytes) {
      end -= Math.max(1, (bytes(s.substring(0, end)) - maxBytes) / 4);
    }
    return s.substring(0, end);
  }

  /** The last {@code n} lines, surrounding blank space removed. */
  public static String lastLines(String s, int n) {
    List<String> lines = s.strip().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
  }
}
