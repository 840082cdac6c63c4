package dev.databricksmcp.server.cli;

import java.util.List;

/**
 * The commands of {@code databricks-mcp}: each with the options only it takes (the connection and
 * filter options of {@link CommonOptions} are taken by all, before or after the command word).
 */
enum Command {
  SERVE("serve", "Serve MCP over stdio (default) or Streamable HTTP.", ServeOptions.SPECS, null),
  TOOLS("tools", "List the tools the current options enable.", ToolsCommand.SPECS, null),
  CALL(
      "call",
      "Run one tool in-process and print its result envelope (for debugging and scripts).",
      CallCommand.SPECS,
      "TOOL [KEY=VALUE...]"),
  SANDBOX(
      "sandbox",
      "Run the local sandbox workspace standalone and print the host and token to use.",
      SandboxCommand.SPECS,
      null),
  DOCTOR(
      "doctor",
      "Check the set-up: configuration, workspace, sign-in, SQL warehouse, Unity Catalog, HTTP"
          + " settings; each ✓ or ✗ with what to do. Exit 0 when the default toolsets can work.",
      DoctorCommand.SPECS,
      null),
  CLIENT_CONFIG(
      "client-config",
      "Print the configuration that connects CLIENT to this server (these options), or merge it"
          + " into the client's file with --write. Clients: "
          + String.join(", ", McpClient.words())
          + ".",
      ClientConfigCommand.SPECS,
      "CLIENT");

  final String word;
  final String description;
  final List<OptionSpec> options;

  /**
   * What follows the options in the usage line; null when the command takes no positional
   * arguments.
   */
  final String positionals;

  Command(String word, String description, List<OptionSpec> options, String positionals) {
    this.word = word;
    this.description = description;
    this.options = options;
    this.positionals = positionals;
  }

  static Command named(String word) {
    for (Command command : values()) {
      if (command.word.equals(word)) {
        return command;
      }
    }
    return null;
  }
}
