package dev.databricksmcp.server.cli;

import dev.databricksmcp.server.core.ToolSelection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Connection and tool-filter options. Declared once on the top command with INHERIT scope, so they
 * mean the same before or after a subcommand ({@code --sandbox call X} = {@code call X --sandbox}).
 */
public final class CommonOptions {
  @Option(
      names = "--sandbox",
      scope = ScopeType.INHERIT,
      defaultValue = "${env:DATABRICKS_MCP_SANDBOX:-false}",
      description = "Run against a local sandbox workspace started in-process (env DATABRICKS_MCP_SANDBOX).")
  boolean sandbox;

  @Option(
      names = "--sandbox-dir",
      scope = ScopeType.INHERIT,
      paramLabel = "DIR",
      defaultValue = "${env:DATABRICKS_MCP_SANDBOX_DIR}",
      description = "Keep the sandbox's database in DIR across restarts (default: in memory).")
  Path sandboxDir;

  @Option(
      names = "--profile",
      scope = ScopeType.INHERIT,
      paramLabel = "NAME",
      description = "Profile in ~/.databrickscfg (the SDK also reads DATABRICKS_CONFIG_PROFILE).")
  String profile;

  @Option(
      names = "--toolsets",
      scope = ScopeType.INHERIT,
      split = ",",
      paramLabel = "LIST",
      defaultValue = "${env:DATABRICKS_MCP_TOOLSETS}",
      description = "Toolsets to enable, comma-separated, or 'all' (default: workspace,catalog,sql; env DATABRICKS_MCP_TOOLSETS).")
  List<String> toolsets;

  @Option(
      names = "--tools",
      scope = ScopeType.INHERIT,
      split = ",",
      paramLabel = "LIST",
      defaultValue = "${env:DATABRICKS_MCP_TOOLS}",
      description = "Single tools to add on top of the toolsets (env DATABRICKS_MCP_TOOLS).")
  List<String> tools;

  @Option(
      names = "--exclude-tools",
      scope = ScopeType.INHERIT,
      split = ",",
      paramLabel = "LIST",
      defaultValue = "${env:DATABRICKS_MCP_EXCLUDE_TOOLS}",
      description = "Tools to remove; always wins over --toolsets and --tools (env DATABRICKS_MCP_EXCLUDE_TOOLS).")
  List<String> excludeTools;

  @Option(
      names = "--read-only",
      scope = ScopeType.INHERIT,
      defaultValue = "${env:DATABRICKS_MCP_READ_ONLY:-false}",
      description = "Expose and run only read-only tools; wins over everything (env DATABRICKS_MCP_READ_ONLY).")
  boolean readOnly;

  @Option(
      names = "--log-level",
      scope = ScopeType.INHERIT,
      paramLabel = "LEVEL",
      defaultValue = "${env:LOG_LEVEL:-info}",
      description = "error, warn, info, debug or trace; logs go to stderr (env LOG_LEVEL).")
  String logLevel;

  public ToolSelection selection() {
    return new ToolSelection(clean(toolsets), new LinkedHashSet<>(clean(tools)), new LinkedHashSet<>(clean(excludeTools)), readOnly);
  }

  private static List<String> clean(List<String> values) {
    List<String> out = new ArrayList<>();
    if (values != null) {
      for (String v : values) {
        if (v != null && !v.isBlank()) {
          out.add(v.trim());
        }
      }
    }
    return out;
  }
}
