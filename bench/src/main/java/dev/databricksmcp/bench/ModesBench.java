package dev.databricksmcp.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Section 3, modes: a stateful and a stateless server side by side at 64 connections, each driven
 * by wrk and by our minimal client in the same run, runs alternating between the modes.
 */
final class ModesBench {
  private ModesBench() {}

  private static final int CLIENTS = 64;
  private static final String TOOL = "get_table";
  private static final String ARGS = "{\"full_name\":\"samples.nyctaxi.trips\"}";

  private enum Client {
    MINIMAL,
    WRK_SESSION_PER_CONNECTION,
    WRK_ONE_SESSION,
    WRK
  }

  private record Row(String client, String mode, boolean stateless, Client how) {}

  private static final List<Row> ROWS =
      List.of(
          new Row("minimal client", "stateful, a session per client", false, Client.MINIMAL),
          new Row("minimal client", "stateless", true, Client.MINIMAL),
          new Row(
              "wrk",
              "stateful, a session per connection",
              false,
              Client.WRK_SESSION_PER_CONNECTION),
          new Row("wrk", "stateless", true, Client.WRK),
          new Row(
              "wrk", "stateful, one session for all connections", false, Client.WRK_ONE_SESSION));

  static String run(
      Path root, Path launcher, String sandboxHost, Duration window, int trials, Targets targets)
      throws Exception {
    StringBuilder md =
        new StringBuilder(
            String.format(
                "Stateful against stateless at %d connections (%s, cached), measured by two clients in the same run:"
                    + " two fresh `./databricks-mcp --transport http` processes, one with `--stateless`; one"
                    + " unmeasured run of each client on each; then %d rounds of %d s runs, each round every row"
                    + " once, the order reversed every other round so that the modes alternate.%n%n",
                CLIENTS, TOOL, trials, window.toSeconds()));
    md.append(
        "What each client measures. The *minimal client* is %d Java threads in the benchmark's JVM, one blocking"
                .formatted(CLIENTS)
            + " socket each, writing HTTP by hand and reading each answer in full (JSON or the SSE event);"
            + " it opens its MCP session first (stateful) and times each call itself. *wrk* (C, epoll, two"
            + " threads, `bench/wrk/tools-call.lua`) posts the same request on its connections and costs far"
            + " less CPU per call, so on a machine where client and server share two cores it leaves the server"
            + " more of them; its rate here counts only answers that are a tool success (wrk's own counts every"
            + " answer, a 415 as much as a 200). Neither pipelines: one call in flight per connection. wrk"
            + " cannot give each connection its own session, so the stateful server is measured with the"
            + " sessions used in turn, and with the one session of the issue's measurement.\n\n");
    Path wrk = Wrk.find();
    Path script = root.resolve("bench/wrk/tools-call.lua");
    if (wrk == null) {
      md.append(
          "wrk is not installed (bench/run.sh installs the Debian package when it can): its rows are left out.\n\n");
    }
    List<Row> rows = ROWS.stream().filter(r -> wrk != null || r.how() == Client.MINIMAL).toList();
    try (ServerProcess stateful = ServerProcess.http(launcher, sandboxHost, Map.of());
        ServerProcess stateless =
            ServerProcess.http(launcher, sandboxHost, Map.of(), List.of("--stateless"))) {
      for (Row r : rows) {
        once(r, r.stateless() ? stateless : stateful, wrk, script, window);
      }
      List<List<Wrk.Result>> results = new ArrayList<>();
      rows.forEach(r -> results.add(new ArrayList<>()));
      for (int t = 0; t < trials; t++) {
        for (int k = 0; k < rows.size(); k++) {
          int i = t % 2 == 0 ? k : rows.size() - 1 - k;
          Row r = rows.get(i);
          results.get(i).add(once(r, r.stateless() ? stateless : stateful, wrk, script, window));
        }
      }
      md.append(
          "| client | server | calls/s | p50 (ms) | p99 (ms) | errors |\n|---|---|---|---|---|---|\n");
      double[] median = new double[rows.size()];
      for (int i = 0; i < rows.size(); i++) {
        List<Wrk.Result> r = results.get(i);
        median[i] = Stats.of(r.stream().map(Wrk.Result::callsPerSecond).toList()).median();
        md.append(
            String.format(
                "| %s | %s | %s | %s | %s | %d |%n",
                rows.get(i).client(),
                rows.get(i).mode(),
                Stats.of(r.stream().map(Wrk.Result::callsPerSecond).toList()).cell(0),
                Stats.of(r.stream().map(Wrk.Result::p50).toList()).cell(2),
                Stats.of(r.stream().map(Wrk.Result::p99).toList()).cell(2),
                r.stream().mapToLong(Wrk.Result::errors).sum()));
      }
      long statefulRss = Math.round(stateful.peakRssKb() / 1024.0);
      long statelessRss = Math.round(stateless.peakRssKb() / 1024.0);
      md.append(
          String.format(
              "%nStateless / stateful (session per client), median calls/s: %.2f with the minimal client",
              median[1] / median[0]));
      if (wrk != null) {
        md.append(String.format(", %.2f with wrk", median[3] / median[2]));
      }
      md.append(
          String.format(
              ". Peak RSS after all runs: stateful %d MB, stateless %d MB.%n%n",
              statefulRss, statelessRss));
      if (wrk != null) {
        List<Wrk.Result> s = results.get(3);
        double p99 = Stats.of(s.stream().map(Wrk.Result::p99).toList()).median();
        long errors = s.stream().mapToLong(Wrk.Result::errors).sum();
        targets.add(
            "3. Stateless HTTP, 64 connections, measured by wrk",
            "≥ 3,000 calls/s, ≥ 0.8× stateful, p99 < 50 ms, 0 errors, RSS < 300 MB",
            String.format(
                "%,.0f calls/s, %.2f× stateful, p99 %.1f ms, %d errors, %d MB",
                median[3], median[3] / median[2], p99, errors, statelessRss),
            median[3] >= 3000
                && median[3] >= 0.8 * median[2]
                && p99 < 50
                && errors == 0
                && statelessRss < 300);
      }
    }
    return md.toString();
  }

  private static Wrk.Result once(
      Row row, ServerProcess server, Path wrk, Path script, Duration window) throws Exception {
    return switch (row.how()) {
      case MINIMAL -> {
        ThroughputBench.Run r =
            ThroughputBench.once(server.url, CLIENTS, TOOL, ARGS, window, !row.stateless());
        yield new Wrk.Result(
            r.callsPerSecond(), r.latency().median(), r.latency().p(99), r.errors());
      }
      case WRK -> Wrk.run(wrk, script, server.url, CLIENTS, window, List.of());
      case WRK_ONE_SESSION, WRK_SESSION_PER_CONNECTION -> {
        int n = row.how() == Client.WRK_ONE_SESSION ? 1 : CLIENTS;
        List<MinimalHttpMcp> sessions = new ArrayList<>();
        try {
          for (int i = 0; i < n; i++) {
            sessions.add(new MinimalHttpMcp(server.url));
          }
          yield Wrk.run(
              wrk,
              script,
              server.url,
              CLIENTS,
              window,
              sessions.stream().map(MinimalHttpMcp::sessionId).toList());
        } finally {
          for (MinimalHttpMcp s : sessions) {
            s.close();
          }
        }
      }
    };
  }
}
