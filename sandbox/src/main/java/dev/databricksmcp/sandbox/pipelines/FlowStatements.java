package dev.databricksmcp.sandbox.pipelines;

import com.databricks.sdk.service.sql.EndpointInfo;
import dev.databricksmcp.sandbox.auth.Principal;
import dev.databricksmcp.sandbox.sql.TaskStatements;
import dev.databricksmcp.sandbox.sql.Warehouses;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the statements of a pipeline's flows as the pipeline's owner, through {@link
 * TaskStatements}: the same translation, grants, lockdown, query history and lineage as any
 * statement. Serverless pipelines have no warehouse of their own; the sandbox runs them on its
 * starter warehouse (or, when that is gone, the first warehouse there is).
 */
final class FlowStatements {
  private final TaskStatements statements;
  private final Warehouses warehouses;

  FlowStatements(TaskStatements statements, Warehouses warehouses) {
    this.statements = statements;
    this.warehouses = warehouses;
  }

  /**
   * Runs one statement and waits for it; its Databricks error message when it did not succeed, null
   * when it did.
   *
   * @param onStart the running statement's cancel, for a stop; null once it ended
   */
  String run(Principal owner, String sql, String catalog, String schema, Consumer<Runnable> onStart)
      throws InterruptedException {
    TaskStatements.Handle h;
    try {
      h = statements.start(owner, warehouse(), sql, Map.of(), catalog, schema);
    } catch (RuntimeException e) {
      return e.getMessage();
    }
    onStart.accept(h::cancel);
    try {
      TaskStatements.Outcome o = h.await(0);
      if (o.succeeded()) {
        return null;
      }
      return o.error() == null ? "The statement was " + o.state() + "." : o.error();
    } finally {
      onStart.accept(null);
    }
  }

  private String warehouse() {
    List<EndpointInfo> all = warehouses.list();
    for (EndpointInfo w : all) {
      if (Warehouses.STARTER_ID.equals(w.getId())) {
        return w.getId();
      }
    }
    if (all.isEmpty()) {
      throw new IllegalStateException("The sandbox has no SQL warehouse to run the pipeline on.");
    }
    return all.get(0).getId();
  }
}
