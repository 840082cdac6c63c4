package dev.databricksmcp.server.tools.files;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.workspace.ListWorkspaceRequest;
import com.databricks.sdk.service.workspace.ObjectInfo;
import com.databricks.sdk.service.workspace.ObjectType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A folder's contents, breadth first, stopped at a cap on the objects seen: the Workspace API lists
 * one folder a call and has no pages, so a deep tree is walked folder by folder and a walk that
 * would go past the cap stops, saying so.
 */
final class WorkspaceWalk {
  /** What was found, in walk order, and whether the cap cut the walk short. */
  record Found(List<ObjectInfo> objects, boolean truncated) {}

  private WorkspaceWalk() {}

  static Found of(WorkspaceClient w, String path, boolean recursive, int cap) {
    List<ObjectInfo> out = new ArrayList<>();
    Deque<String> folders = new ArrayDeque<>();
    folders.add(path);
    while (!folders.isEmpty()) {
      for (ObjectInfo o : w.workspace().list(new ListWorkspaceRequest().setPath(folders.poll()))) {
        if (out.size() == cap) {
          return new Found(out, true);
        }
        out.add(o);
        if (recursive && o.getObjectType() == ObjectType.DIRECTORY && !o.getPath().equals(path)) {
          folders.add(o.getPath());
        }
      }
    }
    return new Found(out, false);
  }
}
