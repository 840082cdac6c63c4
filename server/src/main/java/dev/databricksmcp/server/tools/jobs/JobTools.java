package dev.databricksmcp.server.tools.jobs;

import dev.databricksmcp.server.core.ToolDef;
import java.util.ArrayList;
import java.util.List;

/** The job definition tools and the tools that start runs. */
final class JobTools {
  private JobTools() {}

  static List<ToolDef> definitions() {
    List<ToolDef> tools = new ArrayList<>(JobDefinitionTools.definitions());
    tools.addAll(JobRunStartTools.definitions());
    return tools;
  }
}
