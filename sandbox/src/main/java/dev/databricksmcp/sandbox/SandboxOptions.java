package dev.databricksmcp.sandbox;

import java.nio.file.Path;

/**
 * How to start the sandbox.
 *
 * @param port loopback port, 0 for a free one
 * @param dataDir where DuckDB keeps its database across restarts; null keeps everything in memory
 * @param warehouseTransitionMillis how long a warehouse takes to start or stop
 */
public record SandboxOptions(int port, Path dataDir, long warehouseTransitionMillis) {
  public static final long DEFAULT_WAREHOUSE_TRANSITION_MILLIS = 1500;

  public SandboxOptions(int port, Path dataDir) {
    this(port, dataDir, DEFAULT_WAREHOUSE_TRANSITION_MILLIS);
  }

  public static SandboxOptions inMemory() {
    return new SandboxOptions(0, null);
  }
}
