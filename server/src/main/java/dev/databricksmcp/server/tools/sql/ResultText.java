package dev.databricksmcp.server.tools.sql;

import dev.databricksmcp.server.core.Jsons;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A result page as text for the model: a markdown table (default), CSV, or JSON lines. */
final class ResultText {
  static final List<String> FORMATS = List.of("MARKDOWN", "CSV", "JSON");
  private static final int MAX_CELL = 200;

  /**
   * Bytes of the text block kept for the message, the count and the data delimiters, out of the
   * byte budget, so that the whole text block a model reads stays within it.
   */
  static final int FRAME_BYTES = 1024;

  private ResultText() {}

  /**
   * A page and its rendering, both within the byte budget.
   *
   * @param textCut the one row left was itself over the budget, so its text was cut (the row is
   *     whole in the structured rows)
   */
  record Fitted(ResultPage page, String text, boolean textCut) {}

  /** The rendered rows' budget: the byte budget less what the text block's frame takes. */
  static int budget(int maxBytes) {
    return Math.max(maxBytes - FRAME_BYTES, maxBytes / 2);
  }

  /**
   * Renders the page and, when the text is over the budget, keeps the most rows whose text fits (at
   * least one; a single row over the budget has its text cut), so the text block a model reads is
   * held to the same budget as the structured rows, and the page ends where the text does.
   */
  static Fitted fit(ResultPage page, String format, int maxBytes) {
    int budget = budget(maxBytes);
    String text = render(page, format);
    if (bytes(text) <= budget) {
      return new Fitted(page, text, false);
    }
    int lo = 1;
    int hi = page.rows().size() - 1;
    int best = 0;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (bytes(render(page.keep(mid), format)) <= budget) {
        best = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (best > 0) {
      ResultPage kept = page.keep(best);
      return new Fitted(kept, render(kept, format), false);
    }
    ResultPage one = page.rows().isEmpty() ? page : page.keep(1);
    return new Fitted(one, cut(render(one, format), budget), true);
  }

  static int bytes(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  /** The longest prefix of {@code s} within {@code budget} UTF-8 bytes, marked as cut. */
  private static String cut(String s, int budget) {
    String mark = "\n… (text cut at " + budget + " bytes)";
    int room = Math.max(0, budget - bytes(mark));
    int used = 0;
    int end = 0;
    while (end < s.length()) {
      int cp = s.codePointAt(end);
      int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (used + size > room) {
        break;
      }
      used += size;
      end += Character.charCount(cp);
    }
    return s.substring(0, end) + mark;
  }

  static String render(ResultPage page, String format) {
    return switch (format.toUpperCase(Locale.ROOT)) {
      case "CSV" -> csv(page);
      case "JSON" -> json(page);
      default -> markdown(page);
    };
  }

  private static String markdown(ResultPage page) {
    StringBuilder out = new StringBuilder("|");
    for (Map<String, Object> c : page.columns()) {
      out.append(' ').append(cell(String.valueOf(c.get("name")))).append(" |");
    }
    out.append("\n|");
    out.append("---|".repeat(page.columns().size()));
    for (List<Object> row : page.rows()) {
      out.append("\n|");
      for (Object v : row) {
        out.append(' ')
            .append(v == null ? "NULL" : cell(v instanceof String s ? s : Jsons.write(v)))
            .append(" |");
      }
    }
    return out.toString();
  }

  private static String cell(String s) {
    String flat = s.replace("\r", " ").replace("\n", " ").replace("|", "\\|");
    return flat.length() > MAX_CELL ? flat.substring(0, MAX_CELL) + "…" : flat;
  }

  private static String csv(ResultPage page) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.join(
            ",", page.columns().stream().map(c -> quote(String.valueOf(c.get("name")))).toList()));
    for (List<Object> row : page.rows()) {
      out.append('\n')
          .append(
              String.join(
                  ",",
                  row.stream()
                      .map(v -> v == null ? "" : quote(v instanceof String s ? s : Jsons.write(v)))
                      .toList()));
    }
    return out.toString();
  }

  private static String quote(String s) {
    return s.matches(".*[\",\\n\\r].*") || s.isEmpty() ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  private static String json(ResultPage page) {
    StringBuilder out = new StringBuilder();
    for (List<Object> row : page.rows()) {
      Map<String, Object> obj = new java.util.LinkedHashMap<>();
      for (int i = 0; i < row.size() && i < page.columns().size(); i++) {
        obj.put(String.valueOf(page.columns().get(i).get("name")), row.get(i));
      }
      out.append(Jsons.write(obj)).append('\n');
    }
    return out.toString().stripTrailing();
  }
}
