package dev.databricksmcp.server.tools.files;

import com.databricks.sdk.service.files.FileInfo;
import dev.databricksmcp.server.core.Params;
import dev.databricksmcp.server.core.Times;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.patterns.Listing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** DBFS paths checked before the SDK sees them, entries as rows, and pages of a whole listing. */
final class DbfsRows {
  private DbfsRows() {}

  /**
   * A DBFS path, {@code dbfs:/…} or {@code /…}, as {@code /…}: no {@code .} or {@code ..} segment,
   * no control character.
   */
  static String path(String field, String raw) {
    String p = raw.startsWith("dbfs:") ? raw.substring(5) : raw;
    if (!p.startsWith("/")) {
      throw ToolException.validation(field, "must be an absolute DBFS path: dbfs:/… or /…");
    }
    return "/" + String.join("/", segments(field, p));
  }

  /** The path's segments; '.', '..' and control characters refused. */
  static List<String> segments(String field, String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) {
      if (s.isEmpty()) {
        continue;
      }
      if (s.equals(".") || s.equals("..")) {
        throw ToolException.validation(field, "may not hold '.' or '..' segments");
      }
      for (int i = 0; i < s.length(); i++) {
        if (Character.isISOControl(s.charAt(i))) {
          throw ToolException.validation(field, "may not hold control characters");
        }
      }
      out.add(s);
    }
    return out;
  }

  static Map<String, Object> row(FileInfo f) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("path", f.getPath());
    row.put("name", name(f.getPath()));
    row.put("is_directory", Boolean.TRUE.equals(f.getIsDir()));
    if (!Boolean.TRUE.equals(f.getIsDir())) {
      row.put("size", f.getFileSize());
    }
    if (f.getModificationTime() != null && f.getModificationTime() > 0) {
      row.put("modified_at", Times.iso(f.getModificationTime()));
    }
    return row;
  }

  static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** The page a request asks for out of a list the API answers whole; the token is an offset. */
  static <I> Listing.Page<I> page(List<I> all, Listing.Request request) {
    int from = 0;
    String token = request.pageToken();
    if (token != null && !token.isEmpty()) {
      try {
        from = Integer.parseInt(token);
      } catch (NumberFormatException e) {
        from = -1;
      }
      if (from < 0) {
        throw ToolException.validation(
            Params.PAGE_TOKEN.name(), "is not a token this list handed out; start without one");
      }
    }
    from = Math.min(from, all.size());
    int to = Math.min(all.size(), from + request.maxResults());
    return Listing.Page.of(all.subList(from, to), to < all.size() ? String.valueOf(to) : null);
  }
}
