package dev.databricksmcp.server.core;

import java.util.List;

/**
 * One toolset: its id, what it offers, whether it is on by default, and its tools. The server
 * discovers every module with {@link java.util.ServiceLoader} from the one list in {@code
 * META-INF/services/dev.databricksmcp.server.core.ToolsetModule}; adding a toolset means one new
 * module and one line there, nothing else. A module takes what it needs (settings, shared caches,
 * other modules' facts) from the {@link ModuleContext}.
 */
public interface ToolsetModule {
  /** The name users give to --toolsets, e.g. "catalog"; lowercase. */
  String id();

  /** One line: what the toolset's tools work with. */
  String description();

  /** Part of the default set (no --toolsets, or --toolsets default). */
  boolean enabledByDefault();

  /** On whatever --toolsets says (the workspace toolset). */
  default boolean alwaysOn() {
    return false;
  }

  /**
   * Every tool of the toolset, whatever the user selected (filtering comes later); at least one,
   * and each declared with this module's {@link #id()}.
   */
  List<ToolDef> tools(ModuleContext ctx);

  /**
   * MCP resource templates the toolset offers next to its tools (none by default), served while the
   * toolset is on; each declared with this module's {@link #id()}.
   */
  default List<ResourceDef> resources(ModuleContext ctx) {
    return List.of();
  }
}
