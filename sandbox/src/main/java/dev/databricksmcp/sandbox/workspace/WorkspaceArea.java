package dev.databricksmcp.sandbox.workspace;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.permissions.ObjectAcls;
import dev.databricksmcp.sandbox.state.StateRegistry;

/**
 * The Workspace API and its tree of folders, notebooks and files; other areas that read notebooks
 * or source files list {@link WorkspaceTree} in their {@code needs()}.
 */
public final class WorkspaceArea implements ApiArea {
  @Override
  public ApiModule build(StateRegistry r) {
    WorkspaceTree tree = r.register(new WorkspaceTree(r.get(Identities.class).all()));
    WorkspaceAcls.track(r.get(ObjectAcls.class), tree);
    return new WorkspaceApi(tree);
  }
}
