package dev.databricksmcp.server.tools.ai;

import dev.databricksmcp.server.core.ToolDef;
import java.util.List;

/** AI/BI Genie: spaces, asking a question (or following one up), and reading the answers. */
final class GenieTools {
  private GenieTools() {}

  static List<ToolDef> definitions() {
    return List.of(
        GenieSpaceTools.list(),
        GenieSpaceTools.get(),
        AskGenieTool.definition(),
        GenieMessageTools.getMessage(),
        GenieMessageTools.getQueryResult());
  }
}
