package dev.databricksmcp.server.core;

/** What a tool does. Throws {@link ToolException} for failures the model should see as such. */
@FunctionalInterface
public interface ToolHandler {
  ToolResult handle(Args args, ToolContext context) throws Exception;
}
