package dev.databricksmcp.server.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stdio session (initialize, a tool call that queries the sandbox) run by the real CLI in a JVM
 * of its own, in a class loader that records what it loads: without the OTEL_* variables no
 * OpenTelemetry class is loaded (stdio's cold start is benchmarked); with them, they are (so the
 * probe can see them).
 */
class TracingOffLoadsNothingTest {
  @TempDir Path dir;

  @Test
  void withoutTheVariablesAStdioSessionLoadsNoOpenTelemetryClass() throws Exception {
    assertThat(openTelemetryClassesLoaded(Map.of())).isZero();
  }

  @Test
  void withAnEndpointTheSameSessionLoadsTheSdk() throws Exception {
    // a collector that takes every export at once, so the shutdown flush does not retry for seconds
    HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    collector.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    collector.start();
    try {
      String endpoint = "http://127.0.0.1:" + collector.getAddress().getPort();
      assertThat(openTelemetryClassesLoaded(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint)))
          .isPositive();
    } finally {
      collector.stop(0);
    }
  }

  private int openTelemetryClassesLoaded(Map<String, String> env) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = dir.resolve("stderr.txt");
    ProcessBuilder builder =
        new ProcessBuilder(
            java,
            // a short-lived JVM: the quick compiler and the small collector start it fastest
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-cp",
            System.getProperty("java.class.path"),
            LoadedClassesProbe.class.getName(),
            "--sandbox",
            "--sandbox-dir",
            dir.resolve("sandbox").toString(),
            "--toolsets",
            "sql");
    builder.environment().keySet().removeIf(k -> k.startsWith("OTEL_"));
    builder.environment().putAll(env);
    builder.redirectError(log.toFile());
    Process server = builder.start();
    try (OutputStream in = server.getOutputStream();
        BufferedReader out =
            new BufferedReader(
                new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
      send(
          in,
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
              + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
      assertThat(out.readLine()).contains("\"id\":1");
      send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
      send(
          in,
          "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
              + "\"execute_sql\",\"arguments\":{\"statement\":\"SELECT 1 AS one\"}}}");
      String answer = out.readLine();
      assertThat(answer).contains("\"id\":2").doesNotContain("\"isError\":true");
    }
    assertThat(server.waitFor(120, TimeUnit.SECONDS)).isTrue();
    List<String> lines = Files.readAllLines(log);
    String report =
        lines.stream()
            .filter(l -> l.startsWith(LoadedClassesProbe.REPORT))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no report: " + lines));
    return Integer.parseInt(report.substring(LoadedClassesProbe.REPORT.length()).trim());
  }

  private static void send(OutputStream in, String line) throws Exception {
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }
}
