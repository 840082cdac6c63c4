package dev.databricksmcp.server.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.server.core.ServerSettings;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolSelection;
import dev.databricksmcp.server.core.Toolsets;
import dev.databricksmcp.server.mcp.McpServerFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The default toolsets' tools/list must stay under 20,000 tokens as tools grow (issue #14): a model
 * pays for it on every conversation, and some hosts cap the tool count. Measured as the bytes the
 * server sends for tools/list, at four bytes a token (BENCHMARKS.md, section 5). A new toolset that
 * breaks the budget goes off by default or behind --dynamic-toolsets.
 */
class DefaultToolListBudgetTest {
  private static final int TOKEN_BUDGET = 20_000;
  private static final int BYTES_PER_TOKEN = 4;

  /** Hosts such as VS Code refuse more tools than this from all their servers together. */
  private static final int HOST_TOOL_CAP = 128;

  @Test
  void theDefaultToolListFitsTheTokenBudgetAndTheHostToolCap() throws Exception {
    ToolSelection defaults = ToolSelection.defaults();
    List<ToolDef> tools =
        Toolsets.discovered().inventory(ServerSettings.of(defaults, false)).select(defaults);
    int bytes =
        McpServerFactory.JSON
            .writeValueAsString(
                Map.of("tools", tools.stream().map(McpServerFactory::toMcpTool).toList()))
            .getBytes(StandardCharsets.UTF_8)
            .length;

    assertThat(tools).isNotEmpty();
    assertThat(bytes / BYTES_PER_TOKEN)
        .as("tokens of the default tools/list (%d tools, %d bytes)", tools.size(), bytes)
        .isLessThan(TOKEN_BUDGET);
    assertThat(tools.size()).isLessThan(HOST_TOOL_CAP);
  }
}
