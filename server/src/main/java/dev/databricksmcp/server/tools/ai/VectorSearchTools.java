package dev.databricksmcp.server.tools.ai;

import dev.databricksmcp.server.core.ToolDef;
import java.util.ArrayList;
import java.util.List;

/** Mosaic AI Vector Search: endpoints, indexes, queries and a Direct Access index's rows. */
public final class VectorSearchTools {
  private VectorSearchTools() {}

  public static List<ToolDef> definitions() {
    List<ToolDef> tools = new ArrayList<>();
    tools.addAll(VectorEndpointTools.definitions());
    tools.addAll(VectorIndexTools.definitions());
    tools.add(VectorQueryTool.definition());
    tools.addAll(VectorDataTools.definitions());
    return tools;
  }
}
