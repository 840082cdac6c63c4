package dev.databricksmcp.server.tools;

import dev.databricksmcp.server.core.Inventory;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolSelection;
import dev.databricksmcp.server.tools.catalog.CatalogTools;
import dev.databricksmcp.server.tools.catalog.GrantLineageTools;
import dev.databricksmcp.server.tools.catalog.MetadataCache;
import dev.databricksmcp.server.tools.catalog.PreviewTool;
import dev.databricksmcp.server.tools.catalog.SchemaTools;
import dev.databricksmcp.server.tools.catalog.TableTools;
import dev.databricksmcp.server.tools.catalog.VolumeFunctionTools;
import dev.databricksmcp.server.tools.sql.QueryHistoryTools;
import dev.databricksmcp.server.tools.sql.SavedQueryTools;
import dev.databricksmcp.server.tools.sql.ScriptTools;
import dev.databricksmcp.server.tools.sql.StatementTools;
import dev.databricksmcp.server.tools.sql.WarehouseTools;
import dev.databricksmcp.server.tools.workspace.WorkspaceInfoTool;
import java.util.ArrayList;
import java.util.List;

/**
 * The one list of every tool the server has. Registration, filtering, the {@code tools} command,
 * the README table and the tests all start here. A new toolset adds its definitions below.
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
    boolean readOnly = facts.selection().readOnly();
    MetadataCache cache = facts.cache();
    List<ToolDef> all = new ArrayList<>();
    all.add(WorkspaceInfoTool.definition(facts));
    all.addAll(CatalogTools.definitions(cache));
    all.addAll(SchemaTools.definitions(cache));
    all.addAll(TableTools.definitions(cache));
    all.add(PreviewTool.definition(cache, facts.sql()));
    all.addAll(VolumeFunctionTools.definitions(cache));
    all.addAll(GrantLineageTools.definitions(cache));
    all.addAll(StatementTools.definitions(facts.sql(), readOnly));
    all.addAll(ScriptTools.definitions(facts.sql(), readOnly));
    all.addAll(WarehouseTools.definitions());
    all.addAll(QueryHistoryTools.definitions());
    all.addAll(SavedQueryTools.definitions());
    return all;
  }

  public static Inventory inventory(ToolSelection selection, boolean sandbox) {
    return new Inventory(definitions(selection, sandbox));
  }

  public static Inventory inventory(ServerFacts facts) {
    return new Inventory(definitions(facts));
  }
}
