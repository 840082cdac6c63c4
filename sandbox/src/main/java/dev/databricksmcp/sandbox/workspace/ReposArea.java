package dev.databricksmcp.sandbox.workspace;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.state.SandboxState;
import dev.databricksmcp.sandbox.state.StateRegistry;
import java.util.List;

/** The Repos API: Git folders in the workspace tree, which {@link WorkspaceArea} registers. */
public final class ReposArea implements ApiArea {
  @Override
  public List<Class<? extends SandboxState>> needs() {
    return List.of(WorkspaceTree.class);
  }

  @Override
  public ApiModule build(StateRegistry r) {
    return new ReposApi(r.register(new GitFolders(r.get(WorkspaceTree.class))));
  }
}
