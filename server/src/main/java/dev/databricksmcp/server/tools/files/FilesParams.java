package dev.databricksmcp.server.tools.files;

import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.ToolException;
import java.util.List;

/** The parameters of the files tools, declared once. */
final class FilesParams {
  /** Longest workspace path taken: far above any real one, a bound on what a caller sends. */
  static final int MAX_PATH_CHARS = 4096;

  static final Param<String> PATH =
      Param.string(
              "path",
              "Absolute workspace path, e.g. /Users/me@example.com/report or /Shared/etl"
                  + " (/Workspace/... accepted)")
          .checkedBy(FilesParams::workspacePath)
          .required();

  static final Param<Boolean> RECURSIVE =
      Param.bool("recursive", "Also go into sub-folders").withDefault(false);

  static final List<String> LANGUAGES = List.of("PYTHON", "SQL", "SCALA", "R");

  private FilesParams() {}

  /**
   * An absolute workspace path, trailing slash dropped: refused, naming the field, when relative,
   * too long, holding control characters or {@code .}, {@code ..} or empty segments (a path names a
   * workspace object; nothing is resolved against it).
   */
  static String workspacePath(String field, String value) {
    String path = value.strip();
    if (path.length() > MAX_PATH_CHARS) {
      throw ToolException.validation(field, "is longer than " + MAX_PATH_CHARS + " characters");
    }
    if (!path.startsWith("/")) {
      throw ToolException.validation(
          field, "must be an absolute workspace path starting with '/', e.g. /Shared/report");
    }
    for (int i = 0; i < path.length(); i++) {
      if (Character.isISOControl(path.charAt(i))) {
        throw ToolException.validation(field, "contains a control character");
      }
    }
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (!path.equals("/")) {
      for (String segment : path.substring(1).split("/", -1)) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
          throw ToolException.validation(
              field, "must not contain empty, '.' or '..' segments: give the path itself");
        }
      }
    }
    return path;
  }
}
