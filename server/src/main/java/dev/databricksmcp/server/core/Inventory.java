package dev.databricksmcp.server.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every tool the server knows, in one list, and the one place where the user's selection is
 * applied. Order of the filters (github-mcp-server semantics): toolsets, then added tools, then
 * excluded tools (always win), then read-only (wins over everything).
 */
public final class Inventory {
  private final Toolsets toolsets;
  private final Map<String, ToolDef> tools;
  private final List<ToolDef> ordered;
  private final List<ResourceDef> resources;

  public Inventory(Toolsets toolsets, List<ToolDef> all) {
    this(toolsets, all, List.of());
  }

  /** Built by {@link Toolsets#inventory}, which checks the modules first. */
  public Inventory(Toolsets toolsets, List<ToolDef> all, List<ResourceDef> resources) {
    this.toolsets = toolsets;
    this.resources = List.copyOf(resources);
    Map<String, ToolDef> byName = new LinkedHashMap<>();
    for (ToolDef tool : all) {
      if (byName.put(tool.name(), tool) != null) {
        throw new IllegalArgumentException("duplicate tool name " + tool.name());
      }
    }
    this.tools = Map.copyOf(byName);
    this.ordered = List.copyOf(all);
  }

  public List<ToolDef> all() {
    return ordered;
  }

  /**
   * The resource templates of the selected toolsets. Reading is allowed in read-only mode, so that
   * mode keeps them; excluding tools does not remove a toolset's resources.
   */
  public List<ResourceDef> resources(ToolSelection selection) {
    Set<String> enabled = Set.copyOf(toolsets.resolve(selection.toolsets()));
    return resources.stream().filter(r -> enabled.contains(r.toolset())).toList();
  }

  /** The modules the tools come from. */
  public Toolsets toolsets() {
    return toolsets;
  }

  /**
   * The tools left after the user's selection; unknown names stop start-up with the valid ones
   * listed.
   */
  public List<ToolDef> select(ToolSelection selection) {
    Set<String> enabled = Set.copyOf(toolsets.resolve(selection.toolsets()));
    checkKnown("--tools", selection.addTools());
    checkKnown("--exclude-tools", selection.excludeTools());
    List<ToolDef> out = new ArrayList<>();
    for (ToolDef tool : ordered) {
      boolean chosen =
          enabled.contains(tool.toolset()) || selection.addTools().contains(tool.name());
      if (!chosen || selection.excludeTools().contains(tool.name())) {
        continue;
      }
      if (selection.readOnly() && !tool.readOnly()) {
        continue;
      }
      out.add(tool);
    }
    return out;
  }

  private void checkKnown(String option, Set<String> names) {
    for (String name : names) {
      if (!tools.containsKey(name)) {
        throw new IllegalArgumentException(
            "unknown tool '"
                + name
                + "' in "
                + option
                + "; valid tools: "
                + String.join(", ", new TreeSet<>(tools.keySet())));
      }
    }
  }
}
