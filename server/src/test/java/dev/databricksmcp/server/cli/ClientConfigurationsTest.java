package dev.databricksmcp.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.databricksmcp.server.transport.HttpTransport;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every copy-paste configuration in deploy/clients/ names this product's real options: a stdio
 * entry runs the launcher with arguments the server's own parser accepts (and leaves stdio the
 * transport), an HTTP entry points at the URL {@code --transport http} serves by default. Each
 * client's own keys are checked as its documentation names them (deploy/clients/README.md).
 */
class ClientConfigurationsTest {
  static final Path CLIENTS = Path.of("..", "deploy", "clients");
  static final String LAUNCHER = "/path/to/databricks-mcp/databricks-mcp";

  /** client file, the key holding the servers, the key of an HTTP entry's URL (null: stdio). */
  static Stream<Arguments> configurations() {
    return Stream.of(
        Arguments.of("claude-desktop.json", "mcpServers", null),
        Arguments.of("claude-code.json", "mcpServers", null),
        Arguments.of("claude-code-http.json", "mcpServers", "url"),
        Arguments.of("cursor.json", "mcpServers", null),
        Arguments.of("cursor-http.json", "mcpServers", "url"),
        Arguments.of("vscode.json", "servers", null),
        Arguments.of("vscode-http.json", "servers", "url"),
        Arguments.of("windsurf.json", "mcpServers", null),
        Arguments.of("windsurf-http.json", "mcpServers", "serverUrl"),
        Arguments.of("gemini-cli.json", "mcpServers", null),
        Arguments.of("gemini-cli-http.json", "mcpServers", "httpUrl"),
        Arguments.of("codex.toml", "mcp_servers", null),
        Arguments.of("codex-http.toml", "mcp_servers", "url"));
  }

  @ParameterizedTest
  @MethodSource("configurations")
  void eachConfigurationRunsOrReachesTheRealServer(String file, String serversKey, String urlKey)
      throws IOException {
    JsonNode entry = read(file).path(serversKey).path("databricks");
    assertThat(entry.isObject()).as(file + ": " + serversKey + ".databricks").isTrue();

    if (urlKey == null) {
      assertThat(entry.path("command").asText()).isEqualTo(LAUNCHER);
      List<String> args = strings(entry.path("args"));
      assertParsesAsStdio(args);
      assertThat(entry.path("type").asText("stdio")).isEqualTo("stdio");
    } else {
      assertThat(entry.has("command")).as(file + " is remote").isFalse();
      assertIsTheDefaultHttpUrl(entry.path(urlKey).asText());
      if (entry.has("type")) {
        assertThat(entry.path("type").asText()).isEqualTo("http");
      }
    }
    entry
        .path("env")
        .fieldNames()
        .forEachRemaining(
            name -> assertThat(DeployOptionNames.environmentVariables()).contains(name));
  }

  /** Claude Desktop starts only commands: mcp-remote, pinned, bridges to the HTTP endpoint. */
  @Test
  void claudeDesktopReachesHttpThroughAPinnedBridge() throws IOException {
    JsonNode entry = read("claude-desktop-http.json").path("mcpServers").path("databricks");
    List<String> args = strings(entry.path("args"));

    assertThat(entry.path("command").asText()).isEqualTo("npx");
    assertThat(args.get(args.size() - 2)).matches("mcp-remote@\\d+\\.\\d+\\.\\d+");
    assertIsTheDefaultHttpUrl(args.get(args.size() - 1));
  }

  @Test
  void everyFileInTheFolderIsCheckedAndListedInItsReadme() throws IOException {
    List<String> checked = new ArrayList<>();
    configurations().forEach(a -> checked.add((String) a.get()[0]));
    checked.add("claude-desktop-http.json");
    String readme = Files.readString(CLIENTS.resolve("README.md"));
    try (Stream<Path> files = Files.list(CLIENTS)) {
      List<String> configs =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".json") || n.endsWith(".toml"))
              .toList();
      assertThat(checked).containsExactlyInAnyOrderElementsOf(configs);
      assertThat(configs).allSatisfy(name -> assertThat(readme).contains("`" + name + "`"));
    }
  }

  @Test
  void theCheckCatchesAnOptionTheServerDoesNotHave() {
    assertThatThrownBy(() -> assertParsesAsStdio(List.of("--profile", "DEFAULT", "--read-onyl")))
        .hasMessageContaining("--read-onyl");
  }

  private static void assertParsesAsStdio(List<String> args) {
    ParsedArgs parsed = ParsedArgs.parse(args.toArray(String[]::new), Map.of());
    assertThat(parsed.command).isEqualTo(Command.SERVE);
    assertThat(parsed.positionals).isEmpty();
    CommonOptions.from(parsed).security();
    assertThat(ServeOptions.from(parsed).transport).isEqualTo(ServeOptions.Transport.stdio);
  }

  /** What `databricks-mcp --transport http` listens on with no other option. */
  private static void assertIsTheDefaultHttpUrl(String url) {
    URI uri = URI.create(url);
    ServeOptions defaults =
        ServeOptions.from(ParsedArgs.parse(new String[] {"--transport", "http"}, Map.of()));
    assertThat(uri.getScheme()).isEqualTo("http");
    assertThat(HttpTransport.isLoopback(uri.getHost())).as(url).isTrue();
    assertThat(uri.getPort()).isEqualTo(defaults.port);
    assertThat(uri.getPath()).isEqualTo(HttpTransport.MCP_PATH);
  }

  private static JsonNode read(String file) throws IOException {
    ObjectMapper mapper = file.endsWith(".toml") ? new TomlMapper() : new ObjectMapper();
    return mapper.readTree(CLIENTS.resolve(file).toFile());
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
