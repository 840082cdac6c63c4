package dev.databricksmcp.server.tools.ml;

import dev.databricksmcp.server.core.ModuleContext;
import dev.databricksmcp.server.core.OptionalToolset;
import dev.databricksmcp.server.core.ToolDef;
import java.util.ArrayList;
import java.util.List;

/**
 * Machine learning: MLflow experiments and runs, Unity Catalog models, model serving. Off by
 * default: the default tool list stays under its token budget.
 */
public final class MlToolset extends OptionalToolset {
  public static final String ID = "ml";

  public MlToolset() {
    super(ID, "MLflow experiments and runs, Unity Catalog models, model serving");
  }

  @Override
  public List<ToolDef> tools(ModuleContext ctx) {
    List<ToolDef> tools = new ArrayList<>();
    tools.addAll(ModelTools.definitions());
    tools.addAll(MlflowTools.definitions());
    tools.addAll(ServingTools.definitions());
    return tools;
  }
}
