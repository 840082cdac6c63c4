package dev.databricksmcp.server.tools;

import dev.databricksmcp.server.core.ToolSelection;

/**
 * How this server process is configured, for tools that report it (get_workspace_info).
 *
 * @param httpAuth "none", "token" or "databricks_apps"
 */
public record ServerFacts(ToolSelection selection, boolean sandbox, boolean confirmDestructive, String httpAuth) {
  public static ServerFacts of(ToolSelection selection, boolean sandbox) {
    return new ServerFacts(selection, sandbox, true, "none");
  }
}
