package dev.databricksmcp.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code databricks-mcp client-config}: its output is the committed copy-paste files of
 * deploy/clients/ (so they cannot disagree), and {@code --write} round-trips for every client in a
 * temporary home: the file parses and holds the entry, everything else in it is kept, a backup is
 * made, an existing entry is replaced only with --force. Never the real home: the host is a
 * parameter.
 */
class ClientConfigCommandTest {
  @TempDir Path home;

  private ClientHost host(ClientHost.Os os) {
    return new ClientHost(
        os, home, home.resolve("project"), Map.of(), List.of(ClientConfigurationsTest.LAUNCHER));
  }

  private record Run(String out, String err) {}

  private static Run run(ClientHost host, String... args) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] all = new String[args.length + 1];
    all[0] = "client-config";
    System.arraycopy(args, 0, all, 1, args.length);
    int code =
        ClientConfigCommand.run(
            ParsedArgs.parse(all, Map.of()),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            host);
    assertThat(code).isZero();
    return new Run(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Every file of deploy/clients/ is what the command prints for the options it holds. */
  @Test
  void theCommittedConfigurationsAreTheCommandsOutput() throws IOException {
    List<String> checked = new ArrayList<>();
    try (Stream<Path> files = Files.list(ClientConfigurationsTest.CLIENTS)) {
      for (Path file : files.filter(f -> !f.toString().endsWith(".md")).toList()) {
        String name = file.getFileName().toString();
        String client = name.replaceFirst("(-http)?\\.(json|toml)$", "");
        List<String> args = new ArrayList<>(List.of(client));
        if (name.contains("-http.")) {
          args.addAll(List.of("--transport", "http"));
        } else {
          ObjectMapper mapper = name.endsWith(".toml") ? new TomlMapper() : new ObjectMapper();
          JsonNode entry =
              mapper
                  .readTree(file.toFile())
                  .path(McpClient.named(client).serversKey)
                  .path("databricks");
          entry.path("args").forEach(a -> args.add(a.asText()));
        }
        assertThat(run(host(ClientHost.Os.LINUX), args.toArray(String[]::new)).out())
            .as(name)
            .isEqualTo(Files.readString(file));
        checked.add(name);
      }
    }
    assertThat(checked).hasSize(2 * McpClient.values().length);
  }

  @ParameterizedTest
  @EnumSource(McpClient.class)
  void writeMergesKeepsTheRestBacksUpAndReplacesOnlyWithForce(McpClient client) throws IOException {
    ClientHost host = host(ClientHost.Os.LINUX);
    Path file = client.location(host);
    Files.createDirectories(file.getParent());
    String before =
        client.toml()
            ? "model = \"o3\"\n\n[mcp_servers.other]\ncommand = \"other\"\n\n[profiles.x]\nmodel ="
                + " \"y\"\n"
            : "{\n  // a comment\n  \"theme\": \"dark\",\n  \""
                + client.serversKey
                + "\": {\"other\": {\"command\": \"other\"}},\n}\n";
    Files.writeString(file, before);

    Run written = run(host, client.word, "--sandbox", "--write");

    JsonNode root = read(client, file);
    JsonNode servers = root.path(client.serversKey);
    assertThat(servers.path("databricks").path("command").asText())
        .isEqualTo(ClientConfigurationsTest.LAUNCHER);
    assertThat(servers.path("databricks").path("args").toString()).isEqualTo("[\"--sandbox\"]");
    assertThat(servers.path("other").path("command").asText()).isEqualTo("other");
    if (client.toml()) {
      assertThat(root.path("model").asText()).isEqualTo("o3");
      assertThat(root.path("profiles").path("x").path("model").asText()).isEqualTo("y");
    } else {
      assertThat(root.path("theme").asText()).isEqualTo("dark");
    }
    List<Path> backups = backups(file);
    assertThat(backups).hasSize(1);
    assertThat(Files.readString(backups.get(0))).isEqualTo(before);
    assertThat(written.out()).contains("Added the server 'databricks' in " + file);

    // the same name again: refused, file untouched
    String afterFirst = Files.readString(file);
    assertThatThrownBy(() -> run(host, client.word, "--read-only", "--write"))
        .isInstanceOf(UsageProblem.class)
        .hasMessageContaining("already has a server named 'databricks'")
        .hasMessageContaining("--force");
    assertThat(Files.readString(file)).isEqualTo(afterFirst);

    // with --force: replaced, the rest still there
    run(host, client.word, "--read-only", "--write", "--force");
    JsonNode replaced = read(client, file);
    assertThat(replaced.path(client.serversKey).path("databricks").path("args").toString())
        .isEqualTo("[\"--read-only\"]");
    assertThat(replaced.path(client.serversKey).path("other").path("command").asText())
        .isEqualTo("other");
    assertThat(backups(file)).hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(McpClient.class)
  void writeCreatesAMissingFileAndItsFolders(McpClient client) throws IOException {
    ClientHost host = host(ClientHost.Os.MAC);
    Path file = client.location(host);
    assertThat(file).doesNotExist();

    run(
        host,
        client.word,
        "--transport",
        "http",
        "--url",
        "https://mcp.example.com/mcp",
        "--write");

    assertThat(read(client, file).path(client.serversKey).path("databricks").toString())
        .contains("https://mcp.example.com/mcp");
    assertThat(backups(file)).isEmpty();
  }

  @Test
  void eachClientsFileIsWhereItsDocumentationSays() {
    assertThat(McpClient.CLAUDE_DESKTOP.location(host(ClientHost.Os.MAC)))
        .isEqualTo(home.resolve("Library/Application Support/Claude/claude_desktop_config.json"));
    assertThat(McpClient.CLAUDE_DESKTOP.location(host(ClientHost.Os.WINDOWS)))
        .isEqualTo(home.resolve("AppData/Roaming/Claude/claude_desktop_config.json"));
    assertThat(McpClient.CLAUDE_DESKTOP.location(host(ClientHost.Os.LINUX)))
        .isEqualTo(home.resolve(".config/Claude/claude_desktop_config.json"));
    assertThat(McpClient.CLAUDE_CODE.location(host(ClientHost.Os.LINUX)))
        .isEqualTo(home.resolve("project/.mcp.json"));
    assertThat(McpClient.CURSOR.location(host(ClientHost.Os.WINDOWS)))
        .isEqualTo(home.resolve(".cursor/mcp.json"));
    assertThat(McpClient.VSCODE.location(host(ClientHost.Os.MAC)))
        .isEqualTo(home.resolve("project/.vscode/mcp.json"));
    assertThat(McpClient.WINDSURF.location(host(ClientHost.Os.LINUX)))
        .isEqualTo(home.resolve(".codeium/windsurf/mcp_config.json"));
    assertThat(McpClient.GEMINI_CLI.location(host(ClientHost.Os.LINUX)))
        .isEqualTo(home.resolve(".gemini/settings.json"));
    assertThat(McpClient.CODEX.location(host(ClientHost.Os.LINUX)))
        .isEqualTo(home.resolve(".codex/config.toml"));
    ClientHost codexHome =
        new ClientHost(
            ClientHost.Os.LINUX,
            home,
            home,
            Map.of("CODEX_HOME", home.resolve("c").toString()),
            List.of("x"));
    assertThat(McpClient.CODEX.location(codexHome)).isEqualTo(home.resolve("c/config.toml"));
  }

  @Test
  void serverOptionsAreCarriedOverWithPathsMadeAbsolute() throws IOException {
    Run run =
        run(
            host(ClientHost.Os.LINUX),
            "cursor",
            "--toolsets",
            "sql,catalog",
            "--sandbox",
            "--sandbox-dir",
            "state",
            "--read-only=false");
    JsonNode entry = new ObjectMapper().readTree(run.out()).path("mcpServers").path("databricks");
    assertThat(entry.path("args").toString())
        .isEqualTo(
            "[\"--toolsets\",\"sql,catalog\",\"--sandbox\",\"--sandbox-dir\",\""
                + home.resolve("project/state")
                + "\",\"--read-only=false\"]");
    assertThat(run.err()).contains("merge into " + home.resolve(".cursor/mcp.json"));
    // and the server's own parser takes what was written
    ParsedArgs parsed =
        ParsedArgs.parse(
            new ObjectMapper().convertValue(entry.path("args"), String[].class), Map.of());
    assertThat(CommonOptions.from(parsed).toolsets).containsExactly("sql", "catalog");
  }

  @Test
  void badUsesAreRefusedWithTheWayOut() {
    ClientHost host = host(ClientHost.Os.LINUX);
    assertThatThrownBy(() -> run(host, "notepad"))
        .hasMessageContaining("unknown client 'notepad'")
        .hasMessageContaining("claude-desktop");
    assertThatThrownBy(() -> run(host, "cursor", "--transport", "http", "--profile", "DEFAULT"))
        .hasMessageContaining("--profile is an option of the HTTP server itself");
    assertThatThrownBy(() -> run(host, "cursor", "--transport", "http", "--url", "ftp://x/mcp"))
        .hasMessageContaining("--url must be an http:// or https:// URL");
    assertThatThrownBy(() -> run(host, "cursor", "--name", "a b"))
        .hasMessageContaining("--name must be");
  }

  /** Codex's TOML: only [mcp_servers.databricks] and its sub-tables change, the rest is kept. */
  @Test
  void theTomlEditReplacesOnlyItsOwnTables() {
    String toml =
        String.join(
            "\n",
            "# my settings",
            "model = \"o3\"",
            "",
            "[mcp_servers.databricks]",
            "command = \"old\"",
            "",
            "[mcp_servers.databricks.env]",
            "X = \"1\"",
            "",
            "[mcp_servers.\"databricks-2\"]",
            "command = \"keep\"",
            "",
            "[[hooks]]",
            "name = \"keep too\"");
    List<String> kept = new ArrayList<>();

    assertThat(ClientConfigFile.withoutTable(toml, "mcp_servers", "databricks", kept)).isTrue();
    assertThat(String.join("\n", kept))
        .isEqualTo(
            String.join(
                "\n",
                "# my settings",
                "model = \"o3\"",
                "",
                "[mcp_servers.\"databricks-2\"]",
                "command = \"keep\"",
                "",
                "[[hooks]]",
                "name = \"keep too\""));
    assertThat(ClientConfigFile.withoutTable(toml, "mcp_servers", "other", new ArrayList<>()))
        .isFalse();
  }

  private static JsonNode read(McpClient client, Path file) throws IOException {
    return (client.toml() ? new TomlMapper() : new ObjectMapper()).readTree(file.toFile());
  }

  private static List<Path> backups(Path file) throws IOException {
    try (Stream<Path> siblings = Files.list(file.getParent())) {
      return siblings
          .filter(p -> p.getFileName().toString().startsWith(file.getFileName() + ".bak-"))
          .sorted()
          .toList();
    }
  }
}
