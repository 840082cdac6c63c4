package dev.databricksmcp.server.cli;

import dev.databricksmcp.server.core.Redactor;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Start-up problems become one clear message on stderr and exit code 2, never a stack trace. */
final class FriendlyErrors implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parseResult) {
    if (ex instanceof UsageProblem || ex instanceof IllegalArgumentException) {
      cli.getErr().println("databricks-mcp: " + Redactor.redact(ex.getMessage()));
      return 2;
    }
    cli.getErr().println("databricks-mcp: " + ex.getClass().getSimpleName() + ": " + Redactor.redact(String.valueOf(ex.getMessage())));
    return 1;
  }
}
