package dev.databricksmcp.server.tools.compute;

import com.databricks.sdk.service.compute.CommandStatusResponse;
import com.databricks.sdk.service.compute.ResultType;
import com.databricks.sdk.service.compute.Results;
import dev.databricksmcp.server.core.TextCaps;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A command's results as the tools answer them: text as {@code output}; a table as {@code columns}
 * and {@code rows} (arrays of values); an error as {@code error} (one line) and {@code traceback}
 * (its last lines). Everything is held to a byte budget and row cap, with {@code truncated} and the
 * total size when cut. Databricks writes errors with HTML and ANSI colour codes: removed.
 */
final class CommandOutput {
  /** Lines of a traceback kept: the end, where the error is. */
  static final int TRACEBACK_LINES = 30;

  private static final Pattern MARKUP = Pattern.compile("<[^>]{1,200}>|\u001B\\[[0-9;]*[A-Za-z]");

  private CommandOutput() {}

  /** The results' part of {@code data}, added to {@code data}. */
  static void add(
      Map<String, Object> data, CommandStatusResponse status, int maxRows, int maxBytes) {
    Results r = status.getResults();
    if (r == null || r.getResultType() == null) {
      return;
    }
    data.put("result_type", r.getResultType().name().toLowerCase(java.util.Locale.ROOT));
    if (r.getResultType() == ResultType.ERROR) {
      data.put(
          "error",
          TextCaps.capped(
              plain(r.getSummary() == null ? firstLine(r.getCause()) : r.getSummary()), 2_000));
      data.put(
          "traceback",
          TextCaps.capped(TextCaps.lastLines(plain(r.getCause()), TRACEBACK_LINES), maxBytes));
    } else if (r.getResultType() == ResultType.TABLE) {
      table(data, r, maxRows, maxBytes);
    } else if (r.getResultType() == ResultType.TEXT) {
      String text = r.getData() == null ? "" : String.valueOf(r.getData());
      int total = TextCaps.bytes(text);
      String kept = TextCaps.capped(text, maxBytes);
      data.put("output", kept);
      boolean cut = kept.length() < text.length() || Boolean.TRUE.equals(r.getTruncated());
      data.put("truncated", cut);
      if (cut) {
        data.put("total_bytes", total);
      }
    } else {
      data.put("output", "The command produced an image; open it in a notebook to see it.");
    }
  }

  private static void table(Map<String, Object> data, Results r, int maxRows, int maxBytes) {
    List<Map<String, Object>> columns = new ArrayList<>();
    if (r.getSchema() != null) {
      for (Map<String, Object> c : r.getSchema()) {
        Map<String, Object> col = new LinkedHashMap<>();
        col.put("name", String.valueOf(c.get("name")));
        col.put("type", String.valueOf(c.get("type")).replace("\"", ""));
        columns.add(col);
      }
    }
    List<Object> all =
        r.getData() instanceof Collection<?> rows ? new ArrayList<>(rows) : List.of();
    List<Object> kept = new ArrayList<>();
    int bytes = 0;
    for (Object row : all) {
      int size = TextCaps.bytes(String.valueOf(row));
      if (kept.size() >= maxRows || !kept.isEmpty() && bytes + size > maxBytes) {
        break;
      }
      kept.add(row);
      bytes += size;
    }
    data.put("columns", columns);
    data.put("rows", kept);
    data.put("row_count", kept.size());
    data.put("total_rows", all.size());
    data.put("truncated", kept.size() < all.size() || Boolean.TRUE.equals(r.getTruncated()));
  }

  /** One line for a message: the error, or how much output there is. */
  static String summary(Map<String, Object> data) {
    if (data.containsKey("error")) {
      return String.valueOf(data.get("error"));
    }
    if (data.containsKey("rows")) {
      return data.get("row_count") + " of " + data.get("total_rows") + " row(s)";
    }
    return "";
  }

  static String plain(String s) {
    return s == null ? "" : MARKUP.matcher(s).replaceAll("");
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.strip().lines().findFirst().orElse("");
  }
}
