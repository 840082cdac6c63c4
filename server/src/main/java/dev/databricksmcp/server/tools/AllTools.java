package dev.databricksmcp.server.tools;

import dev.databricksmcp.server.core.Inventory;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolSelection;
import dev.databricksmcp.server.tools.workspace.WorkspaceInfoTool;
import java.util.ArrayList;
import java.util.List;

/**
 * The one list of every tool the server has. Registration, filtering, the {@code tools} command, the
 * README table and the tests all start here. A new toolset adds its definitions below.
 */
public final class AllTools {
  private AllTools() {}

  /**
   * @param selection what the user enabled (reported by get_workspace_info)
   * @param sandbox true when connected to the local sandbox
   */
  public static List<ToolDef> definitions(ToolSelection selection, boolean sandbox) {
    return definitions(ServerFacts.of(selection, sandbox));
  }

  public static List<ToolDef> definitions(ServerFacts facts) {
    List<ToolDef> all = new ArrayList<>();
    all.add(WorkspaceInfoTool.definition(facts));
    return all;
  }

  public static Inventory inventory(ToolSelection selection, boolean sandbox) {
    return new Inventory(definitions(selection, sandbox));
  }

  public static Inventory inventory(ServerFacts facts) {
    return new Inventory(definitions(facts));
  }
}
