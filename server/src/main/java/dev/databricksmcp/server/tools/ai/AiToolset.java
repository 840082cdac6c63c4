package dev.databricksmcp.server.tools.ai;

import dev.databricksmcp.server.core.ModuleContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolsetModule;
import java.util.ArrayList;
import java.util.List;

/**
 * AI: Mosaic AI Vector Search and AI/BI Genie. Off by default: the default tool list stays under
 * its token budget.
 */
public final class AiToolset implements ToolsetModule {
  public static final String ID = "ai";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Vector search endpoints and indexes, Genie spaces and conversations";
  }

  @Override
  public boolean enabledByDefault() {
    return false;
  }

  @Override
  public List<ToolDef> tools(ModuleContext ctx) {
    List<ToolDef> tools = new ArrayList<>();
    tools.addAll(GenieTools.definitions());
    tools.addAll(VectorSearchTools.definitions());
    return tools;
  }
}
