package dev.databricksmcp.bench;

import dev.databricksmcp.server.core.Inventory;
import dev.databricksmcp.server.core.ServerSettings;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolSelection;
import dev.databricksmcp.server.core.ToolsetModule;
import dev.databricksmcp.server.core.Toolsets;
import dev.databricksmcp.server.mcp.McpServerFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Section 5: what tools/list costs a model's context, for the default toolsets, all, and each
 * toolset.
 */
final class ContextCostBench {
  private ContextCostBench() {}

  static String run(Targets targets) {
    StringBuilder md =
        new StringBuilder(
            "## 5. Context cost (the tools/list result as sent)\n\n| set | tools | bytes | ≈ tokens (bytes/4) |\n|---|---|---|---|\n");
    ToolSelection defaults = new ToolSelection(List.of(), Set.of(), Set.of(), false);
    int defaultTokens = bytes(inventory(defaults).select(defaults)) / 4;
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
        int bytes = bytes(tools);
        md.append("| toolset ")
            .append(t.id())
            .append(" | ")
            .append(tools.size())
            .append(" | ")
            .append(bytes)
            .append(" | ")
            .append(bytes / 4)
            .append(" |\n");
      }
    }
    return md.append("\nTarget: default set under 20,000 tokens.\n\n").toString();
  }

  private static List<String> defaultToolsets() {
    return Toolsets.discovered().defaults();
  }

  private static Inventory inventory(ToolSelection selection) {
    return Toolsets.discovered().inventory(ServerSettings.of(selection, false));
  }

  private static String row(String name, List<String> toolsets) {
    ToolSelection selection = new ToolSelection(toolsets, Set.of(), Set.of(), false);
    List<ToolDef> tools = inventory(selection).select(selection);
    int bytes = bytes(tools);
    return "| " + name + " | " + tools.size() + " | " + bytes + " | " + bytes / 4 + " |\n";
  }

  private static int bytes(List<ToolDef> tools) {
    try {
      return McpServerFactory.JSON
          .writeValueAsString(
              Map.of("tools", tools.stream().map(McpServerFactory::toMcpTool).toList()))
          .getBytes(StandardCharsets.UTF_8)
          .length;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
