package dev.databricksmcp.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.databricksmcp.server.connection.ConnectionSettings;
import dev.databricksmcp.server.connection.SharedWorkspaceProvider;
import dev.databricksmcp.server.mcp.McpServerFactory;
import dev.databricksmcp.server.testing.TestTools;
import dev.databricksmcp.server.transport.HttpAuth;
import dev.databricksmcp.server.transport.HttpSettings;
import dev.databricksmcp.server.transport.HttpTransport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image is configured by environment only: the Dockerfile's ENV lines (which
 * deploy/image/build.sh copies into the daemonless image) must make an HTTP server that listens on
 * every interface at PORT only with authentication, and its HEALTHCHECK must reach that server.
 */
@Timeout(60)
class ContainerImageTest {
  private static final Path DOCKERFILE = Path.of("..", "Dockerfile");

  /** The ENV lines of the Dockerfile's last stage. */
  private static Map<String, String> imageEnv() throws IOException {
    Map<String, String> env = new HashMap<>();
    for (String line : Files.readAllLines(DOCKERFILE)) {
      if (line.startsWith("FROM ")) {
        env.clear();
      } else if (line.startsWith("ENV ")) {
        String[] kv = line.substring(4).split("=", 2);
        env.put(kv[0], kv[1]);
      }
    }
    return env;
  }

  private static String instruction(String name) throws IOException {
    return Files.readAllLines(DOCKERFILE).stream()
        .filter(line -> line.startsWith(name + " "))
        .reduce((first, last) -> last)
        .orElseThrow();
  }

  private static Map<String, String> with(Map<String, String> env, String... pairs) {
    Map<String, String> out = new HashMap<>(env);
    for (int i = 0; i < pairs.length; i += 2) {
      out.put(pairs[i], pairs[i + 1]);
    }
    return out;
  }

  @Test
  void theImageServesHttpOnEveryInterfaceAtThePortTheEnvironmentGives(@TempDir Path dir)
      throws IOException {
    Path tokens = Files.writeString(dir.resolve("tokens"), "ci=0123456789abcdef0123\n");
    Map<String, String> env =
        with(imageEnv(), "PORT", "9137", "DATABRICKS_MCP_AUTH_TOKENS_FILE", tokens.toString());

    ServeOptions serve = ServeOptions.from(ParsedArgs.parse(new String[0], env));
    HttpSettings http = serve.httpSettings();
    http.checkExposure(env);

    assertThat(serve.transport).isEqualTo(ServeOptions.Transport.http);
    assertThat(http.host()).isEqualTo("0.0.0.0");
    assertThat(http.port()).isEqualTo(9137);
    assertThat(http.auth().mode()).isEqualTo(HttpAuth.Mode.TOKEN);
    assertThat(http.auth().tokens()).containsKey("ci");
  }

  @Test
  void theImageRefusesToStartWithoutAuthenticationOrWithoutTokens() throws IOException {
    Map<String, String> noAuth = with(imageEnv(), "DATABRICKS_MCP_AUTH", "none");
    assertThatThrownBy(
            () ->
                ServeOptions.from(ParsedArgs.parse(new String[0], noAuth))
                    .httpSettings()
                    .checkExposure(noAuth))
        .hasMessageContaining("refusing to listen on 0.0.0.0 without authentication");

    // tokens also come from the process's DATABRICKS_MCP_AUTH_TOKENS, which must be unset here
    assumeThat(System.getenv("DATABRICKS_MCP_AUTH_TOKENS")).isNull();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        Main.run(
            new String[0],
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            imageEnv());
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--auth token needs at least one token (set DATABRICKS_MCP_AUTH_TOKENS");
  }

  @Test
  void theHealthCheckAsksWhereTheServerListens() throws IOException {
    assertThat(HealthCheck.healthUri(with(imageEnv(), "PORT", "8181")))
        .hasToString("http://127.0.0.1:8181/healthz");
    assertThat(HealthCheck.healthUri(Map.of())).hasToString("http://127.0.0.1:8000/healthz");
    assertThat(HealthCheck.healthUri(Map.of("HOST", "10.1.2.3", "PORT", "80")))
        .hasToString("http://10.1.2.3:80/healthz");
    assertThat(HealthCheck.healthUri(Map.of("HOST", "::1")))
        .hasToString("http://[::1]:8000/healthz");
    assertThat(HealthCheck.healthUri(Map.of("HOST", "::")))
        .hasToString("http://127.0.0.1:8000/healthz");
  }

  @Test
  void theDockerfileRunsTheJarItCopiesAndTheHealthCheckClassExists() throws Exception {
    String jar = "/app/databricks-mcp.jar";
    assertThat(instruction("COPY")).endsWith(" " + jar);
    assertThat(instruction("ENTRYPOINT")).contains("\"-jar\", \"" + jar + "\"");
    Matcher health =
        Pattern.compile("\"-cp\", \"([^\"]+)\", \"([^\"]+)\"\\]$")
            .matcher(instruction("HEALTHCHECK"));
    assertThat(health.find()).isTrue();
    assertThat(health.group(1)).isEqualTo(jar);
    assertThat(Class.forName(health.group(2)).getMethod("main", String[].class)).isNotNull();
    assertThat(instruction("EXPOSE")).isEqualTo("EXPOSE " + imageEnv().get("PORT"));
  }

  @Test
  void theHealthCheckPassesWhileTheServerServesAndFailsOnceItStopped() {
    McpServerFactory factory =
        new McpServerFactory(
            TestTools.all(),
            new SharedWorkspaceProvider(new ConnectionSettings(null, "http://127.0.0.1:1", "t")),
            false);
    HttpTransport server = HttpTransport.start(HttpSettings.loopback(0), factory);
    Map<String, String> env = Map.of("HOST", "0.0.0.0", "PORT", String.valueOf(server.port()));
    try {
      assertThat(HealthCheck.probe(env)).isTrue();
    } finally {
      server.close();
    }
    assertThat(HealthCheck.probe(env)).isFalse();
  }
}
