package dev.databricksmcp.sandbox.workspace;

import dev.databricksmcp.sandbox.auth.Principal;
import dev.databricksmcp.sandbox.http.ApiException;
import java.util.Set;

/**
 * Who may read and change what, as a new workspace's default folder permissions have it and no more
 * (the sandbox keeps no per-object ACLs): admins everything; every user their own home folder
 * ({@code /Users/<user name>}), their Git folders' folder ({@code /Repos/<user name>}) and {@code
 * /Shared}, which all users manage by default; the root, {@code /Users} and {@code /Repos} are
 * readable (a user sees only their own folder in them). The top-level folders and the home folders
 * are the workspace's own: no one deletes them through this API.
 */
final class WorkspaceAccess {
  static final String USERS = "/Users";
  static final String SHARED = "/Shared";

  /** Where Git folders live by default: {@code /Repos/<user name>} for each user. */
  static final String REPOS = "/Repos";

  private static final Set<String> TOP = Set.of("/", USERS, SHARED, REPOS);

  private WorkspaceAccess() {}

  static String home(Principal p) {
    return USERS + "/" + p.userName();
  }

  /** A user's own folder of Git folders, {@code /Repos/<user name>}. */
  static String reposHome(Principal p) {
    return REPOS + "/" + p.userName();
  }

  static boolean canRead(Principal p, String path) {
    return p.admin()
        || path.equals("/")
        || path.equals(USERS)
        || path.equals(REPOS)
        || writable(p, path);
  }

  static void requireRead(Principal p, String path) {
    if (!canRead(p, path)) {
      throw denied(p, path);
    }
  }

  static void requireWrite(Principal p, String path) {
    if (!p.admin() && !writable(p, path)) {
      throw denied(p, path);
    }
  }

  static void requireDeletable(Principal p, String path) {
    requireWrite(p, path);
    String parent = WorkspacePaths.parent(path);
    if (TOP.contains(path) || parent.equals(USERS) || parent.equals(REPOS)) {
      throw ApiException.denied(
          "Folder " + path + " belongs to the workspace: it cannot be deleted.");
    }
  }

  private static boolean writable(Principal p, String path) {
    return WorkspacePaths.isWithin(path, SHARED)
        || WorkspacePaths.isWithin(path, home(p))
        || WorkspacePaths.isWithin(path, reposHome(p));
  }

  private static ApiException denied(Principal p, String path) {
    return ApiException.denied(
        "User " + p.userName() + " does not have the permissions required on " + path + ".");
  }
}
