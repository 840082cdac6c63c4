package dev.databricksmcp.server.cli;

import java.util.Arrays;
import java.util.Set;
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

  /** Words that need the subcommands in the command-line model (a subcommand, or help that lists them). */
  private static final Set<String> NEEDS_SUBCOMMANDS =
      Set.of("serve", "tools", "call", "sandbox", "help", "-h", "--help", "-V", "--version");

  public static void main(String[] args) {
    int code = commandLine(Arrays.stream(args).anyMatch(NEEDS_SUBCOMMANDS::contains)).execute(args);
    System.exit(code);
  }

  public static CommandLine commandLine() {
    return commandLine(true);
  }

  /**
   * @param withSubcommands false for the plain serve invocation a desktop client makes at every
   *     launch: picocli builds a model per subcommand (with every inherited option), which costs
   *     more start-up time than anything else before the first MCP message
   */
  static CommandLine commandLine(boolean withSubcommands) {
    CommandLine cli = new CommandLine(new Main());
    if (withSubcommands) {
      cli.addSubcommand(new ServeCommand());
      cli.addSubcommand(new ToolsCommand());
      cli.addSubcommand(new CallCommand());
      cli.addSubcommand(new SandboxCommand());
    }
    cli.setExecutionExceptionHandler(new FriendlyErrors());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }
}
