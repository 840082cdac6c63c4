package dev.databricksmcp.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Section 3: calls per second a shared deployment serves — N concurrent clients, each with its own
 * MCP session and connection, calling one tool back to back for a fixed time.
 */
final class ThroughputBench {
  private ThroughputBench() {}

  record Run(double callsPerSecond, Stats latency, long errors) {}

  static String run(ServerProcess server, Duration window, int trials, Targets targets)
      throws Exception {
    StringBuilder md =
        new StringBuilder(
            "## 3. Throughput (Streamable HTTP, one MCP session and connection per client)\n\n");
    md.append(
        String.format(
            "Each client is a minimal HTTP client (one thread, blocking socket) in the benchmark process, calling back to "
                + "back for %d s; the server is a `./databricks-mcp --transport http` process with rate limiting off; the sandbox is a third "
                + "process — all three share the machine's %d cores. Median of %d runs (min–max).%n%n",
            window.toSeconds(), Runtime.getRuntime().availableProcessors(), trials));
    md.append(
        "| tool | clients | calls/s | p50 (ms) | p99 (ms) | errors |\n|---|---|---|---|---|---|\n");
    double cachedWorst = Double.MAX_VALUE;
    long errors = 0;
    for (int clients : new int[] {16, 64}) {
      for (String[] tool :
          new String[][] {
            {"get_table", "cached", "{\"full_name\":\"samples.nyctaxi.trips\"}"},
            {"get_workspace_info", "uncached", "{}"}
          }) {
        List<Run> runs = new ArrayList<>();
        for (int t = 0; t < trials; t++) {
          runs.add(once(server.url, clients, tool[0], tool[2], window));
        }
        double median = Stats.of(runs.stream().map(Run::callsPerSecond).toList()).median();
        if (tool[1].equals("cached")) {
          cachedWorst = Math.min(cachedWorst, median);
        }
        errors += runs.stream().mapToLong(Run::errors).sum();
        md.append(
            String.format(
                "| %s (%s) | %d | %s | %s | %s | %d |%n",
                tool[0],
                tool[1],
                clients,
                Stats.of(runs.stream().map(Run::callsPerSecond).toList()).cell(0),
                Stats.of(runs.stream().map(r -> r.latency().median()).toList()).cell(2),
                Stats.of(runs.stream().map(r -> r.latency().p(99)).toList()).cell(2),
                runs.stream().mapToLong(Run::errors).sum()));
      }
    }
    targets.add(
        "3. Throughput, cached tool, 16 and 64 clients",
        "≥ 3,000 calls/s, 0 errors",
        String.format("%,.0f calls/s at the lower of the two, %d errors", cachedWorst, errors),
        cachedWorst >= 3000 && errors == 0);
    md.append(
        String.format(
            "%nTarget: ≥ 3,000 calls/s for the cached tool, 0 errors. Server peak RSS after these runs: %.0f MB.%n%n",
            server.peakRssKb() / 1024.0));
    return md.toString();
  }

  static Run once(String url, int clients, String tool, String argsJson, Duration window)
      throws Exception {
    List<MinimalHttpMcp> sessions = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      MinimalHttpMcp c = new MinimalHttpMcp(url);
      c.call(tool, argsJson); // the session is open and the tool answers before the clock starts
      sessions.add(c);
    }
    AtomicLong errors = new AtomicLong();
    List<List<Double>> perClient = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    long end = start + window.toNanos();
    for (MinimalHttpMcp c : sessions) {
      List<Double> mine = new ArrayList<>();
      perClient.add(mine);
      Thread t =
          new Thread(
              () -> {
                while (System.nanoTime() < end) {
                  long s = System.nanoTime();
                  try {
                    c.call(tool, argsJson);
                  } catch (Exception e) {
                    errors.incrementAndGet();
                  }
                  mine.add((System.nanoTime() - s) / 1e6);
                }
              });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    for (MinimalHttpMcp c : sessions) {
      c.close();
    }
    List<Double> all = new ArrayList<>();
    perClient.forEach(all::addAll);
    return new Run((all.size() - errors.get()) / seconds, Stats.of(all), errors.get());
  }
}
