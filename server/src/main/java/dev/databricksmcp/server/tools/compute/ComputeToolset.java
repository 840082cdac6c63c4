package dev.databricksmcp.server.tools.compute;

import dev.databricksmcp.server.core.ModuleContext;
import dev.databricksmcp.server.core.OptionalToolset;
import dev.databricksmcp.server.core.ToolDef;
import java.util.ArrayList;
import java.util.List;

/**
 * Compute: clusters (list, get, create, edit, start, restart, terminate, resize, pin, delete
 * permanently, events), their libraries, what a cluster is made of (node types, runtime versions),
 * instance pools, cluster policies with their families, and commands run on a cluster (Python, SQL,
 * Scala). Off by default: the default tool list stays under its token budget.
 */
public final class ComputeToolset extends OptionalToolset {
  public static final String ID = "compute";

  public ComputeToolset() {
    super(ID, "Clusters, pools, policies, libraries, command execution");
  }

  @Override
  public List<ToolDef> tools(ModuleContext ctx) {
    List<ToolDef> tools = new ArrayList<>();
    tools.addAll(ClusterTools.definitions());
    tools.addAll(ClusterStateTools.definitions());
    tools.addAll(ClusterEventTools.definitions());
    tools.addAll(ComputeOfferingTools.definitions());
    tools.addAll(InstancePoolTools.definitions());
    tools.addAll(ClusterPolicyTools.definitions());
    tools.addAll(LibraryTools.definitions());
    tools.addAll(CommandTools.definitions(ctx));
    return tools;
  }
}
