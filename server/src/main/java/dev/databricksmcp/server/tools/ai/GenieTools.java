package dev.databricksmcp.server.tools.ai;

import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.tools.sql.SqlSettings;
import java.util.List;

/** AI/BI Genie: spaces, asking a question (or following one up), and reading the answers. */
final class GenieTools {
  private GenieTools() {}

  /**
   * @param sql the SQL toolset's row and byte caps (the server's settings, as execute_sql has them)
   */
  static List<ToolDef> definitions(SqlSettings sql) {
    return List.of(
        GenieSpaceTools.list(),
        GenieSpaceTools.get(),
        AskGenieTool.definition(sql),
        GenieMessageTools.getMessage(sql),
        GenieMessageTools.getQueryResult(sql));
  }
}
