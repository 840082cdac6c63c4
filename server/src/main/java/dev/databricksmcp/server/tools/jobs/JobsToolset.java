package dev.databricksmcp.server.tools.jobs;

import dev.databricksmcp.server.core.ModuleContext;
import dev.databricksmcp.server.core.OptionalToolset;
import dev.databricksmcp.server.core.ToolDef;
import java.util.ArrayList;
import java.util.List;

/**
 * Jobs and pipelines: define, run, watch, debug and repair workflows. Off by default: the default
 * tool list stays under its token budget.
 */
public final class JobsToolset extends OptionalToolset {
  public static final String ID = "jobs";

  public JobsToolset() {
    super(ID, "Jobs, job runs and Lakeflow Declarative Pipelines");
  }

  @Override
  public List<ToolDef> tools(ModuleContext ctx) {
    List<ToolDef> tools = new ArrayList<>();
    tools.addAll(JobTools.definitions());
    tools.addAll(RunTools.definitions());
    tools.addAll(PipelineTools.definitions());
    return tools;
  }
}
