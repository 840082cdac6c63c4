package dev.databricksmcp.server.clients;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged product exactly as a user runs it ({@code java -jar databricks-mcp.jar --sandbox}):
 * the command line for stdio clients, and a running Streamable HTTP server for HTTP clients.
 */
final class PackagedServer implements AutoCloseable {
  static final Path JAR = Path.of("target", "databricks-mcp.jar").toAbsolutePath();

  private final Process process;
  private final int port;

  private PackagedServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** The stdio command: what a desktop client's config would launch. */
  static List<String> stdioCommand() {
    requireJar();
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar",
        JAR.toString(),
        "--sandbox");
  }

  /**
   * Starts the server over Streamable HTTP on a free loopback port and waits until /healthz
   * answers.
   */
  static PackagedServer http(String logName, String... extraArgs) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<String> command = new ArrayList<>(stdioCommand());
    command.addAll(List.of("--transport", "http", "--port", String.valueOf(port)));
    command.addAll(List.of(extraArgs));
    Path log = Path.of("target", logName + ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    PackagedServer server = new PackagedServer(process, port);
    server.awaitHealthy(Duration.ofSeconds(90), log);
    return server;
  }

  String url() {
    return "http://127.0.0.1:" + port + "/mcp";
  }

  private void awaitHealthy(Duration timeout, Path log) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "the server exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      try {
        HttpResponse<Void> response =
            client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    close();
    throw new AssertionError(
        "the server did not answer /healthz within "
            + timeout.toSeconds()
            + "s:\n"
            + Files.readString(log));
  }

  private static void requireJar() {
    if (!Files.exists(JAR)) {
      throw new AssertionError(
          JAR + " is missing; the *IT tests run after `package` (./mvnw verify)");
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
