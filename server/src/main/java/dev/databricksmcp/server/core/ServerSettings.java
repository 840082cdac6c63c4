package dev.databricksmcp.server.core;

import java.util.Map;

/**
 * How this server process is configured, for the toolset modules. Settings of one toolset only (SQL
 * defaults, the cache TTL) are read by its module from {@link #env()}, so a new toolset adds no
 * field here.
 *
 * @param selection what the user enabled, and read-only mode
 * @param sandbox true when connected to the local sandbox
 * @param confirmDestructive whether destructive tools ask for confirmation
 * @param httpAuth "none", "token" or "databricks_apps"
 * @param env the environment the modules read their own settings from
 */
public record ServerSettings(
    ToolSelection selection,
    boolean sandbox,
    boolean confirmDestructive,
    String httpAuth,
    Map<String, String> env) {
  public ServerSettings {
    env = Map.copyOf(env);
  }

  public ServerSettings(
      ToolSelection selection, boolean sandbox, boolean confirmDestructive, String httpAuth) {
    this(selection, sandbox, confirmDestructive, httpAuth, Map.of());
  }

  /** Confirmations on, no HTTP auth, every module setting at its default. */
  public static ServerSettings of(ToolSelection selection, boolean sandbox) {
    return new ServerSettings(selection, sandbox, true, "none");
  }

  public boolean readOnly() {
    return selection.readOnly();
  }
}
