package dev.databricksmcp.server.core;

/**
 * Looks up what a destructive tool call would act on, before asking for confirmation. Returns null
 * when this particular call destroys nothing (e.g. a SELECT through execute_sql), so no one is
 * asked.
 */
@FunctionalInterface
public interface TargetDescriber {
  ConfirmationTarget describe(Args args, ToolContext context) throws Exception;
}
