package dev.databricksmcp.sandbox.files;

import dev.databricksmcp.sandbox.http.ApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * A caller's file path made canonical ({@code /a/b/c}), or refused. The path only ever names an
 * entry of a {@link FileTree} in the sandbox's own memory, never a host file; refusing {@code .},
 * {@code ..}, control characters and overlong paths still keeps every key unambiguous, so one file
 * has one name.
 */
public final class FilePaths {
  /** Longer paths are refused (HDFS and the Files API both bound a path to a few KB). */
  public static final int MAX_PATH_CHARS = 4096;

  private FilePaths() {}

  /** The canonical absolute path: one leading '/', no trailing '/' (except the root "/"). */
  public static String canonical(String raw, String field) {
    if (raw == null || raw.isEmpty()) {
      throw ApiException.invalid("Missing required field: " + field);
    }
    if (raw.length() > MAX_PATH_CHARS) {
      throw ApiException.invalid(
          "Invalid " + field + ": longer than " + MAX_PATH_CHARS + " characters");
    }
    if (!raw.startsWith("/")) {
      throw ApiException.invalid("Invalid " + field + ": the path must be absolute");
    }
    for (int i = 0; i < raw.length(); i++) {
      if (Character.isISOControl(raw.charAt(i))) {
        throw ApiException.invalid("Invalid " + field + ": control characters are not allowed");
      }
    }
    return "/" + String.join("/", segments(raw, field));
  }

  /** The path's segments, empty ones (a doubled or trailing '/') dropped. */
  public static List<String> segments(String canonicalOrRaw, String field) {
    List<String> out = new ArrayList<>();
    for (String s : canonicalOrRaw.split("/")) {
      if (s.isEmpty()) {
        continue;
      }
      if (s.equals(".") || s.equals("..")) {
        throw ApiException.invalid("Invalid " + field + ": '.' and '..' are not allowed in a path");
      }
      out.add(s);
    }
    return out;
  }

  /** The parent of a canonical path; the root's parent is the root. */
  public static String parent(String canonical) {
    int slash = canonical.lastIndexOf('/');
    return slash <= 0 ? "/" : canonical.substring(0, slash);
  }

  /** The last segment of a canonical path ("" for the root). */
  public static String name(String canonical) {
    return canonical.substring(canonical.lastIndexOf('/') + 1);
  }

  /** True when {@code path} is {@code dir} or under it. */
  public static boolean isAtOrUnder(String path, String dir) {
    return dir.equals("/") || path.equals(dir) || path.startsWith(dir + "/");
  }
}
