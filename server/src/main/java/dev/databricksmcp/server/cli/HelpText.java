package dev.databricksmcp.server.cli;

import java.util.List;

/** {@code --help}, written from the same option declarations the parser reads. */
final class HelpText {
  private static final String FOOTER =
      """

      Connection: the Databricks SDK's unified configuration (DATABRICKS_HOST + DATABRICKS_TOKEN,
      DATABRICKS_CLIENT_ID/SECRET, --profile / DATABRICKS_CONFIG_PROFILE, ~/.databrickscfg), or --sandbox.
      """;

  private HelpText() {}

  /** The help of the top command (null) or of one command. */
  static String of(Command command) {
    StringBuilder out = new StringBuilder();
    if (command == null) {
      out.append("Usage: databricks-mcp [OPTIONS] [COMMAND]\n")
          .append("A Model Context Protocol server for a Databricks workspace.\n")
          .append("Without a command it serves MCP (same as 'serve').\n\nCommands:\n");
      for (Command c : Command.values()) {
        out.append(String.format("  %-15s%s%n", c.word, c.description));
      }
      section(out, "Options", CommonOptions.SPECS);
      section(out, "Serve options", ServeOptions.SPECS);
    } else {
      out.append("Usage: databricks-mcp ")
          .append(command.word)
          .append(" [OPTIONS]")
          .append(command.positionals == null ? "" : " " + command.positionals)
          .append('\n')
          .append(command.description)
          .append('\n');
      section(out, "Options of " + command.word, command.options);
      section(out, "Options", CommonOptions.SPECS);
    }
    out.append(
        String.format(
            "%n  %-34s%s%n  %-34s%s%n",
            "-h, --help",
            "Show this help and exit.",
            "-V, --version",
            "Print the version and exit."));
    return out.append(FOOTER).toString();
  }

  private static void section(StringBuilder out, String title, List<OptionSpec> specs) {
    if (specs.isEmpty()) {
      return;
    }
    out.append('\n').append(title).append(":\n");
    for (OptionSpec spec : specs) {
      String left = spec.isFlag() ? spec.name() : spec.name() + " " + spec.label();
      String env = spec.env() == null ? "" : " [env " + spec.env() + "]";
      out.append(String.format("  %-34s%s%s%n", left, spec.description(), env));
    }
  }
}
