package dev.databricksmcp.server.cli;

import dev.databricksmcp.server.core.ToolSelection;
import dev.databricksmcp.server.security.ConfirmationKey;
import dev.databricksmcp.server.security.SecuritySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Connection and tool-filter options. Taken by every command, before or after the command word
 * ({@code --sandbox call X} = {@code call X --sandbox}).
 */
public final class CommonOptions {
  static final OptionSpec SANDBOX =
      OptionSpec.flag(
          "--sandbox",
          "DATABRICKS_MCP_SANDBOX",
          "Run against a local sandbox workspace started in-process.");
  static final OptionSpec SANDBOX_DIR =
      OptionSpec.value(
          "--sandbox-dir",
          "DIR",
          "DATABRICKS_MCP_SANDBOX_DIR",
          null,
          "Keep the sandbox's database in DIR across restarts (default: in memory).");
  static final OptionSpec SANDBOX_PYTHON =
      OptionSpec.flag(
          "--sandbox-python",
          "DATABRICKS_MCP_SANDBOX_PYTHON",
          "Let the sandbox run Python commands (execute_command) and Python job tasks in a"
              + " local python3: code on this machine. Off by default: they finish with an"
              + " error.");
  static final OptionSpec PROFILE =
      OptionSpec.value(
          "--profile",
          "NAME",
          null,
          null,
          "Profile in ~/.databrickscfg (the SDK also reads DATABRICKS_CONFIG_PROFILE).");
  static final OptionSpec TOOLSETS =
      OptionSpec.list(
          "--toolsets",
          "LIST",
          "DATABRICKS_MCP_TOOLSETS",
          "Toolsets to enable, comma-separated, or 'all' (default: workspace,catalog,sql).");
  static final OptionSpec DYNAMIC_TOOLSETS =
      OptionSpec.flag(
          "--dynamic-toolsets",
          "DATABRICKS_MCP_DYNAMIC_TOOLSETS",
          "Start with get_workspace_info and tools to list and enable toolsets (plus any"
              + " --toolsets); the client is told when the tool list grows. Not with --stateless.");
  static final OptionSpec TOOLS =
      OptionSpec.list(
          "--tools", "LIST", "DATABRICKS_MCP_TOOLS", "Single tools to add on top of the toolsets.");
  static final OptionSpec EXCLUDE_TOOLS =
      OptionSpec.list(
          "--exclude-tools",
          "LIST",
          "DATABRICKS_MCP_EXCLUDE_TOOLS",
          "Tools to remove; always wins over --toolsets and --tools.");
  static final OptionSpec READ_ONLY =
      OptionSpec.flag(
          "--read-only",
          "DATABRICKS_MCP_READ_ONLY",
          "Expose and run only read-only tools; wins over everything.");
  static final OptionSpec LOG_LEVEL =
      OptionSpec.value(
          "--log-level",
          "LEVEL",
          "LOG_LEVEL",
          "info",
          "error, warn, info, debug or trace; logs go to stderr.");
  static final OptionSpec NO_CONFIRM =
      OptionSpec.flag(
          "--no-confirm",
          "DATABRICKS_MCP_NO_CONFIRM",
          "Run destructive tools without asking for confirmation, for automation.");
  static final OptionSpec AUDIT_LOG =
      OptionSpec.value(
          "--audit-log",
          "FILE",
          "DATABRICKS_MCP_AUDIT_LOG",
          null,
          "Append one JSON line per tool call to FILE (default: stderr).");
  static final OptionSpec RATE_LIMIT =
      OptionSpec.value(
          "--rate-limit",
          "N",
          "DATABRICKS_MCP_RATE_LIMIT",
          "600",
          "Tool calls per minute per principal, 0 for no limit (default 600).");
  static final OptionSpec MAX_CONCURRENT_CALLS =
      OptionSpec.value(
          "--max-concurrent-calls",
          "N",
          "DATABRICKS_MCP_MAX_CONCURRENT_CALLS",
          "32",
          "Tool calls running at once, server-wide (default 32).");
  static final OptionSpec TOOL_TIMEOUT =
      OptionSpec.value(
          "--tool-timeout",
          "SECONDS",
          "DATABRICKS_MCP_TOOL_TIMEOUT",
          "300",
          "Backstop timeout of any tool call (default 300).");
  static final OptionSpec TOOL_TIMEOUTS =
      OptionSpec.list(
          "--tool-timeouts",
          "TOOL=SECONDS",
          "DATABRICKS_MCP_TOOL_TIMEOUTS",
          "Per-tool timeouts, e.g. execute_sql=120,list_tables=20.");

  static final List<OptionSpec> SPECS =
      List.of(
          SANDBOX,
          SANDBOX_DIR,
          SANDBOX_PYTHON,
          PROFILE,
          TOOLSETS,
          DYNAMIC_TOOLSETS,
          TOOLS,
          EXCLUDE_TOOLS,
          READ_ONLY,
          LOG_LEVEL,
          NO_CONFIRM,
          AUDIT_LOG,
          RATE_LIMIT,
          MAX_CONCURRENT_CALLS,
          TOOL_TIMEOUT,
          TOOL_TIMEOUTS);

  boolean sandbox;
  Path sandboxDir;
  boolean sandboxPython;
  String profile;
  List<String> toolsets;
  boolean dynamicToolsets;
  List<String> tools;
  List<String> excludeTools;
  boolean readOnly;
  String logLevel;
  boolean noConfirm;
  Path auditLog;
  int rateLimit;
  int maxConcurrentCalls;
  int toolTimeoutSeconds;
  List<String> toolTimeouts;

  static CommonOptions from(ParsedArgs args) {
    CommonOptions o = new CommonOptions();
    o.sandbox = args.flag(SANDBOX);
    o.sandboxDir = args.path(SANDBOX_DIR);
    o.sandboxPython = args.flag(SANDBOX_PYTHON);
    o.profile = args.string(PROFILE);
    o.toolsets = args.list(TOOLSETS);
    o.dynamicToolsets = args.flag(DYNAMIC_TOOLSETS);
    o.tools = args.list(TOOLS);
    o.excludeTools = args.list(EXCLUDE_TOOLS);
    o.readOnly = args.flag(READ_ONLY);
    o.logLevel = args.string(LOG_LEVEL);
    o.noConfirm = args.flag(NO_CONFIRM);
    o.auditLog = args.path(AUDIT_LOG);
    o.rateLimit = args.integer(RATE_LIMIT);
    o.maxConcurrentCalls = args.integer(MAX_CONCURRENT_CALLS);
    o.toolTimeoutSeconds = args.integer(TOOL_TIMEOUT);
    o.toolTimeouts = args.list(TOOL_TIMEOUTS);
    return o;
  }

  public SecuritySettings security() {
    if (rateLimit < 0 || maxConcurrentCalls < 1 || toolTimeoutSeconds < 1) {
      throw new IllegalArgumentException(
          "--rate-limit must be >= 0, --max-concurrent-calls and --tool-timeout >= 1");
    }
    Map<String, Duration> perTool = new LinkedHashMap<>();
    for (String entry : toolTimeouts) {
      String[] kv = entry.split("=", 2);
      try {
        perTool.put(kv[0].trim(), Duration.ofSeconds(Long.parseLong(kv[1].trim())));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "--tool-timeouts entries are TOOL=SECONDS, got '" + entry + "'");
      }
    }
    SecuritySettings d = SecuritySettings.defaults();
    return new SecuritySettings(
        !noConfirm,
        d.confirmationTtl(),
        rateLimit,
        Math.max(1, rateLimit / 5),
        maxConcurrentCalls,
        Duration.ofSeconds(toolTimeoutSeconds),
        perTool,
        auditLog,
        ConfirmationKey.fromEnvironment(System.getenv()));
  }

  public ToolSelection selection() {
    return new ToolSelection(
        toolsets, new LinkedHashSet<>(tools), new LinkedHashSet<>(excludeTools), readOnly);
  }
}
