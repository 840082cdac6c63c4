package dev.databricksmcp.sandbox.pipelines;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.compute.ComputeClock;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.permissions.AclObjectType;
import dev.databricksmcp.sandbox.permissions.ObjectAcls;
import dev.databricksmcp.sandbox.sql.StatementRunner;
import dev.databricksmcp.sandbox.sql.TaskStatements;
import dev.databricksmcp.sandbox.sql.Warehouses;
import dev.databricksmcp.sandbox.state.SandboxState;
import dev.databricksmcp.sandbox.state.StateRegistry;
import dev.databricksmcp.sandbox.uc.Metastore;
import dev.databricksmcp.sandbox.workspace.WorkspaceTree;
import java.util.List;

/**
 * Lakeflow Declarative Pipelines (Pipelines API 2.0) with SQL pipelines that really run: the
 * datasets of a pipeline's SQL files and notebooks become tables in its catalog and schema, in
 * dependency order, through the sandbox's SQL engine as the pipeline's owner.
 */
public final class PipelinesArea implements ApiArea {
  /** The pause between two update states: long enough to be seen, short enough for tests. */
  private static final long TRANSITION_MILLIS = 100;

  private final ComputeClock clock;

  public PipelinesArea() {
    this(new ComputeClock());
  }

  public PipelinesArea(ComputeClock clock) {
    this.clock = clock;
  }

  @Override
  public List<Class<? extends SandboxState>> needs() {
    return List.of(Warehouses.class, StatementRunner.class, WorkspaceTree.class);
  }

  @Override
  public ApiModule build(StateRegistry r) {
    Pipelines pipelines = r.register(new Pipelines());
    r.get(ObjectAcls.class)
        .track(
            AclObjectType.PIPELINES,
            id -> ObjectAcls.createdBy(() -> pipelines.get(id).pipeline.getCreatorUserName()));
    FlowStatements statements =
        new FlowStatements(
            new TaskStatements(r.get(StatementRunner.class), r.get(Warehouses.class)),
            r.get(Warehouses.class));
    Identities identities = r.get(Identities.class);
    UpdateLauncher launcher =
        r.register(
            new UpdateLauncher(
                pipelines,
                identities,
                new UpdateRun.Deps(
                    new PipelineSources(r.get(WorkspaceTree.class)),
                    statements,
                    r.get(Metastore.class),
                    clock,
                    TRANSITION_MILLIS)));
    return new PipelinesApi(pipelines, launcher, new TableCascade(statements, identities), clock);
  }
}
