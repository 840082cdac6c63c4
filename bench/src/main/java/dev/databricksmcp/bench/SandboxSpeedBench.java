package dev.databricksmcp.bench;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.catalog.GetTableRequest;
import com.databricks.sdk.service.catalog.ListSchemasRequest;
import com.databricks.sdk.service.catalog.ListTablesRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's own speed on the Unity Catalog reads the tools and the test suite make most: each
 * through the Databricks SDK for Java in this process, the sandbox in another, as every test and
 * tool reaches it. What the suite's time mostly waits on.
 */
final class SandboxSpeedBench {
  private SandboxSpeedBench() {}

  static String run(SandboxProcess sandbox, int rounds, Targets targets) {
    WorkspaceClient sdk = sandbox.sdkClient();
    Map<String, Runnable> reads = new LinkedHashMap<>();
    reads.put(
        "GET table (`samples.tpch.orders`, with its columns)",
        () -> sdk.tables().get(new GetTableRequest().setFullName("samples.tpch.orders")));
    reads.put(
        "list tables of a schema (`samples.tpch`)",
        () ->
            sdk.tables()
                .list(new ListTablesRequest().setCatalogName("samples").setSchemaName("tpch"))
                .iterator()
                .hasNext());
    reads.put(
        "list schemas of a catalog (`samples`)",
        () ->
            sdk.schemas()
                .list(new ListSchemasRequest().setCatalogName("samples"))
                .iterator()
                .hasNext());
    reads.put(
        "list catalogs",
        () ->
            sdk.catalogs()
                .list(new com.databricks.sdk.service.catalog.ListCatalogsRequest())
                .iterator()
                .hasNext());

    Map<String, List<Double>> times = new LinkedHashMap<>();
    reads.keySet().forEach(k -> times.put(k, new ArrayList<>()));
    // warm both JVMs before measuring, then take the reads in turns
    for (int i = 0; i < 200; i++) {
      reads.values().forEach(Runnable::run);
    }
    for (int i = 0; i < rounds; i++) {
      for (Map.Entry<String, Runnable> read : reads.entrySet()) {
        long start = System.nanoTime();
        read.getValue().run();
        times.get(read.getKey()).add((System.nanoTime() - start) / 1e6);
      }
    }

    StringBuilder md =
        new StringBuilder("## 8. The sandbox's speed (Unity Catalog reads through the SDK)\n\n");
    md.append(
        String.format(
            "%,d rounds of each read in turns, after 200 unmeasured; the Databricks SDK for Java in the benchmark process, the sandbox (`./databricks-mcp sandbox`) in another. Latency is the SDK call's, HTTP on loopback included.%n%n",
            rounds));
    md.append("| read | p50 | p90 | p99 |\n|---|---|---|---|\n");
    times.forEach(
        (name, t) -> {
          Stats s = Stats.of(t);
          md.append(
              String.format(
                  "| %s | %.2f ms | %.2f ms | %.2f ms |%n", name, s.p(50), s.p(90), s.p(99)));
        });
    double tableP50 = Stats.of(times.values().iterator().next()).p(50);
    targets.add(
        "4. Sandbox metadata read (GET table), p50",
        "< 1 ms",
        String.format("%.2f ms", tableP50),
        tableP50 < 1.0);
    return md.append('\n').toString();
  }
}
