package dev.databricksmcp.sandbox;

import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.state.SandboxState;
import dev.databricksmcp.sandbox.state.StateRegistry;
import java.util.List;

/**
 * One area of the Databricks REST API as the sandbox plugs it in: built once, after DuckDB is
 * locked, from the state it takes from the registry (and any state of its own it registers there).
 * Areas are found by {@link ApiAreas#discovered()}: a class with a public no-argument constructor,
 * named in {@code META-INF/services/dev.databricksmcp.sandbox.ApiArea}.
 */
public interface ApiArea {
  /**
   * The states other areas register that this one takes from the registry; it is built after them.
   * The core states ({@code CoreState}: engine, identities, object ACLs, metastore, grants, logs)
   * are always there and are not listed. Taking a state not listed here fails start-up, so the list
   * cannot fall out of step with the code.
   */
  default List<Class<? extends SandboxState>> needs() {
    return List.of();
  }

  ApiModule build(StateRegistry registry);
}
