package dev.databricksmcp.sandbox.state;

/**
 * Something the sandbox holds while it runs (the DuckDB engine, the metastore, warehouses, a
 * statement pool, an API area's objects): registered once in the {@link StateRegistry}, closed once
 * when the sandbox stops.
 */
public interface SandboxState {
  /** Releases threads, connections or files; called once, the latest registered state first. */
  default void close() {}
}
