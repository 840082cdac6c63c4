package dev.databricksmcp.bench;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.catalog.GetTableRequest;
import com.databricks.sdk.service.iam.MeRequest;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sections 2 and 6: what a tool call adds to the Databricks SDK call it makes, over stdio and
 * Streamable HTTP, and get_table's cache hit against its miss. Every path is measured in the same
 * interleaved rounds (see {@link Interleaved}), over several trials.
 */
final class OverheadBench {
  private static final String TABLE = "samples.nyctaxi.trips";
  private static final String TABLE_ARGS = "{\"full_name\":\"" + TABLE + "\"}";

  /**
   * The JVM options that choose C2 for a stdio server (the launcher's default is C1, for start-up).
   */
  static final String STDIO_C2 = "-XX:TieredStopAtLevel=4 -XX:CICompilerCount=2";

  private OverheadBench() {}

  record Result(String overheadMarkdown, String cacheMarkdown) {}

  /**
   * @param uncachedHttp an HTTP server with the metadata cache off, so get_table reaches the SDK
   *     every time
   * @param cachedHttp an HTTP server with the default cache, for the hit
   * @param uncachedStdio a stdio server with the cache off, as the launcher starts it (C1)
   * @param uncachedStdioC2 the same with C2 chosen through DATABRICKS_MCP_JAVA_OPTS
   */
  static Result run(
      SandboxProcess sandbox,
      ServerProcess uncachedHttp,
      ServerProcess cachedHttp,
      ServerProcess uncachedStdio,
      ServerProcess uncachedStdioC2,
      int trials,
      int rounds,
      Targets targets)
      throws Exception {
    WorkspaceClient sdk = sandbox.sdkClient();
    URI uri = URI.create(uncachedHttp.url);
    McpSyncClient javaClient =
        McpClient.sync(
                HttpClientStreamableHttpTransport.builder(
                        "http://" + uri.getHost() + ":" + uri.getPort())
                    .endpoint(uri.getPath())
                    .build())
            .requestTimeout(Duration.ofSeconds(60))
            .build();
    javaClient.initialize();
    try (MinimalHttpMcp http = new MinimalHttpMcp(uncachedHttp.url);
        MinimalHttpMcp cached = new MinimalHttpMcp(cachedHttp.url);
        RawStdioMcp stdio = new RawStdioMcp(uncachedStdio);
        RawStdioMcp stdioC2 = new RawStdioMcp(uncachedStdioC2)) {
      Interleaved paths =
          new Interleaved()
              .add("sdk.me", () -> sdk.currentUser().me(new MeRequest()))
              .add("sdk.table", () -> sdk.tables().get(new GetTableRequest().setFullName(TABLE)))
              .add("stdio.info", () -> stdio.call("get_workspace_info", "{}"))
              .add("stdio.table", () -> stdio.call("get_table", TABLE_ARGS))
              .add("stdio-c2.info", () -> stdioC2.call("get_workspace_info", "{}"))
              .add("stdio-c2.table", () -> stdioC2.call("get_table", TABLE_ARGS))
              .add("http.info", () -> http.call("get_workspace_info", "{}"))
              .add("http.table", () -> http.call("get_table", TABLE_ARGS))
              .add("http.floor", http::healthz)
              .add(
                  "java-client.info",
                  () ->
                      check(
                          javaClient.callTool(
                              new McpSchema.CallToolRequest("get_workspace_info", Map.of()))))
              .add("http.table.cached", () -> cached.call("get_table", TABLE_ARGS));
      Map<String, List<Stats>> byPath = new LinkedHashMap<>();
      for (int trial = 0; trial < trials; trial++) {
        // the first trial's warm-up lets both JITs compile the paths; later trials need less
        Map<String, Stats> result = paths.run(trial == 0 ? rounds : rounds / 5, rounds);
        result.forEach(
            (path, stats) -> byPath.computeIfAbsent(path, p -> new ArrayList<>()).add(stats));
      }
      target(targets, byPath, "2. Per-call overhead, stdio (launcher default: C1)", "stdio");
      target(targets, byPath, "2. Per-call overhead, stdio with C2 opted in", "stdio-c2");
      target(targets, byPath, "2. Per-call overhead, Streamable HTTP", "http");
      Stats miss = percentile(byPath.get("http.table"), 50);
      Stats hit = percentile(byPath.get("http.table.cached"), 50);
      targets.add(
          "6. get_table cache, hit vs miss (p50)",
          "–",
          String.format(
              "%.3f ms vs %.3f ms (%.1f×)",
              hit.median(), miss.median(), miss.median() / hit.median()),
          null);
      return new Result(overhead(byPath, trials, rounds), cache(byPath));
    } finally {
      javaClient.closeGracefully();
    }
  }

  /** The worst of the two tools' overheads, at p50 and at p99 (medians over the trials). */
  private static void target(
      Targets targets, Map<String, List<Stats>> byPath, String what, String transport) {
    double p50 =
        Math.max(
            difference(byPath.get(transport + ".info"), byPath.get("sdk.me"), 50).median(),
            difference(byPath.get(transport + ".table"), byPath.get("sdk.table"), 50).median());
    double p99 =
        Math.max(
            difference(byPath.get(transport + ".info"), byPath.get("sdk.me"), 99).median(),
            difference(byPath.get(transport + ".table"), byPath.get("sdk.table"), 99).median());
    targets.add(
        what,
        "< 0.5 ms at p50 and p99",
        String.format("p50 %.3f ms, p99 %.3f ms (the worse of the two tools)", p50, p99),
        p50 < 0.5 && p99 < 0.5);
  }

  private static void check(McpSchema.CallToolResult result) {
    if (Boolean.TRUE.equals(result.isError())) {
      throw new IllegalStateException("tool error: " + result.structuredContent());
    }
  }

  private static String overhead(Map<String, List<Stats>> byPath, int trials, int rounds) {
    StringBuilder md =
        new StringBuilder(
            "## 2. Per-call overhead (a tool call against the Databricks SDK call it makes)\n\n");
    md.append(
        String.format(
            "Each cell: the median over %d trials of %d interleaved rounds (min–max across trials), in ms. "
                + "Overhead = the tool call's latency − the direct SDK call's, at the same percentile, in the same trial. The servers are "
                + "`./databricks-mcp` processes with the metadata cache off, so get_table reaches the SDK on every call (stdio: C1, as the launcher "
                + "starts it, and with C2 opted in through `DATABRICKS_MCP_JAVA_OPTS=\""
                + STDIO_C2
                + "\"`; HTTP: C2); "
                + "the direct SDK calls run in the benchmark process; the sandbox is a third process.%n%n",
            trials,
            rounds));
    md.append("| call | p50 | p99 | overhead p50 | overhead p99 |\n|---|---|---|---|---|\n");
    row(md, "Databricks SDK `currentUser().me()`, in-process", byPath, "sdk.me", null);
    row(md, "`get_workspace_info` over stdio", byPath, "stdio.info", "sdk.me");
    row(md, "`get_workspace_info` over stdio, C2 opted in", byPath, "stdio-c2.info", "sdk.me");
    row(
        md,
        "`get_workspace_info` over Streamable HTTP, minimal client",
        byPath,
        "http.info",
        "sdk.me");
    row(
        md,
        "`get_workspace_info` over Streamable HTTP, MCP Java SDK client",
        byPath,
        "java-client.info",
        "sdk.me");
    row(md, "Databricks SDK `tables().get()`, in-process", byPath, "sdk.table", null);
    row(md, "`get_table` over stdio", byPath, "stdio.table", "sdk.table");
    row(md, "`get_table` over stdio, C2 opted in", byPath, "stdio-c2.table", "sdk.table");
    row(md, "`get_table` over Streamable HTTP, minimal client", byPath, "http.table", "sdk.table");
    md.append(
        String.format(
            "%nThe HTTP floor — `GET /healthz` on the minimal client's connection, no MCP, no tool — is p50 %s ms, p99 %s ms: "
                + "part of every HTTP overhead above. The MCP Java SDK client row shows what a heavier real client adds on its side.%n%n",
            percentile(byPath.get("http.floor"), 50).cell(3),
            percentile(byPath.get("http.floor"), 99).cell(3)));
    md.append("Target: overhead under 0.5 ms at p50 and p99.\n\n");
    return md.toString();
  }

  private static void row(
      StringBuilder md, String name, Map<String, List<Stats>> byPath, String path, String direct) {
    List<Stats> ours = byPath.get(path);
    md.append("| ")
        .append(name)
        .append(" | ")
        .append(percentile(ours, 50).cell(3))
        .append(" | ")
        .append(percentile(ours, 99).cell(3));
    if (direct == null) {
      md.append(" | – | – |\n");
      return;
    }
    List<Stats> base = byPath.get(direct);
    md.append(" | **")
        .append(difference(ours, base, 50).cell(3))
        .append("** | **")
        .append(difference(ours, base, 99).cell(3))
        .append("** |\n");
  }

  /** One percentile of each trial. */
  private static Stats percentile(List<Stats> trials, double p) {
    return Stats.of(trials.stream().map(s -> s.p(p)).toList());
  }

  /** Per trial: ours − direct at percentile p. */
  private static Stats difference(List<Stats> ours, List<Stats> direct, double p) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < ours.size(); i++) {
      out.add(ours.get(i).p(p) - direct.get(i).p(p));
    }
    return Stats.of(out);
  }

  private static String cache(Map<String, List<Stats>> byPath) {
    Stats miss50 = percentile(byPath.get("http.table"), 50);
    Stats hit50 = percentile(byPath.get("http.table.cached"), 50);
    return "## 6. Metadata cache: get_table hit vs miss (Streamable HTTP, minimal client, same rounds as section 2)\n\n"
        + "| | p50 | p99 |\n|---|---|---|\n"
        + "| miss (cache off: the SDK call every time) | "
        + miss50.cell(3)
        + " ms | "
        + percentile(byPath.get("http.table"), 99).cell(3)
        + " ms |\n"
        + "| hit (default 30 s cache) | "
        + hit50.cell(3)
        + " ms | "
        + percentile(byPath.get("http.table.cached"), 99).cell(3)
        + " ms |\n"
        + String.format(
            "%nA hit is %.1f× faster than a miss at p50.%n%n", miss50.median() / hit50.median());
  }
}
