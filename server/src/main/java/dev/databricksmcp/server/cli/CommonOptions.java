package dev.databricksmcp.server.cli;

import dev.databricksmcp.server.core.ToolSelection;
import dev.databricksmcp.server.security.SecuritySettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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

  @Option(
      names = "--no-confirm",
      scope = ScopeType.INHERIT,
      defaultValue = "${env:DATABRICKS_MCP_NO_CONFIRM:-false}",
      description = "Run destructive tools without asking for confirmation, for automation (env DATABRICKS_MCP_NO_CONFIRM).")
  boolean noConfirm;

  @Option(
      names = "--audit-log",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      defaultValue = "${env:DATABRICKS_MCP_AUDIT_LOG}",
      description = "Append one JSON line per tool call to FILE (default: stderr) (env DATABRICKS_MCP_AUDIT_LOG).")
  Path auditLog;

  @Option(
      names = "--rate-limit",
      scope = ScopeType.INHERIT,
      paramLabel = "N",
      defaultValue = "${env:DATABRICKS_MCP_RATE_LIMIT:-600}",
      description = "Tool calls per minute per principal, 0 for no limit (default 600; env DATABRICKS_MCP_RATE_LIMIT).")
  int rateLimit;

  @Option(
      names = "--max-concurrent-calls",
      scope = ScopeType.INHERIT,
      paramLabel = "N",
      defaultValue = "${env:DATABRICKS_MCP_MAX_CONCURRENT_CALLS:-32}",
      description = "Tool calls running at once, server-wide (default 32; env DATABRICKS_MCP_MAX_CONCURRENT_CALLS).")
  int maxConcurrentCalls;

  @Option(
      names = "--tool-timeout",
      scope = ScopeType.INHERIT,
      paramLabel = "SECONDS",
      defaultValue = "${env:DATABRICKS_MCP_TOOL_TIMEOUT:-300}",
      description = "Backstop timeout of any tool call (default 300; env DATABRICKS_MCP_TOOL_TIMEOUT).")
  int toolTimeoutSeconds;

  @Option(
      names = "--tool-timeouts",
      scope = ScopeType.INHERIT,
      split = ",",
      paramLabel = "TOOL=SECONDS",
      defaultValue = "${env:DATABRICKS_MCP_TOOL_TIMEOUTS}",
      description = "Per-tool timeouts, e.g. execute_sql=120,list_tables=20 (env DATABRICKS_MCP_TOOL_TIMEOUTS).")
  List<String> toolTimeouts;

  public SecuritySettings security() {
    if (rateLimit < 0 || maxConcurrentCalls < 1 || toolTimeoutSeconds < 1) {
      throw new IllegalArgumentException("--rate-limit must be >= 0, --max-concurrent-calls and --tool-timeout >= 1");
    }
    Map<String, Duration> perTool = new LinkedHashMap<>();
    for (String entry : clean(toolTimeouts)) {
      String[] kv = entry.split("=", 2);
      try {
        perTool.put(kv[0].trim(), Duration.ofSeconds(Long.parseLong(kv[1].trim())));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("--tool-timeouts entries are TOOL=SECONDS, got '" + entry + "'");
      }
    }
    SecuritySettings d = SecuritySettings.defaults();
    return new SecuritySettings(
        !noConfirm, d.confirmationTtl(), rateLimit, Math.max(1, rateLimit / 5), maxConcurrentCalls,
        Duration.ofSeconds(toolTimeoutSeconds), perTool, auditLog);
  }

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
