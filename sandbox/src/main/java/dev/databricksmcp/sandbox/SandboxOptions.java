package dev.databricksmcp.sandbox;

import java.nio.file.Path;

/**
 * How to start the sandbox.
 *
 * @param port loopback port, 0 for a free one
 * @param dataDir where DuckDB keeps its database across restarts; null keeps everything in memory
 * @param warehouseTransitionMillis how long a warehouse takes to start or stop
 * @param clusterTransitionMillis how long a cluster takes to start, restart, resize or terminate
 * @param pythonCommands whether Python commands (Command Execution API) run, in a local {@code
 *     python3} on this machine: off unless the user opts in ({@code --sandbox-python}), since that
 *     is code running on the host
 */
public record SandboxOptions(
    int port,
    Path dataDir,
    long warehouseTransitionMillis,
    long clusterTransitionMillis,
    boolean pythonCommands) {
  public static final long DEFAULT_WAREHOUSE_TRANSITION_MILLIS = 1500;
  public static final long DEFAULT_CLUSTER_TRANSITION_MILLIS = 3000;

  public SandboxOptions(
      int port, Path dataDir, long warehouseTransitionMillis, long clusterTransitionMillis) {
    this(port, dataDir, warehouseTransitionMillis, clusterTransitionMillis, false);
  }

  public SandboxOptions(int port, Path dataDir) {
    this(port, dataDir, DEFAULT_WAREHOUSE_TRANSITION_MILLIS, DEFAULT_CLUSTER_TRANSITION_MILLIS);
  }

  /** Warehouses and clusters both change state in {@code transitionMillis} (tests: a short one). */
  public SandboxOptions(int port, Path dataDir, long transitionMillis) {
    this(port, dataDir, transitionMillis, transitionMillis);
  }

  /** The same options, with Python commands run locally ({@code true}) or refused. */
  public SandboxOptions withPythonCommands(boolean run) {
    return new SandboxOptions(
        port, dataDir, warehouseTransitionMillis, clusterTransitionMillis, run);
  }

  public static SandboxOptions inMemory() {
    return new SandboxOptions(0, null);
  }
}
