package dev.databricksmcp.server.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The machine {@code client-config} writes for: its OS, the user's home, the current directory and
 * environment, and how a client starts this server. Taken as parameters, so that tests point them
 * at a temporary directory and never touch a real client's file.
 *
 * @param launcher the command that starts this server, then its leading arguments: this checkout's
 *     {@code databricks-mcp} launcher, else {@code java -jar} on this jar
 */
record ClientHost(Os os, Path home, Path cwd, Map<String, String> env, List<String> launcher) {
  enum Os {
    MAC,
    LINUX,
    WINDOWS
  }

  /** This machine: the launcher names itself in {@code databricks.mcp.launcher}. */
  static ClientHost current(Map<String, String> env) {
    String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    Os os = name.contains("mac") ? Os.MAC : name.contains("win") ? Os.WINDOWS : Os.LINUX;
    Path cwd = Path.of("").toAbsolutePath();
    return new ClientHost(
        os,
        Path.of(System.getProperty("user.home")),
        cwd,
        env,
        launcher(System.getProperty("databricks.mcp.launcher"), jarPath()));
  }

  /**
   * The launcher the {@code databricks-mcp} script reported (normalized: it may say {@code
   * /dir/./databricks-mcp}); else the script next to a checkout's jar
   * (server/target/databricks-mcp.jar); else java -jar on the jar.
   */
  static List<String> launcher(String reported, Path jar) {
    if (reported != null && !reported.isBlank()) {
      return List.of(Path.of(reported).toAbsolutePath().normalize().toString());
    }
    if (jar != null) {
      Path root = jar.toAbsolutePath().getParent();
      root = root == null || root.getParent() == null ? null : root.getParent().getParent();
      if (root != null && Files.isRegularFile(root.resolve("databricks-mcp"))) {
        return List.of(root.resolve("databricks-mcp").toString());
      }
      List<String> javaJar = new ArrayList<>();
      javaJar.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      javaJar.add("-jar");
      javaJar.add(jar.toAbsolutePath().toString());
      return javaJar;
    }
    throw new UsageProblem(
        "cannot tell where this server is installed; run client-config through the"
            + " databricks-mcp launcher of your checkout");
  }

  private static Path jarPath() {
    try {
      Path path =
          Path.of(ClientHost.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return path.toString().endsWith(".jar") ? path : null;
    } catch (Exception e) {
      return null;
    }
  }

  /** Windows' roaming application data (%APPDATA%). */
  Path appData() {
    String appData = env.get("APPDATA");
    return appData != null && !appData.isBlank()
        ? Path.of(appData)
        : home.resolve("AppData").resolve("Roaming");
  }

  /** $XDG_CONFIG_HOME, else ~/.config. */
  Path configHome() {
    String xdg = env.get("XDG_CONFIG_HOME");
    return xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config");
  }

  /** Codex keeps its configuration in $CODEX_HOME, ~/.codex by default. */
  Path codexHome() {
    String codexHome = env.get("CODEX_HOME");
    return codexHome != null && !codexHome.isBlank() ? Path.of(codexHome) : home.resolve(".codex");
  }
}
