package dev.databricksmcp.server.tools.files;

import com.databricks.sdk.service.files.DirectoryEntry;
import dev.databricksmcp.server.core.Times;
import dev.databricksmcp.server.core.ToolException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Volume paths checked before the SDK sees them, and directory entries as rows. */
final class VolumeFileRows {
  private VolumeFileRows() {}

  /**
   * A path in a volume, {@code /Volumes/<catalog>/<schema>/<volume>[/…]}: the three names lower
   * case as Unity Catalog stores them, the rest as given.
   */
  static String path(String field, String raw) {
    List<String> s = new java.util.ArrayList<>(DbfsRows.segments(field, raw));
    if (!raw.startsWith("/") || s.size() < 4 || !s.get(0).equals("Volumes")) {
      throw ToolException.validation(
          field, "must be a volume path: /Volumes/<catalog>/<schema>/<volume>/…");
    }
    for (int i = 1; i <= 3; i++) {
      s.set(i, s.get(i).toLowerCase(Locale.ROOT));
    }
    return "/" + String.join("/", s);
  }

  /** A file in a volume: below the volume's own directory. */
  static String filePath(String field, String raw) {
    String p = path(field, raw);
    if (p.split("/").length < 6) {
      throw ToolException.validation(
          field, "names a volume, not a file in it: /Volumes/<catalog>/<schema>/<volume>/<file>");
    }
    return p;
  }

  static Map<String, Object> row(DirectoryEntry e) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("path", e.getPath());
    row.put("name", e.getName());
    row.put("is_directory", Boolean.TRUE.equals(e.getIsDirectory()));
    if (e.getFileSize() != null) {
      row.put("size", e.getFileSize());
    }
    if (e.getLastModified() != null && e.getLastModified() > 0) {
      row.put("modified_at", Times.iso(e.getLastModified()));
    }
    return row;
  }

  /** An HTTP date ({@code Last-Modified}) as ISO-8601 UTC; as given when it does not parse. */
  static String httpDate(String value) {
    if (value == null) {
      return null;
    }
    try {
      return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
          .toInstant()
          .toString();
    } catch (DateTimeParseException e) {
      return value;
    }
  }
}
