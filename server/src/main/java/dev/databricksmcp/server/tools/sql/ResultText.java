package dev.databricksmcp.server.tools.sql;

import dev.databricksmcp.server.core.Jsons;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A result page as text for the model: a markdown table (default), CSV, or JSON lines. */
final class ResultText {
  static final List<String> FORMATS = List.of("MARKDOWN", "CSV", "JSON");
  private static final int MAX_CELL = 200;

  private ResultText() {}

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
