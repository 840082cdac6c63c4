package dev.databricksmcp.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ScopeType;

/** {@code databricks-mcp}: serves MCP (the default), lists tools, calls one, or runs the sandbox. */
@Command(
    name = "databricks-mcp",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "A Model Context Protocol server for a Databricks workspace.",
      "Without a subcommand it serves MCP (same as 'serve')."
    },
    subcommands = {ServeCommand.class, ToolsCommand.class, CallCommand.class, SandboxCommand.class},
    footer = {
      "",
      "Connection: the Databricks SDK's unified configuration (DATABRICKS_HOST + DATABRICKS_TOKEN,",
      "DATABRICKS_CLIENT_ID/SECRET, --profile / DATABRICKS_CONFIG_PROFILE, ~/.databrickscfg), or --sandbox."
    })
public final class Main implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin ServeOptions serve;

  @Override
  public Integer call() throws Exception {
    return Serve.run(common, serve);
  }

  public static void main(String[] args) {
    int code = commandLine().execute(args);
    System.exit(code);
  }

  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(new FriendlyErrors());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }
}
