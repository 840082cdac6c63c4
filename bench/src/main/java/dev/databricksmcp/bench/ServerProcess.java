package dev.databricksmcp.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * databricks-mcp as users run it — the {@code ./databricks-mcp} launcher, its JVM options and
 * start-up cache — in a process of its own, connected to the sandbox process. Rate limiting is off
 * (the benchmark is the only caller) and the audit line of every call is still written, to stderr.
 */
final class ServerProcess implements AutoCloseable {
  final Process process;
  final String url;

  private ServerProcess(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  /** Streamable HTTP on a free loopback port; returns once /healthz answers. */
  static ServerProcess http(Path launcher, String sandboxHost, Map<String, String> extraEnv)
      throws Exception {
    return http(launcher, sandboxHost, extraEnv, List.of());
  }

  /** With these arguments added (e.g. {@code --stateless}). */
  static ServerProcess http(
      Path launcher, String sandboxHost, Map<String, String> extraEnv, List<String> extraArgs)
      throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    // every bench client connects from 127.0.0.1: the per-address connection limit would cap the
    // 64-client run
    Process p =
        start(
            launcher,
            sandboxHost,
            extraEnv,
            concat(
                List.of(
                    "--transport",
                    "http",
                    "--port",
                    String.valueOf(port),
                    "--max-connections-per-client",
                    "0"),
                extraArgs));
    long deadline =
        System.nanoTime()
            + 120_000_000_000L; // the first run after a build prepares the start-up cache
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("the server exited with code " + p.exitValue());
      }
      try (Socket probe = new Socket("127.0.0.1", port)) {
        return new ServerProcess(p, "http://127.0.0.1:" + port + "/mcp");
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException("the HTTP server did not listen within 120 s");
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** stdio: the process's stdin and stdout are the protocol. */
  static ServerProcess stdio(Path launcher, String sandboxHost, Map<String, String> extraEnv)
      throws IOException {
    return new ServerProcess(start(launcher, sandboxHost, extraEnv, List.of()), null);
  }

  /**
   * stdio with these arguments in place of {@code --toolsets all} (e.g. {@code
   * --dynamic-toolsets}).
   */
  static ServerProcess stdio(Path launcher, String sandboxHost, List<String> selection)
      throws IOException {
    return new ServerProcess(start(launcher, sandboxHost, Map.of(), selection, List.of()), null);
  }

  private static Process start(
      Path launcher, String sandboxHost, Map<String, String> extraEnv, List<String> args)
      throws IOException {
    return start(launcher, sandboxHost, extraEnv, List.of("--toolsets", "all"), args);
  }

  private static Process start(
      Path launcher,
      String sandboxHost,
      Map<String, String> extraEnv,
      List<String> selection,
      List<String> args)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(selection);
    command.addAll(List.of("--log-level", "warn"));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "DATABRICKS_HOST",
                sandboxHost,
                "DATABRICKS_TOKEN",
                SandboxProcess.TOKEN,
                "DATABRICKS_MCP_RATE_LIMIT",
                "0"));
    env.putAll(extraEnv);
    pb.environment().putAll(env);
    return pb.start();
  }

  /**
   * Peak resident set size of the server's JVM so far (the launcher execs java, so the pid is the
   * JVM's).
   */
  long peakRssKb() {
    return ColdStart.peakRss(process.pid());
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
