package dev.databricksmcp.bench;

import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolSelection;
import dev.databricksmcp.server.core.Toolset;
import dev.databricksmcp.server.mcp.McpServerFactory;
import dev.databricksmcp.server.tools.AllTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs every benchmark and writes BENCHMARKS.md. Usage: BenchMain JAR REFERENCE_JS OUT [quick|full] [SECTIONS]
 * (bench/run.sh passes them).
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    Path reference = args.length > 1 && !args[1].isBlank() ? Path.of(args[1]) : null;
    Path out = Path.of(args.length > 2 ? args[2] : "BENCHMARKS.md");
    boolean quick = args.length > 3 && args[3].equals("quick");
    int runs = quick ? 3 : 10;
    int calls = quick ? 300 : 2000;
    Duration window = Duration.ofSeconds(quick ? 3 : 10);
    StringBuilder md = new StringBuilder();
    md.append("# Benchmarks\n\n");
    md.append("Produced by `bench/run.sh` on ").append(Instant.now()).append(". Machine: ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
        .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version")).append(", ")
        .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
        .append(". Medians over several runs with their spread (min–max); ratios are from the same run.\n\n");

    // a fifth argument picks sections (coldstart,context,calls,large): printed only, BENCHMARKS.md untouched
    Set<String> only = args.length > 4 && !args[4].isBlank() ? Set.of(args[4].split(",")) : Set.of();
    if (only.isEmpty() || only.contains("coldstart")) {
      md.append(coldStart(jar, reference, runs));
    }
    if (only.isEmpty() || only.contains("context")) {
      md.append(contextCost());
    }
    if (only.isEmpty() || only.contains("calls") || only.contains("large")) {
      try (SandboxProcess sandbox = new SandboxProcess(jar)) {
        if (only.isEmpty() || only.contains("calls")) {
          md.append(overheadAndThroughput(jar, sandbox, calls, window));
        }
        if (only.isEmpty() || only.contains("large")) {
          md.append(largeResult(sandbox));
        }
      }
    }
    if (only.isEmpty()) {
      Files.writeString(out, md.toString());
    }
    System.out.println(md);
    // the MCP clients and the SDK leave non-daemon threads behind; the report is written, so end here
    System.exit(0);
  }

  private static String coldStart(Path jar, Path reference, int runs) throws Exception {
    Map<String, String> env = Map.of("DATABRICKS_HOST", "http://127.0.0.1:9", "DATABRICKS_TOKEN", "dapi-bench", "DATABRICKS_MCP_AUDIT_LOG", "/dev/null");
    Path launcher = jar.getParent().getParent().getParent().resolve("databricks-mcp");
    List<String> args = List.of("--toolsets", "all", "--log-level", "warn");
    List<String> names = new ArrayList<>();
    List<List<String>> commands = new ArrayList<>();
    List<Map<String, String>> envs = new ArrayList<>();
    names.add("databricks-mcp, plain `java -jar` (JDK " + Runtime.version().feature() + ")");
    commands.add(concat(List.of(SandboxProcess.java(), "-jar", jar.toString()), args));
    envs.add(env);
    names.add("databricks-mcp, `./databricks-mcp` launcher on JDK " + Runtime.version().feature() + " (AppCDS archive, C1, SerialGC)");
    commands.add(concat(List.of(launcher.toString()), args));
    envs.add(withJavaHome(env, System.getProperty("java.home")));
    Path jdk25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    if (Files.isDirectory(jdk25)) {
      names.add("databricks-mcp, `./databricks-mcp` launcher with JAVA_HOME on JDK 25 (AOT cache, C1, SerialGC)");
      commands.add(concat(List.of(launcher.toString()), args));
      envs.add(withJavaHome(env, jdk25.toString()));
    }
    StringBuilder md = new StringBuilder("## 1. Cold start (process start → initialize → tools/list, stdio, all toolsets)\n\n");
    md.append("| server | time | peak RSS |\n|---|---|---|\n");
    double best = Double.MAX_VALUE;
    for (int i = 0; i < commands.size(); i++) {
      ColdStart.once(commands.get(i), envs.get(i)); // the launcher prepares its start-up cache on its first run after a build
      List<ColdStart.Run> r = ColdStart.repeat(runs, commands.get(i), envs.get(i));
      Stats time = Stats.of(r.stream().map(ColdStart.Run::millis).toList());
      Stats rss = Stats.of(r.stream().map(x -> x.peakRssKb() / 1024.0).toList());
      best = Math.min(best, time.median());
      md.append("| ").append(names.get(i)).append(" | ").append(time.medianWithSpread("ms")).append(" | ").append(rss.medianWithSpread("MB")).append(" |\n");
    }
    if (reference != null) {
      List<ColdStart.Run> r = ColdStart.repeat(runs, List.of("node", reference.toString(), "stdio"), Map.of());
      Stats time = Stats.of(r.stream().map(ColdStart.Run::millis).toList());
      Stats rss = Stats.of(r.stream().map(x -> x.peakRssKb() / 1024.0).toList());
      md.append("| reference: @modelcontextprotocol/server-everything (Node) | ").append(time.medianWithSpread("ms")).append(" | ")
          .append(rss.medianWithSpread("MB")).append(" |\n");
      md.append(String.format("%nRatio (our best median / reference median): **%.2f** (target ≤ 1.0).%n%n", best / time.median()));
    } else {
      md.append("\nThe reference server could not be installed from npm in this run; no ratio.\n\n");
    }
    return md.toString();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static Map<String, String> withJavaHome(Map<String, String> env, String javaHome) {
    Map<String, String> out = new java.util.HashMap<>(env);
    out.put("JAVA_HOME", javaHome);
    return out;
  }

  private static String contextCost() {
    StringBuilder md = new StringBuilder("## 5. Context cost (tools/list as sent)\n\n| set | tools | bytes | ≈ tokens (bytes/4) |\n|---|---|---|---|\n");
    md.append(row("default (workspace, catalog, sql)", List.of()));
    md.append(row("all", List.of("all")));
    for (Toolset t : Toolset.values()) {
      List<ToolDef> tools = AllTools.definitions(new ToolSelection(List.of("all"), Set.of(), Set.of(), false), false).stream()
          .filter(d -> d.toolset() == t).toList();
      if (!tools.isEmpty()) {
        int bytes = bytes(tools);
        md.append("| toolset ").append(t.id()).append(" | ").append(tools.size()).append(" | ").append(bytes).append(" | ").append(bytes / 4).append(" |\n");
      }
    }
    return md.append("\nTarget: default set under 20,000 tokens.\n\n").toString();
  }

  private static String row(String name, List<String> toolsets) {
    ToolSelection selection = new ToolSelection(toolsets, Set.of(), Set.of(), false);
    List<ToolDef> tools = AllTools.inventory(selection, false).select(selection);
    int bytes = bytes(tools);
    return "| " + name + " | " + tools.size() + " | " + bytes + " | " + bytes / 4 + " |\n";
  }

  private static int bytes(List<ToolDef> tools) {
    try {
      return McpServerFactory.JSON.writeValueAsString(Map.of("tools", tools.stream().map(McpServerFactory::toMcpTool).toList())).length();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String overheadAndThroughput(Path jar, SandboxProcess sandbox, int calls, Duration window) throws Exception {
    StringBuilder md = new StringBuilder();
    try (InProcess p = new InProcess(sandbox.host, false, Duration.ofSeconds(60))) {
      String url = "http://127.0.0.1:" + p.http.port() + "/mcp";
      Stats direct = Measure.directSdk(p, calls);
      RawHttpMcp raw = new RawHttpMcp(url);
      Stats rawHttp = Measure.latencies(calls, calls, () -> raw.call("get_workspace_info", "{}"));
      Stats floor = Measure.latencies(calls, calls, raw::healthz);
      Stats sdkHttp = Measure.toolOverHttp(p, "get_workspace_info", Map.of(), calls);
      Stats stdio;
      try (RawStdioMcp server = new RawStdioMcp(jar, sandbox.host)) {
        stdio = Measure.latencies(calls, calls, () -> server.call("get_workspace_info", "{}"));
      }
      md.append("## 2. Per-call overhead (get_workspace_info vs the same SDK call made directly; sandbox in another process)\n\n");
      md.append("Overhead = our latency − the direct SDK call's latency, at the same percentile, in the same run.\n\n");
      md.append("| path | p50 | p99 | overhead p50 | overhead p99 |\n|---|---|---|---|---|\n");
      md.append(String.format("| Databricks SDK `currentUser().me()`, direct | %.3f ms | %.3f ms | – | – |%n", direct.median(), direct.p(99)));
      md.append(row("tools/call over stdio (packaged jar, hand-written JSON-RPC lines)", stdio, direct));
      md.append(row("tools/call over Streamable HTTP, minimal client (java.net.http)", rawHttp, direct));
      md.append(row("tools/call over Streamable HTTP, MCP Java SDK client", sdkHttp, direct));
      md.append(String.format("%nFor scale: one bare HTTP round trip on loopback with the same minimal client (`GET /healthz`, no MCP, no tool) "
          + "takes p50 %.3f ms, p99 %.3f ms — the floor under any HTTP overhead.%n", floor.median(), floor.p(99)));
      md.append("\nTarget: overhead under 0.5 ms at p50 and p99.\n\n");

      Stats miss;
      try (InProcess noCache = new InProcess(sandbox.host, false, Duration.ZERO)) {
        miss = Measure.getTable(noCache, calls / 2);
      }
      Stats hit = Measure.getTable(p, calls);
      md.append("## 6. Metadata cache: get_table hit vs miss (over HTTP, MCP Java SDK client)\n\n| | p50 | p99 |\n|---|---|---|\n");
      md.append(String.format("| miss (cache off) | %.3f ms | %.3f ms |%n| hit | %.3f ms | %.3f ms |%n%nHit is %.1f× faster at p50.%n%n",
          miss.median(), miss.p(99), hit.median(), hit.p(99), miss.median() / hit.median()));

      md.append("## 3. Throughput (Streamable HTTP, one session per client, minimal clients in the benchmark process, ")
          .append(window.toSeconds()).append(" s each)\n\n");
      md.append("| tool | clients | calls/s | p50 | p99 | errors |\n|---|---|---|---|---|---|\n");
      for (int clients : new int[] {16, 64}) {
        for (String[] tool : new String[][] {{"get_table", "cached"}, {"get_workspace_info", "uncached"}}) {
          String args = tool[0].equals("get_table") ? "{\"full_name\":\"samples.nyctaxi.trips\"}" : "{}";
          Measure.Throughput t = Measure.rawThroughput(url, clients, tool[0], args, window);
          md.append(String.format("| %s (%s) | %d | %.0f | %.2f ms | %.2f ms | %d |%n", tool[0], tool[1], clients, t.callsPerSecond(),
              t.latency().median(), t.latency().p(99), t.errors()));
        }
      }
      md.append("\nTarget: ≥ 3,000 calls/s for the cached tool, 0 errors. The clients share the machine's 2 cores with the server.\n\n");
    }
    return md.toString();
  }

  private static String row(String name, Stats s, Stats direct) {
    return String.format("| %s | %.3f ms | %.3f ms | **%.3f ms** | **%.3f ms** |%n", name, s.median(), s.p(99),
        s.median() - direct.median(), s.p(99) - direct.p(99));
  }

  private static String largeResult(SandboxProcess sandbox) throws Exception {
    try (InProcess p = new InProcess(sandbox.host, false, Duration.ofSeconds(60))) {
      Measure.LargeResult r = Measure.largeResult(p);
      return "## 4. Large results (execute_sql over 1,000,000 rows, default page of 100 rows)\n\n"
          + String.format("Time to the first page: **%.0f ms** (includes the sandbox running the query). Bytes returned to the client: %d. "
              + "Server heap: %d MB before, %d MB peak during the call — the result is read chunk by chunk, never held whole.%n%n",
              r.firstPageMillis(), r.bytesReturned(), r.heapBeforeMb(), r.heapPeakMb());
    }
  }
}
