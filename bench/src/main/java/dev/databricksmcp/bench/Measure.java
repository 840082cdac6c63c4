package dev.databricksmcp.bench;

import com.databricks.sdk.service.catalog.GetTableRequest;
import com.databricks.sdk.service.iam.MeRequest;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/** The in-process measurements: per-call overhead, throughput, large results, cache hit vs miss. */
final class Measure {
  private Measure() {}

  /** Latencies in milliseconds of {@code n} calls after {@code warmup} unmeasured ones. */
  static Stats latencies(int warmup, int n, ThrowingRunnable call) throws Exception {
    for (int i = 0; i < warmup; i++) {
      call.run();
    }
    List<Double> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      call.run();
      out.add((System.nanoTime() - t) / 1e6);
    }
    return Stats.of(out);
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  static Stats directSdk(InProcess p, int n) throws Exception {
    var w = p.workspace.client();
    return latencies(Math.max(200, n), n, () -> w.currentUser().me(new MeRequest()));
  }

  static Stats toolOverHttp(InProcess p, String tool, Map<String, Object> args, int n) throws Exception {
    McpSyncClient c = p.client();
    try {
      return latencies(Math.max(200, n), n, () -> check(c.callTool(new CallToolRequest(tool, args))));
    } finally {
      c.closeGracefully();
    }
  }

  static void check(CallToolResult r) {
    if (Boolean.TRUE.equals(r.isError())) {
      throw new IllegalStateException("tool error: " + r.structuredContent());
    }
  }

  /** calls/s, p50, p99 and errors for {@code clients} concurrent sessions during {@code duration}. */
  record Throughput(int clients, double callsPerSecond, Stats latency, long errors) {}

  static Throughput throughput(InProcess p, int clients, String tool, Map<String, Object> args, Duration duration) throws Exception {
    List<McpSyncClient> sessions = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      sessions.add(p.client());
    }
    for (McpSyncClient c : sessions) {
      check(c.callTool(new CallToolRequest(tool, args)));
    }
    AtomicLong errors = new AtomicLong();
    List<List<Double>> perThread = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(clients);
    long end = System.nanoTime() + duration.toNanos();
    long start = System.nanoTime();
    for (McpSyncClient c : sessions) {
      List<Double> mine = new ArrayList<>();
      perThread.add(mine);
      Thread t = new Thread(() -> {
        try {
          while (System.nanoTime() < end) {
            long s = System.nanoTime();
            try {
              CallToolResult r = c.callTool(new CallToolRequest(tool, args));
              if (Boolean.TRUE.equals(r.isError())) {
                errors.incrementAndGet();
              }
            } catch (RuntimeException e) {
              errors.incrementAndGet();
            }
            mine.add((System.nanoTime() - s) / 1e6);
          }
        } finally {
          done.countDown();
        }
      });
      t.start();
    }
    done.await();
    double seconds = (System.nanoTime() - start) / 1e9;
    for (McpSyncClient c : sessions) {
      c.closeGracefully();
    }
    List<Double> all = new ArrayList<>();
    perThread.forEach(all::addAll);
    return new Throughput(clients, all.size() / seconds, Stats.of(all), errors.get());
  }

  /** As {@link #throughput} with the minimal client, so the clients take as little of the 2 cores as possible. */
  static Throughput rawThroughput(String url, int clients, String tool, String argsJson, Duration duration) throws Exception {
    List<RawHttpMcp> sessions = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      RawHttpMcp c = new RawHttpMcp(url);
      c.call(tool, argsJson);
      sessions.add(c);
    }
    AtomicLong errors = new AtomicLong();
    List<List<Double>> perThread = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    for (RawHttpMcp c : sessions) {
      List<Double> mine = new ArrayList<>();
      perThread.add(mine);
      Thread t = new Thread(() -> {
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
    List<Double> all = new ArrayList<>();
    perThread.forEach(all::addAll);
    return new Throughput(clients, all.size() / seconds, Stats.of(all), errors.get());
  }

  /** A million-row result: time to the first page, bytes returned, and the server's heap growth. */
  record LargeResult(double firstPageMillis, int bytesReturned, long heapPeakMb, long heapBeforeMb) {}

  static LargeResult largeResult(InProcess p) throws Exception {
    McpSyncClient c = p.client();
    try {
      System.gc();
      long before = usedHeapMb();
      AtomicLong peak = new AtomicLong(before);
      Thread sampler = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          peak.accumulateAndGet(usedHeapMb(), Math::max);
          try {
            Thread.sleep(5);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      sampler.setDaemon(true);
      sampler.start();
      long t = System.nanoTime();
      CallToolResult r = c.callTool(new CallToolRequest("execute_sql",
          Map.of("statement", "SELECT range AS id, range * 2 AS doubled, 'row ' || range AS label FROM range(1000000)", "timeout_seconds", 120)));
      double ms = (System.nanoTime() - t) / 1e6;
      sampler.interrupt();
      check(r);
      int bytes = r.content().toString().length() + String.valueOf(r.structuredContent()).length();
      return new LargeResult(ms, bytes, peak.get(), before);
    } finally {
      c.closeGracefully();
    }
  }

  private static long usedHeapMb() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
  }

  static Stats getTable(InProcess p, int n) throws Exception {
    return toolOverHttp(p, "get_table", Map.of("full_name", "samples.nyctaxi.trips"), n);
  }

  static Stats directGetTable(InProcess p, int n) throws Exception {
    var w = p.workspace.client();
    return latencies(50, n, () -> w.tables().get(new GetTableRequest().setFullName("samples.nyctaxi.trips")));
  }
}
