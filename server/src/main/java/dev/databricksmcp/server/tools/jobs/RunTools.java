package dev.databricksmcp.server.tools.jobs;

import dev.databricksmcp.server.core.ToolDef;
import java.util.ArrayList;
import java.util.List;

/**
 * The run tools of the jobs toolset: list runs, get one (waiting for its end, a failure explained
 * in the same answer), read a task's output, export it, cancel, cancel all, repair and delete.
 */
public final class RunTools {
  private RunTools() {}

  public static List<ToolDef> definitions() {
    List<ToolDef> tools = new ArrayList<>(RunReadTools.definitions());
    tools.addAll(RunControlTools.definitions());
    return tools;
  }
}
