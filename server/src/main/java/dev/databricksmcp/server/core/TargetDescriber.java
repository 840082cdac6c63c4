package dev.databricksmcp.server.core;

/** Looks up what a destructive tool call would act on, before asking for confirmation. */
@FunctionalInterface
public interface TargetDescriber {
  ConfirmationTarget describe(Args args, ToolContext context) throws Exception;
}
