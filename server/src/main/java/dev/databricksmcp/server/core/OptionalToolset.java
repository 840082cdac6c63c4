package dev.databricksmcp.server.core;

/**
 * A toolset that is off until asked for (--toolsets, or enable_toolset with --dynamic-toolsets):
 * most sessions need few of them and the default tool list stays under its token budget. A module
 * gives its id and one-line description here and declares its tools.
 */
public abstract class OptionalToolset implements ToolsetModule {
  private final String id;
  private final String description;

  protected OptionalToolset(String id, String description) {
    this.id = id;
    this.description = description;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final String description() {
    return description;
  }

  @Override
  public final boolean enabledByDefault() {
    return false;
  }
}
