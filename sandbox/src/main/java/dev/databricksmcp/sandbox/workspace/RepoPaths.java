package dev.databricksmcp.sandbox.workspace;

import dev.databricksmcp.sandbox.http.ApiException;

/**
 * Where a Git folder may be and what a ref may be called. create-repo.md: "Almost any path in the
 * workspace can be chosen. If repo is created in /Repos, path must be in the format
 * /Repos/{folder}/{repo-name}." The root itself holds only the workspace's own folders (the
 * sandbox's choice: the reference is silent).
 */
final class RepoPaths {
  /** The longest branch, tag or pattern taken; the reference names no limit. */
  private static final int MAX_REF_LENGTH = 1024;

  private RepoPaths() {}

  /** The canonical form of a repo's path; INVALID_PARAMETER_VALUE where no repo may be. */
  static String checked(String raw) {
    String path = WorkspacePaths.canonical(raw);
    String parent = WorkspacePaths.parent(path);
    if (parent.equals("/")) {
      throw ApiException.invalid(
          "Invalid repo path " + raw + ": a Git folder cannot be at the top of the workspace.");
    }
    if (WorkspacePaths.isWithin(path, WorkspaceAccess.REPOS)
        && !WorkspacePaths.parent(parent).equals(WorkspaceAccess.REPOS)) {
      throw ApiException.invalid(
          "Invalid repo path " + raw + ": it must be in the format /Repos/{folder}/{repo-name}.");
    }
    return path;
  }

  /** The prefix a list filters on: {@code /Repos} when none is given (list-repos.md). */
  static String listPrefix(String raw) {
    if (raw == null || raw.isEmpty() || raw.equals("/") || raw.equals("/Workspace")) {
      return WorkspaceAccess.REPOS;
    }
    if (raw.length() > WorkspacePaths.MAX_LENGTH) {
      throw ApiException.invalid("path_prefix is longer than " + WorkspacePaths.MAX_LENGTH + ".");
    }
    return raw.startsWith("/Workspace/") ? raw.substring("/Workspace".length()) : raw;
  }

  /** A branch, tag or pattern: not blank, without control characters or spaces. */
  static String ref(String field, String value) {
    if (value.isBlank() || value.length() > MAX_REF_LENGTH) {
      throw ApiException.invalid("Invalid " + field + ": " + value);
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) || Character.isWhitespace(c)) {
        throw ApiException.invalid(
            "Invalid " + field + ": it contains a space or control character.");
      }
    }
    return value;
  }
}
