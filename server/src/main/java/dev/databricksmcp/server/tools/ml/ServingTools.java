package dev.databricksmcp.server.tools.ml;

import dev.databricksmcp.server.core.ToolDef;
import java.util.ArrayList;
import java.util.List;

/**
 * Model serving: endpoints (list, get, create, update config, delete), queries, logs, build logs
 * and the query schema.
 */
public final class ServingTools {
  private ServingTools() {}

  public static List<ToolDef> definitions() {
    List<ToolDef> tools = new ArrayList<>(ServingEndpointTools.definitions());
    tools.add(ServingQueryTool.definition());
    tools.addAll(ServingLogTools.definitions());
    return tools;
  }
}
