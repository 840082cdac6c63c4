package dev.databricksmcp.sandbox.workspace;

import dev.databricksmcp.sandbox.http.ApiException;

/**
 * Workspace paths as the Workspace API takes them: absolute, {@code /}-separated, the {@code
 * /Workspace} prefix accepted as an alias of the root (the workspace file system shows the tree
 * under /Workspace). A path only names a node of the sandbox's own tree: it is never resolved
 * against the host's file system, and {@code .}/{@code ..} segments are refused rather than
 * interpreted.
 */
public final class WorkspacePaths {
  /**
   * The longest path taken. The reference names no limit; this one keeps a caller from filling
   * memory with names, far above any real notebook path.
   */
  public static final int MAX_LENGTH = 4096;

  private static final String ALIAS = "/Workspace";

  private WorkspacePaths() {}

  /**
   * The canonical form of {@code raw}: no trailing slash, no {@code /Workspace} prefix; refused
   * with INVALID_PARAMETER_VALUE when missing, relative, too long, or holding empty, {@code .} or
   * {@code ..} segments or control characters.
   */
  public static String canonical(String raw) {
    if (raw == null || raw.isEmpty()) {
      throw ApiException.invalid("Missing required field: path");
    }
    if (raw.length() > MAX_LENGTH) {
      throw ApiException.invalid("Path is longer than " + MAX_LENGTH + " characters.");
    }
    if (!raw.startsWith("/")) {
      throw ApiException.invalid("Path (" + raw + ") is not absolute: it must start with '/'.");
    }
    for (int i = 0; i < raw.length(); i++) {
      if (Character.isISOControl(raw.charAt(i))) {
        throw ApiException.invalid("Path contains a control character.");
      }
    }
    String path = raw.length() > 1 && raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
    if (path.equals(ALIAS)) {
      return "/";
    }
    if (path.startsWith(ALIAS + "/")) {
      path = path.substring(ALIAS.length());
    }
    if (path.equals("/")) {
      return path;
    }
    for (String segment : path.substring(1).split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw ApiException.invalid(
            "Path (" + raw + ") is not valid: empty, '.' and '..' segments are not allowed.");
      }
    }
    return path;
  }

  /** The parent of a canonical path; "/" for a top-level one. */
  public static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  /** The last segment of a canonical path. */
  public static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** Whether {@code path} is {@code ancestor} or below it. */
  public static boolean isWithin(String path, String ancestor) {
    return path.equals(ancestor)
        || ancestor.equals("/")
        || path.startsWith(ancestor.endsWith("/") ? ancestor : ancestor + "/");
  }
}
