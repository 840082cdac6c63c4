package dev.databricksmcp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.server.core.Inventory;
import dev.databricksmcp.server.core.Jsons;
import dev.databricksmcp.server.core.ServerSettings;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolSelection;
import dev.databricksmcp.server.core.ToolsetModule;
import dev.databricksmcp.server.core.Toolsets;
import dev.databricksmcp.server.mcp.McpServerFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Section 5: what tools/list costs a model's context, for the default toolsets, all, each toolset
 * and {@code --dynamic-toolsets}; and the longest tool descriptions, where shortening pays most.
 */
final class ContextCostBench {
  /** The estimator every section uses: four bytes of JSON a token. */
  static final int BYTES_PER_TOKEN = 4;

  /**
   * Nothing is contacted before the first tool call, and the dynamic toolset tools answer without a
   * workspace: the launcher can list and enable with no sandbox behind it.
   */
  private static final String NO_WORKSPACE = "http://127.0.0.1:9";

  private ContextCostBench() {}

  static String run(Path launcher, Targets targets) throws Exception {
    StringBuilder md =
        new StringBuilder(
            "## 5. Context cost (the tools/list result as sent)\n\n| set | tools | bytes | ≈ tokens (bytes/4) |\n|---|---|---|---|\n");
    ToolSelection defaults = new ToolSelection(List.of(), Set.of(), Set.of(), false);
    int defaultTokens = bytes(inventory(defaults).select(defaults)) / BYTES_PER_TOKEN;
    targets.add(
        "5. Context cost of the default toolsets",
        "< 20,000 tokens",
        String.format("%,d tokens", defaultTokens),
        defaultTokens < 20_000);
    md.append(row("default (" + String.join(", ", defaultToolsets()) + ")", List.of()));
    md.append(row("all", List.of("all")));
    List<ToolDef> all =
        inventory(new ToolSelection(List.of("all"), Set.of(), Set.of(), false)).all();
    for (ToolsetModule t : Toolsets.discovered().all()) {
      List<ToolDef> tools = all.stream().filter(d -> d.toolset().equals(t.id())).toList();
      if (!tools.isEmpty()) {
        md.append(row("toolset " + t.id(), tools.size(), bytes(tools)));
      }
    }
    Dynamic dynamic = dynamic(launcher);
    md.append(
        row(
            "`--dynamic-toolsets`, at start (from `./databricks-mcp` over stdio)",
            dynamic.tools(),
            dynamic.listBytes()));
    int dynamicTokens = dynamic.listBytes() / BYTES_PER_TOKEN;
    targets.add(
        "5. Context cost with --dynamic-toolsets, at start",
        "< 3,000 tokens",
        String.format("%,d tokens", dynamicTokens),
        dynamicTokens < 3_000);
    md.append("\nTargets: default set under 20,000 tokens; `--dynamic-toolsets` under 3,000.\n\n");
    md.append(
        String.format(
            "With `--dynamic-toolsets` a model reads more to grow its list, as tool results: `list_available_toolsets` "
                + "answers %,d bytes (≈ %,d tokens; every toolset with its tools' names), `get_toolset_tools` for jobs %,d "
                + "(≈ %,d), `enable_toolset` for jobs %,d (≈ %,d), after which tools/list is %,d bytes (≈ %,d tokens, %d tools).%n%n",
            dynamic.available(),
            dynamic.available() / BYTES_PER_TOKEN,
            dynamic.describe(),
            dynamic.describe() / BYTES_PER_TOKEN,
            dynamic.enable(),
            dynamic.enable() / BYTES_PER_TOKEN,
            dynamic.afterBytes(),
            dynamic.afterBytes() / BYTES_PER_TOKEN,
            dynamic.afterTools()));
    md.append(
        "The ten longest tool descriptions (of all toolsets), with each tool's whole entry in tools/list:\n\n"
            + "| tool | toolset | description bytes | entry bytes | ≈ entry tokens |\n|---|---|---|---|---|\n");
    all.stream()
        .sorted(
            Comparator.comparingInt((ToolDef d) -> utf8(d.description()))
                .reversed()
                .thenComparing(ToolDef::name))
        .limit(10)
        .forEach(
            d ->
                md.append(
                    String.format(
                        "| `%s` | %s | %d | %d | %d |%n",
                        d.name(),
                        d.toolset(),
                        utf8(d.description()),
                        bytes(List.of(d)) - EMPTY_LIST_BYTES,
                        (bytes(List.of(d)) - EMPTY_LIST_BYTES) / BYTES_PER_TOKEN)));
    return md.append('\n').toString();
  }

  /**
   * What a dynamic server lists at start, and the answers a model reads to add a toolset (jobs).
   */
  private record Dynamic(
      int tools,
      int listBytes,
      int available,
      int describe,
      int enable,
      int afterTools,
      int afterBytes) {}

  private static Dynamic dynamic(Path launcher) throws Exception {
    try (RawStdioMcp mcp =
        new RawStdioMcp(
            ServerProcess.stdio(launcher, NO_WORKSPACE, List.of("--dynamic-toolsets")))) {
      JsonNode start = result(mcp.listTools());
      int available = textBytes(result(mcp.call("list_available_toolsets", "{}")));
      int describe = textBytes(result(mcp.call("get_toolset_tools", "{\"toolset\":\"jobs\"}")));
      int enable = textBytes(result(mcp.call("enable_toolset", "{\"toolset\":\"jobs\"}")));
      JsonNode after = result(mcp.listTools());
      return new Dynamic(
          start.get("tools").size(),
          utf8(Jsons.MAPPER.writeValueAsString(start)),
          available,
          describe,
          enable,
          after.get("tools").size(),
          utf8(Jsons.MAPPER.writeValueAsString(after)));
    }
  }

  private static JsonNode result(String line) throws IOException {
    return Jsons.MAPPER.readTree(line).get("result");
  }

  /** The text blocks of a tool result: what a client shows the model. */
  static int textBytes(JsonNode result) {
    int bytes = 0;
    for (JsonNode c : result.path("content")) {
      bytes += utf8(c.path("text").asText(""));
    }
    return bytes;
  }

  private static final int EMPTY_LIST_BYTES = utf8("{\"tools\":[]}");

  private static List<String> defaultToolsets() {
    return Toolsets.discovered().defaults();
  }

  private static Inventory inventory(ToolSelection selection) {
    return Toolsets.discovered().inventory(ServerSettings.of(selection, false));
  }

  private static String row(String name, List<String> toolsets) {
    ToolSelection selection = new ToolSelection(toolsets, Set.of(), Set.of(), false);
    List<ToolDef> tools = inventory(selection).select(selection);
    return row(name, tools.size(), bytes(tools));
  }

  private static String row(String name, int tools, int bytes) {
    return "| " + name + " | " + tools + " | " + bytes + " | " + bytes / BYTES_PER_TOKEN + " |\n";
  }

  private static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static int bytes(List<ToolDef> tools) {
    try {
      return utf8(
          McpServerFactory.JSON.writeValueAsString(
              Map.of("tools", tools.stream().map(McpServerFactory::toMcpTool).toList())));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
