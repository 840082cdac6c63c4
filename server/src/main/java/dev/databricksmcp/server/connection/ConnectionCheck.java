package dev.databricksmcp.server.connection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, without any network call, whether a Databricks workspace is configured at all, so that
 * start-up can say what to set instead of failing on the first tool call.
 */
public final class ConnectionCheck {
  private ConnectionCheck() {}

  /** Empty when something is configured; otherwise the message telling the user what to set. */
  public static Optional<String> missingConfiguration(Map<String, String> env, String profile) {
    if (profile != null || has(env, "DATABRICKS_HOST") || has(env, "DATABRICKS_CONFIG_PROFILE")) {
      return Optional.empty();
    }
    if (configFileHasDefaultProfile(env)) {
      return Optional.empty();
    }
    return Optional.of(
        String.join(
            "\n",
            "No Databricks workspace is configured. Set one of:",
            "  DATABRICKS_HOST and DATABRICKS_TOKEN            (personal access token)",
            "  DATABRICKS_HOST, DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET  (OAuth M2M"
                + " service principal)",
            "  --profile NAME or DATABRICKS_CONFIG_PROFILE     (a profile in ~/.databrickscfg)",
            "  a [DEFAULT] profile in ~/.databrickscfg",
            "or try it on the local sandbox workspace:  databricks-mcp --sandbox"));
  }

  private static boolean has(Map<String, String> env, String name) {
    String v = env.get(name);
    return v != null && !v.isBlank();
  }

  private static boolean configFileHasDefaultProfile(Map<String, String> env) {
    String file = env.get("DATABRICKS_CONFIG_FILE");
    Path path;
    if (file != null && !file.isBlank()) {
      path = Path.of(file.replaceFirst("^~", System.getProperty("user.home")));
    } else {
      String home = env.getOrDefault("HOME", System.getProperty("user.home"));
      path = Path.of(home, ".databrickscfg");
    }
    if (!Files.isRegularFile(path)) {
      return false;
    }
    try {
      boolean inDefault = false;
      for (String line : Files.readAllLines(path)) {
        String t = line.trim();
        if (t.startsWith("[")) {
          inDefault = t.equalsIgnoreCase("[DEFAULT]");
        } else if (inDefault && t.toLowerCase(java.util.Locale.ROOT).startsWith("host")) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }
}
