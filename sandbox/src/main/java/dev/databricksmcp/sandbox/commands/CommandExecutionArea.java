package dev.databricksmcp.sandbox.commands;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.compute.Clusters;
import dev.databricksmcp.sandbox.engine.DuckDbEngine;
import dev.databricksmcp.sandbox.files.VolumeAccess;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.SandboxUrl;
import dev.databricksmcp.sandbox.sql.CallerStatement;
import dev.databricksmcp.sandbox.state.SandboxState;
import dev.databricksmcp.sandbox.state.StateRegistry;
import dev.databricksmcp.sandbox.uc.Grants;
import dev.databricksmcp.sandbox.uc.Metastore;
import java.util.List;

/** Command Execution API 1.2 on the clusters of {@code ClustersArea}. */
public final class CommandExecutionArea implements ApiArea {
  @Override
  public List<Class<? extends SandboxState>> needs() {
    return List.of(Clusters.class, VolumeAccess.class);
  }

  @Override
  public ApiModule build(StateRegistry r) {
    Clusters clusters = r.get(Clusters.class);
    SqlCommands sql =
        new SqlCommands(
            new CallerStatement(
                r.get(DuckDbEngine.class),
                r.get(Metastore.class),
                r.get(Grants.class),
                r.get(VolumeAccess.class)));
    PythonCommands python =
        new PythonCommands(
            r.options().pythonCommands(),
            new PythonProcess(r.get(Identities.class), r.get(SandboxUrl.class)));
    ExecutionContexts contexts = r.register(new ExecutionContexts(clusters, sql, python));
    return new CommandExecutionApi(contexts, clusters);
  }
}
