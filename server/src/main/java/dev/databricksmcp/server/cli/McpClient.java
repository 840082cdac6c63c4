package dev.databricksmcp.server.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;

/**
 * The MCP clients {@code client-config} writes for: where each keeps its servers (file, key) and
 * the shape of an entry, stdio and Streamable HTTP, as deploy/clients/README.md documents them (the
 * copy-paste files there are this class's output, held to it by {@code ClientConfigCommandTest}).
 */
enum McpClient {
  CLAUDE_DESKTOP("claude-desktop", "Claude Desktop", "mcpServers", null, null),
  CLAUDE_CODE("claude-code", "Claude Code", "mcpServers", "stdio", "url"),
  CURSOR("cursor", "Cursor", "mcpServers", null, "url"),
  VSCODE("vscode", "VS Code", "servers", "stdio", "url"),
  WINDSURF("windsurf", "Windsurf", "mcpServers", null, "serverUrl"),
  GEMINI_CLI("gemini-cli", "Gemini CLI", "mcpServers", null, "httpUrl"),
  CODEX("codex", "Codex CLI", "mcp_servers", null, "url");

  /**
   * Claude Desktop's configuration starts local commands only: this npm package, pinned, bridges to
   * an HTTP server.
   */
  static final String MCP_REMOTE = "mcp-remote@0.15.1";

  final String word;
  final String title;

  /** The key (a TOML table for Codex) that holds the servers. */
  final String serversKey;

  /** The {@code type} a stdio entry declares (HTTP ones then declare "http"); null for none. */
  private final String stdioType;

  /** The key of an HTTP entry's URL; null when the client reaches HTTP through mcp-remote. */
  private final String urlKey;

  McpClient(String word, String title, String serversKey, String stdioType, String urlKey) {
    this.word = word;
    this.title = title;
    this.serversKey = serversKey;
    this.stdioType = stdioType;
    this.urlKey = urlKey;
  }

  static McpClient named(String word) {
    for (McpClient client : values()) {
      if (client.word.equals(word)) {
        return client;
      }
    }
    throw new UsageProblem(
        "unknown client '" + word + "'; the clients are " + String.join(", ", words()));
  }

  static List<String> words() {
    return java.util.Arrays.stream(values()).map(c -> c.word).toList();
  }

  boolean toml() {
    return this == CODEX;
  }

  /** An entry that starts the server: {@code command} and its arguments. */
  ObjectNode stdioEntry(String command, List<String> args) {
    ObjectNode entry = JsonNodeFactory.instance.objectNode();
    if (stdioType != null) {
      entry.put("type", stdioType);
    }
    entry.put("command", command);
    ArrayNode array = entry.putArray("args");
    args.forEach(array::add);
    return entry;
  }

  /** An entry that reaches a server already listening at {@code url}. */
  ObjectNode httpEntry(String url) {
    ObjectNode entry = JsonNodeFactory.instance.objectNode();
    if (urlKey == null) {
      entry.put("command", "npx");
      entry.putArray("args").add("-y").add(MCP_REMOTE).add(url);
      return entry;
    }
    if (stdioType != null) {
      entry.put("type", "http");
    }
    entry.put(urlKey, url);
    return entry;
  }

  /**
   * The file the client reads, for this OS: its user-wide file, or, for Claude Code and VS Code,
   * whose documented place is the project, the one in {@code host.cwd()} (Claude Code's user-wide
   * servers live in its own state file, ~/.claude.json, which this command leaves to {@code claude
   * mcp add --scope user}).
   */
  Path location(ClientHost host) {
    Path home = host.home();
    return switch (this) {
      case CLAUDE_DESKTOP ->
          switch (host.os()) {
            case MAC ->
                home.resolve("Library/Application Support/Claude/claude_desktop_config.json");
            case WINDOWS -> host.appData().resolve("Claude").resolve("claude_desktop_config.json");
            // no Linux build is published; the community builds read the XDG place
            case LINUX -> host.configHome().resolve("Claude/claude_desktop_config.json");
          };
      case CLAUDE_CODE -> host.cwd().resolve(".mcp.json");
      case CURSOR -> home.resolve(".cursor").resolve("mcp.json");
      case VSCODE -> host.cwd().resolve(".vscode").resolve("mcp.json");
      case WINDSURF -> home.resolve(".codeium").resolve("windsurf").resolve("mcp_config.json");
      case GEMINI_CLI -> home.resolve(".gemini").resolve("settings.json");
      case CODEX -> host.codexHome().resolve("config.toml");
    };
  }
}
