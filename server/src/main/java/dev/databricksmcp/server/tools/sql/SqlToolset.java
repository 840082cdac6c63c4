package dev.databricksmcp.server.tools.sql;

import dev.databricksmcp.server.core.ModuleContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolsetModule;
import java.util.ArrayList;
import java.util.List;

/** SQL warehouses, statements and scripts, query history and saved queries. */
public final class SqlToolset implements ToolsetModule {
  public static final String ID = "sql";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "SQL warehouses, statement execution, query history";
  }

  @Override
  public boolean enabledByDefault() {
    return true;
  }

  @Override
  public List<ToolDef> tools(ModuleContext ctx) {
    SqlSettings settings = SqlSettings.shared(ctx);
    List<ToolDef> tools = new ArrayList<>();
    tools.addAll(StatementTools.definitions(settings, ctx.readOnly()));
    tools.add(ChartTools.visualizeQuery(settings));
    tools.addAll(ScriptTools.definitions(settings, ctx.readOnly()));
    tools.addAll(WarehouseTools.definitions());
    tools.addAll(QueryHistoryTools.definitions());
    tools.addAll(SavedQueryTools.definitions());
    return tools;
  }
}
