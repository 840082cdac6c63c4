package dev.databricksmcp.server.core;

/**
 * The MCP tool annotations, every one set explicitly. Primitive booleans on purpose: a tool cannot
 * be declared without deciding each hint.
 */
public record ToolHints(
    boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld) {
  public ToolHints {
    if (readOnly && destructive) {
      throw new IllegalArgumentException("a read-only tool cannot be destructive");
    }
  }

  /** Reads state, changes nothing. */
  public static ToolHints read() {
    return new ToolHints(true, false, true, true);
  }

  /**
   * Creates or changes state, never removes it; {@code idempotent} when repeating it changes
   * nothing more.
   */
  public static ToolHints write(boolean idempotent) {
    return new ToolHints(false, false, idempotent, true);
  }

  /** Deletes or overwrites: needs confirmation. */
  public static ToolHints destructive(boolean idempotent) {
    return new ToolHints(false, true, idempotent, true);
  }
}
