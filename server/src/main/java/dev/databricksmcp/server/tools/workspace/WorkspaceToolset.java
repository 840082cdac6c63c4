package dev.databricksmcp.server.tools.workspace;

import dev.databricksmcp.server.core.ModuleContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolsetModule;
import java.util.List;

/** Who and where the server is connected to; always on. */
public final class WorkspaceToolset implements ToolsetModule {
  public static final String ID = "workspace";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Workspace identity and connection (always on)";
  }

  @Override
  public boolean enabledByDefault() {
    return true;
  }

  @Override
  public boolean alwaysOn() {
    return true;
  }

  @Override
  public List<ToolDef> tools(ModuleContext ctx) {
    return List.of(WorkspaceInfoTool.definition(ctx.settings(), ctx.enabledToolsets()));
  }
}
