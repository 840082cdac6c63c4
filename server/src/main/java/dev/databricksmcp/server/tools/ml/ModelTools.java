package dev.databricksmcp.server.tools.ml;

import dev.databricksmcp.server.core.ToolDef;
import java.util.ArrayList;
import java.util.List;

/** The Unity Catalog model tools: registered models, their versions and aliases. */
public final class ModelTools {
  private ModelTools() {}

  public static List<ToolDef> definitions() {
    List<ToolDef> tools = new ArrayList<>();
    tools.addAll(RegisteredModelTools.definitions());
    tools.addAll(ModelVersionTools.definitions());
    tools.addAll(ModelAliasTools.definitions());
    return tools;
  }
}
