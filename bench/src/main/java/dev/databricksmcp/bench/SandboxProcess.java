package dev.databricksmcp.bench;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import dev.databricksmcp.sandbox.auth.Identities;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

/** The sandbox in its own JVM, so that the server processes and this one hold no workspace. */
final class SandboxProcess implements AutoCloseable {
  static final String TOKEN = Identities.ADMIN_TOKEN;
  final String host;
  private final Process process;

  SandboxProcess(Path jar) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    host = "http://127.0.0.1:" + port;
    process =
        new ProcessBuilder(
                List.of(
                    java(),
                    "-jar",
                    jar.toString(),
                    "sandbox",
                    "--port",
                    String.valueOf(port),
                    "--log-level",
                    "warn"))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(host + "/.well-known/databricks-config")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException e) {
        Thread.sleep(100);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("the sandbox did not start within 60s");
  }

  /**
   * A Databricks SDK client of the sandbox's admin, configured as the server's own (PAT, pinned).
   */
  WorkspaceClient sdkClient() {
    return new WorkspaceClient(
        new DatabricksConfig().setHost(host).setToken(TOKEN).setAuthType("pat"));
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Override
  public void close() {
    process.destroy();
  }
}
