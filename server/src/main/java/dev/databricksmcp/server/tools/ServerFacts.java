package dev.databricksmcp.server.tools;

import dev.databricksmcp.server.core.ToolSelection;
import dev.databricksmcp.server.tools.catalog.MetadataCache;
import dev.databricksmcp.server.tools.sql.SqlSettings;

/**
 * How this server process is configured, for the tool definitions that depend on it.
 *
 * @param httpAuth "none", "token" or "databricks_apps"
 * @param sql defaults of the SQL tools
 * @param cache the Unity Catalog metadata cache shared by the catalog tools
 */
public record ServerFacts(
    ToolSelection selection,
    boolean sandbox,
    boolean confirmDestructive,
    String httpAuth,
    SqlSettings sql,
    MetadataCache cache) {
  public ServerFacts(
      ToolSelection selection, boolean sandbox, boolean confirmDestructive, String httpAuth) {
    this(
        selection,
        sandbox,
        confirmDestructive,
        httpAuth,
        SqlSettings.defaults(),
        new MetadataCache(java.time.Duration.ofSeconds(30), System::nanoTime));
  }

  public static ServerFacts of(ToolSelection selection, boolean sandbox) {
    return new ServerFacts(selection, sandbox, true, "none");
  }
}
