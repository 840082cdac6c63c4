package dev.databricksmcp.sandbox.workspace;

import com.databricks.sdk.service.workspace.ObjectType;
import dev.databricksmcp.sandbox.auth.WorkspaceGroups;
import dev.databricksmcp.sandbox.permissions.AclObjectType;
import dev.databricksmcp.sandbox.permissions.ObjectAcls;
import java.util.Optional;

/**
 * How the Permissions API finds the workspace tree's objects: notebooks, folders, files and Git
 * folders, by object id, each inheriting from the folder that holds it ({@code /directories/<id>},
 * or {@code /repos/<id>} inside a Git folder). The tree's default grants are {@link
 * WorkspaceAccess}'s rules said as ACLs: a user manages their home folder ({@code /Users/<user>})
 * and their Git folders' folder ({@code /Repos/<user>}), and every user manages {@code /Shared}
 * ("All users have Can Manage permission for items in the Workspace > Shared folder",
 * https://docs.databricks.com/en/security/auth/access-control/index.html).
 */
final class WorkspaceAcls {
  private WorkspaceAcls() {}

  static void track(ObjectAcls acls, WorkspaceTree tree) {
    acls.track(AclObjectType.NOTEBOOKS, id -> find(tree, id, ObjectType.NOTEBOOK));
    acls.track(AclObjectType.DIRECTORIES, id -> find(tree, id, ObjectType.DIRECTORY));
    acls.track(AclObjectType.FILES, id -> find(tree, id, ObjectType.FILE));
    acls.track(AclObjectType.REPOS, id -> find(tree, id, ObjectType.REPO));
  }

  private static Optional<ObjectAcls.Tracked> find(WorkspaceTree tree, String id, ObjectType type) {
    if (!id.matches("\\d{1,19}")) {
      return Optional.empty();
    }
    Optional<WorkspaceObject> found;
    try {
      found = tree.byId(Long.parseLong(id));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return found.filter(o -> o.type() == type).map(o -> tracked(tree, o.path()));
  }

  private static ObjectAcls.Tracked tracked(WorkspaceTree tree, String path) {
    String parent = null;
    if (!path.equals("/")) {
      parent =
          tree.find(WorkspacePaths.parent(path))
              .map(
                  p ->
                      (p.type() == ObjectType.REPO
                              ? AclObjectType.REPOS
                              : AclObjectType.DIRECTORIES)
                          .objectId(Long.toString(p.objectId())))
              .orElse(null);
    }
    String folder = WorkspacePaths.parent(path);
    boolean home = folder.equals(WorkspaceAccess.USERS) || folder.equals(WorkspaceAccess.REPOS);
    String owner = home ? WorkspacePaths.name(path) : null;
    String group = path.equals(WorkspaceAccess.SHARED) ? WorkspaceGroups.USERS.displayName() : null;
    return new ObjectAcls.Tracked(owner, parent, group);
  }
}
