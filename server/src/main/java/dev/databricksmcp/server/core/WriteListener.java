package dev.databricksmcp.server.core;

/**
 * Told after every call of a tool that may change the workspace (not read-only) once its handler
 * started, whatever the outcome: success, error or timeout, since a write that may have happened
 * must not leave stale state behind. Shared services that hold state derived from the workspace (a
 * metadata cache) implement it and are registered by {@link SharedServices} on creation, so no
 * handler has to remember to clear them.
 */
@FunctionalInterface
public interface WriteListener {
  /**
   * Called on the thread that ends the call (or the deadline watcher's), before the answer is
   * delivered; must be quick and must not throw.
   */
  void afterWrite(ToolDef tool);
}
