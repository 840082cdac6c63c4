package dev.databricksmcp.server.tools.sql;

import dev.databricksmcp.server.core.ModuleContext;
import java.time.Duration;
import java.util.Map;

/**
 * Defaults of the SQL tools, from the environment.
 *
 * @param defaultWarehouseId used when a call names none (DATABRICKS_MCP_WAREHOUSE_ID); null picks
 *     the best available
 * @param timeout how long execute_sql waits before handing back the statement id
 *     (DATABRICKS_MCP_SQL_TIMEOUT seconds)
 * @param maxRows rows returned in one page (DATABRICKS_MCP_SQL_MAX_ROWS)
 * @param maxBytes rendered text returned in one page (DATABRICKS_MCP_SQL_MAX_BYTES)
 * @param allowOutboundFunctions allow outbound and secret functions, and functions named at run
 *     time (the policy in function-policy.tsv; DATABRICKS_MCP_SQL_ALLOW_OUTBOUND_FUNCTIONS)
 */
public record SqlSettings(
    String defaultWarehouseId,
    Duration timeout,
    int maxRows,
    int maxBytes,
    boolean allowOutboundFunctions) {
  public static final int MAX_TIMEOUT_SECONDS = 300;

  /**
   * Longest SQL text a tool takes (characters); the HTTP transport caps the whole request body too.
   */
  public static final int MAX_SQL_CHARS = 1_048_576;

  public static SqlSettings defaults() {
    return new SqlSettings(null, Duration.ofSeconds(30), 100, 64 * 1024, false);
  }

  /** The process's SQL settings, from the server's environment, shared by every module. */
  public static SqlSettings shared(ModuleContext ctx) {
    return ctx.shared(SqlSettings.class, () -> fromEnvironment(ctx.settings().env()));
  }

  public static SqlSettings fromEnvironment(Map<String, String> env) {
    SqlSettings d = defaults();
    return new SqlSettings(
        blankToNull(env.get("DATABRICKS_MCP_WAREHOUSE_ID")),
        Duration.ofSeconds(
            number(
                env,
                "DATABRICKS_MCP_SQL_TIMEOUT",
                (int) d.timeout().toSeconds(),
                1,
                MAX_TIMEOUT_SECONDS)),
        number(env, "DATABRICKS_MCP_SQL_MAX_ROWS", d.maxRows(), 1, 10_000),
        number(env, "DATABRICKS_MCP_SQL_MAX_BYTES", d.maxBytes(), 1024, 16 * 1024 * 1024),
        Boolean.parseBoolean(
            env.getOrDefault("DATABRICKS_MCP_SQL_ALLOW_OUTBOUND_FUNCTIONS", "false")));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static int number(Map<String, String> env, String name, int fallback, int min, int max) {
    String raw = env.get(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(raw.trim());
      if (v < min || v > max) {
        throw new IllegalArgumentException(
            name + " must be between " + min + " and " + max + " (got " + v + ")");
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number (got '" + raw + "')");
    }
  }
}
