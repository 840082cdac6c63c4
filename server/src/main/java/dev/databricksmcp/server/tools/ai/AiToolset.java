package dev.databricksmcp.server.tools.ai;

import dev.databricksmcp.server.core.ModuleContext;
import dev.databricksmcp.server.core.OptionalToolset;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.tools.sql.SqlSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * AI: Mosaic AI Vector Search and AI/BI Genie. Off by default: the default tool list stays under
 * its token budget.
 */
public final class AiToolset extends OptionalToolset {
  public static final String ID = "ai";

  public AiToolset() {
    super(ID, "Vector search endpoints and indexes, Genie spaces and conversations");
  }

  @Override
  public List<ToolDef> tools(ModuleContext ctx) {
    List<ToolDef> tools = new ArrayList<>();
    tools.addAll(GenieTools.definitions(SqlSettings.shared(ctx)));
    tools.addAll(VectorSearchTools.definitions());
    return tools;
  }
}
