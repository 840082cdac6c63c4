package dev.databricksmcp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Section 1: cold start against the reference TypeScript server, started the same way in the same
 * run.
 */
final class ColdStartBench {
  private static final List<String> ARGS = List.of("--toolsets", "all", "--log-level", "warn");

  /** Nothing is contacted before the first tool call; a host that answers nothing proves it. */
  private static final Map<String, String> ENV =
      Map.of(
          "DATABRICKS_HOST",
          "http://127.0.0.1:9",
          "DATABRICKS_TOKEN",
          "dapi-bench",
          "DATABRICKS_MCP_AUDIT_LOG",
          "/dev/null");

  private ColdStartBench() {}

  static String run(Path jar, Path launcher, Path reference, int runs, Targets targets)
      throws Exception {
    String ourJdk = System.getProperty("java.home");
    int ourMajor = Runtime.version().feature();
    Map<String, ColdStart.Command> commands = new LinkedHashMap<>();
    commands.put(
        "databricks-mcp, plain `java -jar` (JDK " + ourMajor + ")",
        new ColdStart.Command(
            concat(List.of(SandboxProcess.java(), "-jar", jar.toString()), ARGS), ENV));
    String launcherOnDefault =
        "databricks-mcp, `./databricks-mcp` launcher on JDK "
            + ourMajor
            + " (AppCDS archive, C1 on one compiler thread, SerialGC)";
    ColdStart.Command onDefault = launcher(launcher, ourJdk);
    commands.put(launcherOnDefault, onDefault);
    Map<String, String> c2 = new LinkedHashMap<>(onDefault.env());
    c2.put("DATABRICKS_MCP_JAVA_OPTS", OverheadBench.STDIO_C2);
    commands.put(
        "databricks-mcp, launcher on JDK "
            + ourMajor
            + " with C2 opted in (`DATABRICKS_MCP_JAVA_OPTS`)",
        new ColdStart.Command(onDefault.argv(), c2));
    Optional<Path> newer = jdkAtLeast(25);
    String launcherOnNewer = null;
    if (newer.isPresent()) {
      launcherOnNewer =
          "databricks-mcp, `./databricks-mcp` launcher with JAVA_HOME on JDK "
              + major(newer.get())
              + " (AOT cache, C1 on one compiler thread, SerialGC)";
      commands.put(launcherOnNewer, launcher(launcher, newer.get().toString()));
    }
    // the README's first command: over stdio the sandbox boots once tools/list is answered (or
    // when a tool first needs it), so the first call below waits for the rest of its boot
    String onSandbox =
        "databricks-mcp, `./databricks-mcp --sandbox` launcher on JDK "
            + ourMajor
            + " (the sandbox boots after tools/list, or when a tool needs it)";
    commands.put(
        onSandbox,
        new ColdStart.Command(
            concat(List.of(launcher.toString(), "--sandbox"), ARGS),
            Map.of("JAVA_HOME", ourJdk, "DATABRICKS_MCP_AUDIT_LOG", "/dev/null"),
            "list_catalogs"));
    String referenceName =
        "reference: @modelcontextprotocol/server-everything (Node " + nodeVersion() + ")";
    if (reference != null) {
      commands.put(
          referenceName,
          new ColdStart.Command(List.of("node", reference.toString(), "stdio"), Map.of()));
    }
    Map<String, List<ColdStart.Run>> results = ColdStart.interleaved(commands, runs);

    StringBuilder md =
        new StringBuilder(
            "## 1. Cold start (process start → initialize → tools/list answered, stdio, all toolsets)\n\n");
    md.append(
        "Starts taken in turns — one of each server, then again — so that the machine's slow moments fall on all alike.\n\n");
    md.append("| server | time | peak RSS |\n|---|---|---|\n");
    Map<String, Stats> firstCalls = new LinkedHashMap<>();
    Map<String, Double> medians = new LinkedHashMap<>();
    results.forEach(
        (name, r) -> {
          Stats time = Stats.of(r.stream().map(ColdStart.Run::millis).toList());
          Stats rss = Stats.of(r.stream().map(x -> x.peakRssKb() / 1024.0).toList());
          medians.put(name, time.median());
          List<Double> calls =
              r.stream().map(ColdStart.Run::firstCallMillis).filter(m -> !m.isNaN()).toList();
          if (!calls.isEmpty()) {
            firstCalls.put(name, Stats.of(calls));
          }
          md.append("| ")
              .append(name)
              .append(" | ")
              .append(time.medianWithSpread("ms"))
              .append(" | ")
              .append(rss.medianWithSpread("MB"))
              .append(" |\n");
        });
    if (reference == null) {
      return md.append(
              "\nThe reference server could not be installed from npm in this run; no ratio.\n\n")
          .toString();
    }
    double ref = medians.get(referenceName);
    double ratio = medians.get(launcherOnDefault) / ref;
    double sandboxRatio = medians.get(onSandbox) / ref;
    targets.add(
        "1. Cold start with --sandbox, ours / reference",
        "≤ 1.0",
        String.format("%.2f on JDK %d", sandboxRatio, ourMajor),
        sandboxRatio <= 1.0);
    firstCalls.forEach(
        (name, calls) ->
            md.append(
                String.format(
                    "%nWith `--sandbox`, process start → first tool call (`list_catalogs`, which waits for the sandbox) answered: %s "
                        + "(ratio of start-up to the reference: **%.2f**).%n",
                    calls.medianWithSpread("ms"), sandboxRatio)));
    targets.add(
        "1. Cold start, ours / reference",
        "≤ 1.0",
        String.format(
            "%.2f on JDK %d%s",
            ratio,
            ourMajor,
            launcherOnNewer == null
                ? ""
                : String.format(
                    ", %.2f on JDK %d", medians.get(launcherOnNewer) / ref, major(newer.get()))),
        ratio <= 1.0);
    md.append(
        String.format(
            "%nRatio to the reference (median / median, target ≤ 1.0): **%.2f** with the launcher on JDK %d (this machine's "
                + "default java)",
            medians.get(launcherOnDefault) / ref, ourMajor));
    if (launcherOnNewer != null) {
      md.append(
          String.format(
              ", **%.2f** on JDK %d", medians.get(launcherOnNewer) / ref, major(newer.get())));
    }
    return md.append(".\n\n").toString();
  }

  private static ColdStart.Command launcher(Path launcher, String javaHome) {
    Map<String, String> env = new LinkedHashMap<>(ENV);
    env.put("JAVA_HOME", javaHome);
    return new ColdStart.Command(concat(List.of(launcher.toString()), ARGS), env);
  }

  /**
   * An installed JDK of at least this feature version under /usr/lib/jvm (Temurin 25 on this
   * machine).
   */
  private static Optional<Path> jdkAtLeast(int feature) throws IOException {
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    try (Stream<Path> homes = Files.list(jvms)) {
      return homes
          .filter(h -> Files.isExecutable(h.resolve("bin/java")) && major(h) >= feature)
          .sorted()
          .findFirst();
    }
  }

  private static int major(Path jdk) {
    try {
      Matcher m =
          Pattern.compile("JAVA_VERSION=\"(\\d+)")
              .matcher(Files.readString(jdk.resolve("release")));
      return m.find() ? Integer.parseInt(m.group(1)) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private static String nodeVersion() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      return new String(p.getInputStream().readAllBytes()).strip();
    } catch (IOException e) {
      return "?";
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }
}
