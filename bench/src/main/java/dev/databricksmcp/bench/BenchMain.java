package dev.databricksmcp.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;

/**
 * Runs the benchmarks and writes BENCHMARKS.md. Usage (bench/run.sh passes them): {@code BenchMain
 * JAR REFERENCE_JS OUT [quick|full] [SECTIONS]}; SECTIONS is a comma-separated subset of coldstart,
 * context, calls, throughput, large, results, sandbox, tasks — printed only, BENCHMARKS.md left
 * alone.
 */
public final class BenchMain {
  private BenchMain() {}

  /** How much to measure: full for BENCHMARKS.md, quick for trying a change. */
  private record Effort(
      String name, int coldStarts, int trials, int rounds, Duration window, int largeRuns) {
    static Effort of(String name) {
      return name.equals("quick")
          ? new Effort(name, 5, 1, 1000, Duration.ofSeconds(3), 1)
          : new Effort(name, 20, 5, 2000, Duration.ofSeconds(10), 3);
    }
  }

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    Path reference = args.length > 1 && !args[1].isBlank() ? Path.of(args[1]) : null;
    Path out = Path.of(args.length > 2 ? args[2] : "BENCHMARKS.md");
    Effort effort = Effort.of(args.length > 3 ? args[3] : "full");
    Set<String> only =
        args.length > 4 && !args[4].isBlank() ? Set.of(args[4].split(",")) : Set.of();
    Path root = jar.toAbsolutePath().getParent().getParent().getParent();
    Path launcher = root.resolve("databricks-mcp");

    StringBuilder md = new StringBuilder("# Benchmarks\n\n");
    md.append("Produced by `bench/run.sh")
        .append(effort.name().equals("quick") ? " quick" : "")
        .append("` on ")
        .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
        .append(" at commit ")
        .append(commit(root))
        .append(". Machine: ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, ")
        .append(memoryGib())
        .append(" GiB RAM, ")
        .append(System.getProperty("os.name"))
        .append(' ')
        .append(System.getProperty("os.arch"))
        .append("; benchmark JVM ")
        .append(System.getProperty("java.vm.name"))
        .append(' ')
        .append(System.getProperty("java.version"))
        .append(
            ". Several runs each, reported as the median with the spread; ratios and differences come from the same run. "
                + "No number here is asserted by a test.\n\n");

    Targets targets = new Targets();
    StringBuilder sections = new StringBuilder();
    if (wants(only, "coldstart")) {
      sections.append(ColdStartBench.run(jar, launcher, reference, effort.coldStarts(), targets));
    }
    if (wants(only, "context")) {
      sections.append(ContextCostBench.run(launcher, targets));
    }
    if (wants(only, "calls")
        || wants(only, "throughput")
        || wants(only, "large")
        || wants(only, "results")
        || wants(only, "sandbox")
        || wants(only, "tasks")) {
      try (SandboxProcess sandbox = new SandboxProcess(jar)) {
        if (wants(only, "calls") || wants(only, "throughput")) {
          Map<String, String> noCache = Map.of("DATABRICKS_MCP_CACHE_TTL_SECONDS", "0");
          try (ServerProcess cached = ServerProcess.http(launcher, sandbox.host, Map.of());
              ServerProcess uncached = ServerProcess.http(launcher, sandbox.host, noCache)) {
            if (wants(only, "calls")) {
              Map<String, String> noCacheC2 =
                  Map.of(
                      "DATABRICKS_MCP_CACHE_TTL_SECONDS",
                      "0",
                      "DATABRICKS_MCP_JAVA_OPTS",
                      OverheadBench.STDIO_C2);
              try (ServerProcess stdio = ServerProcess.stdio(launcher, sandbox.host, noCache);
                  ServerProcess stdioC2 = ServerProcess.stdio(launcher, sandbox.host, noCacheC2)) {
                OverheadBench.Result r =
                    OverheadBench.run(
                        sandbox,
                        uncached,
                        cached,
                        stdio,
                        stdioC2,
                        effort.trials(),
                        effort.rounds(),
                        targets);
                sections.append(r.overheadMarkdown()).append(r.cacheMarkdown());
              }
            }
            if (wants(only, "throughput")) {
              sections.append(
                  ThroughputBench.run(
                      cached, launcher, sandbox.host, effort.window(), effort.trials(), targets));
            }
          }
        }
        if (wants(only, "large")) {
          sections.append(LargeResultBench.run(sandbox, effort.largeRuns(), targets));
        }
        if (wants(only, "results")) {
          sections.append(ResultSizeBench.run(sandbox));
        }
        if (wants(only, "sandbox")) {
          sections.append(SandboxSpeedBench.run(sandbox, effort.rounds(), targets));
        }
        if (wants(only, "tasks")) {
          sections.append(TasksBench.run(sandbox, targets));
        }
      }
    }
    md.append(targets.markdown()).append(sections);
    Path tried = root.resolve("bench/what-was-tried.md");
    if (Files.exists(tried)) {
      md.append(Files.readString(tried));
    }
    if (only.isEmpty()) {
      Files.writeString(out, md.toString());
    }
    System.out.println(md);
    // the MCP clients and the SDK leave non-daemon threads behind; the report is written, so end
    // here
    System.exit(0);
  }

  private static long memoryGib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Math.round(Long.parseLong(line.replaceAll("[^0-9]", "")) / (1024.0 * 1024.0));
        }
      }
    } catch (Exception e) {
      // not Linux: say nothing wrong
    }
    return -1;
  }

  private static String commit(Path root) {
    try {
      Process git =
          new ProcessBuilder("git", "rev-parse", "--short", "HEAD")
              .directory(root.toFile())
              .redirectErrorStream(true)
              .start();
      String out = new String(git.getInputStream().readAllBytes()).strip();
      if (git.waitFor() != 0) {
        return "?";
      }
      Process status =
          new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no")
              .directory(root.toFile())
              .start();
      boolean dirty = !new String(status.getInputStream().readAllBytes()).isBlank();
      return status.waitFor() == 0 && dirty ? out + " with uncommitted changes" : out;
    } catch (Exception e) {
      return "?";
    }
  }

  private static boolean wants(Set<String> only, String section) {
    return only.isEmpty() || only.contains(section);
  }
}
