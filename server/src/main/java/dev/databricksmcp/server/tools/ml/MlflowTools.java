package dev.databricksmcp.server.tools.ml;

import dev.databricksmcp.server.core.ToolDef;
import java.util.ArrayList;
import java.util.List;

/** The MLflow tools of the ml toolset: experiments, runs, metric history, artifacts, comparison. */
final class MlflowTools {
  private MlflowTools() {}

  static List<ToolDef> definitions() {
    List<ToolDef> tools = new ArrayList<>(ExperimentTools.definitions());
    tools.addAll(MlflowRunTools.definitions());
    tools.add(RunComparison.tool());
    return tools;
  }
}
