package dev.databricksmcp.server.core;

import java.util.List;
import java.util.Set;

/**
 * What the user asked for: toolsets (empty = the default set), single tools to add, tools to
 * remove, and read-only mode.
 */
public record ToolSelection(
    List<String> toolsets, Set<String> addTools, Set<String> excludeTools, boolean readOnly) {
  public ToolSelection {
    toolsets = List.copyOf(toolsets);
    addTools = Set.copyOf(addTools);
    excludeTools = Set.copyOf(excludeTools);
  }

  public static ToolSelection defaults() {
    return new ToolSelection(List.of(), Set.of(), Set.of(), false);
  }
}
