package dev.databricksmcp.server.core;

import java.util.ArrayList;
import java.util.EnumSet;
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
  private final Map<String, ToolDef> tools;
  private final List<ToolDef> ordered;

  public Inventory(List<ToolDef> all) {
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
   * The tools left after the user's selection; unknown names stop start-up with the valid ones
   * listed.
   */
  public List<ToolDef> select(ToolSelection selection) {
    Set<Toolset> toolsets = toolsets(selection.toolsets());
    checkKnown("--tools", selection.addTools());
    checkKnown("--exclude-tools", selection.excludeTools());
    List<ToolDef> out = new ArrayList<>();
    for (ToolDef tool : ordered) {
      boolean chosen =
          toolsets.contains(tool.toolset()) || selection.addTools().contains(tool.name());
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

  /** The toolsets a selection switches on; WORKSPACE is always on. */
  public static Set<Toolset> toolsets(List<String> requested) {
    Set<Toolset> out = EnumSet.of(Toolset.WORKSPACE);
    if (requested.isEmpty()) {
      for (Toolset t : Toolset.values()) {
        if (t.enabledByDefault()) {
          out.add(t);
        }
      }
      return out;
    }
    for (String name : requested) {
      if (name.equalsIgnoreCase("all")) {
        out.addAll(EnumSet.allOf(Toolset.class));
      } else if (name.equalsIgnoreCase("default")) {
        out.addAll(toolsets(List.of()));
      } else {
        out.add(
            Toolset.byId(name)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "unknown toolset '"
                                + name
                                + "'; valid toolsets: all, default, "
                                + String.join(", ", Toolset.ids()))));
      }
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
