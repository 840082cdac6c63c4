package dev.databricksmcp.server.core;

import java.util.List;
import java.util.function.Supplier;

/**
 * What a toolset module is given to declare its tools: the server's settings, the services shared
 * between modules, and the facts of the other modules (which exist, which the user enabled).
 */
public final class ModuleContext {
  private final ServerSettings settings;
  private final SharedServices services;
  private final Toolsets toolsets;

  public ModuleContext(ServerSettings settings, SharedServices services, Toolsets toolsets) {
    this.settings = settings;
    this.services = services;
    this.toolsets = toolsets;
  }

  public ServerSettings settings() {
    return settings;
  }

  public SharedServices services() {
    return services;
  }

  /** Read-only mode: tools that depend on it declare themselves accordingly. */
  public boolean readOnly() {
    return settings.readOnly();
  }

  /** The one shared instance of {@code type}; see {@link SharedServices#get}. */
  public <T> T shared(Class<T> type, Supplier<? extends T> create) {
    return services.get(type, create);
  }

  /** Every toolset module of the server. */
  public Toolsets toolsets() {
    return toolsets;
  }

  /**
   * The ids of the toolsets the user's selection switches on, in {@link Toolsets#all()} order;
   * unknown names fail.
   */
  public List<String> enabledToolsets() {
    return toolsets.resolve(settings.selection().toolsets());
  }
}
