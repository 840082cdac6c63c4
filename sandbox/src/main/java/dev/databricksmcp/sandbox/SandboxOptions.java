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
 * @param oauthLifetimes how long OAuth user-to-machine codes and tokens live (tests: short ones)
 */
public record SandboxOptions(
    int port,
    Path dataDir,
    long warehouseTransitionMillis,
    long clusterTransitionMillis,
    boolean pythonCommands,
    OAuthLifetimes oauthLifetimes) {
  public static final long DEFAULT_WAREHOUSE_TRANSITION_MILLIS = 1500;
  public static final long DEFAULT_CLUSTER_TRANSITION_MILLIS = 3000;

  /**
   * Lifetimes of what the OAuth user-to-machine flow hands out. Databricks' defaults: an access
   * token lives one hour ("Authorize user access to Databricks with OAuth", docs.databricks.com
   * /aws/en/dev-tools/auth/oauth-u2m); a custom app integration's token_access_policy sets access
   * tokens to 5..1440 minutes and refresh tokens to 5..129600 (Custom App Integration API).
   */
  public record OAuthLifetimes(
      java.time.Duration code, java.time.Duration accessToken, java.time.Duration refreshToken) {
    public static final OAuthLifetimes DEFAULT =
        new OAuthLifetimes(
            java.time.Duration.ofMinutes(5),
            java.time.Duration.ofHours(1),
            java.time.Duration.ofDays(90));
  }

  public SandboxOptions {
    if (oauthLifetimes == null) {
      oauthLifetimes = OAuthLifetimes.DEFAULT;
    }
  }

  public SandboxOptions(
      int port,
      Path dataDir,
      long warehouseTransitionMillis,
      long clusterTransitionMillis,
      boolean pythonCommands) {
    this(port, dataDir, warehouseTransitionMillis, clusterTransitionMillis, pythonCommands, null);
  }

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
        port, dataDir, warehouseTransitionMillis, clusterTransitionMillis, run, oauthLifetimes);
  }

  /** The same options, with these OAuth lifetimes (tests: seconds, to see tokens expire). */
  public SandboxOptions withOAuthLifetimes(OAuthLifetimes lifetimes) {
    return new SandboxOptions(
        port,
        dataDir,
        warehouseTransitionMillis,
        clusterTransitionMillis,
        pythonCommands,
        lifetimes);
  }

  public static SandboxOptions inMemory() {
    return new SandboxOptions(0, null);
  }
}
