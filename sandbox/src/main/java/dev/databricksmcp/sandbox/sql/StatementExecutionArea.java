package dev.databricksmcp.sandbox.sql;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.engine.DuckDbEngine;
import dev.databricksmcp.sandbox.events.StatementLog;
import dev.databricksmcp.sandbox.files.VolumeAccess;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.state.SandboxState;
import dev.databricksmcp.sandbox.state.StateRegistry;
import dev.databricksmcp.sandbox.uc.Grants;
import dev.databricksmcp.sandbox.uc.Metastore;
import java.util.List;

/** SQL statement execution on a warehouse registered by {@link WarehousesArea}. */
public final class StatementExecutionArea implements ApiArea {
  @Override
  public List<Class<? extends SandboxState>> needs() {
    return List.of(Warehouses.class, VolumeAccess.class);
  }

  @Override
  public ApiModule build(StateRegistry r) {
    return new StatementExecutionApi(
        r.register(
            new StatementRunner(
                r.get(DuckDbEngine.class),
                r.get(Metastore.class),
                r.get(Grants.class),
                r.get(VolumeAccess.class),
                r.get(Warehouses.class),
                r.get(StatementLog.class))),
        r.get(Warehouses.class));
  }
}
