package dev.databricksmcp.server.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.databricksmcp.server.testing.TestModule;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Filter order: toolsets, then --tools adds, --exclude-tools removes (always wins), --read-only
 * wins over all.
 */
class InventoryFilterTest {
  private static ToolDef tool(String toolset, String name, ToolHints hints) {
    return TestModule.tool(toolset, name, hints);
  }

  private final Inventory inventory =
      new Toolsets(
              List.of(
                  TestModule.alwaysOn("workspace", tool("workspace", "info", ToolHints.read())),
                  TestModule.of(
                      "catalog",
                      true,
                      tool("catalog", "list_things", ToolHints.read()),
                      tool("catalog", "delete_thing", ToolHints.destructive(true))),
                  TestModule.of("sql", true, tool("sql", "run_sql", ToolHints.write(false))),
                  TestModule.of(
                      "compute",
                      false,
                      tool("compute", "list_clusters", ToolHints.read()),
                      tool("compute", "start_cluster", ToolHints.write(true)))))
          .inventory(ServerSettings.of(ToolSelection.defaults(), false));

  private List<String> select(
      List<String> toolsets, Set<String> add, Set<String> exclude, boolean readOnly) {
    return inventory.select(new ToolSelection(toolsets, add, exclude, readOnly)).stream()
        .map(ToolDef::name)
        .toList();
  }

  @Test
  void theDefaultSetIsWorkspaceCatalogAndSql() {
    assertThat(select(List.of(), Set.of(), Set.of(), false))
        .containsExactly("info", "list_things", "delete_thing", "run_sql");
  }

  @Test
  void allEnablesEveryToolsetAndWorkspaceIsAlwaysOn() {
    assertThat(select(List.of("all"), Set.of(), Set.of(), false)).hasSize(6);
    assertThat(select(List.of("compute"), Set.of(), Set.of(), false))
        .containsExactly("info", "list_clusters", "start_cluster");
  }

  @Test
  void toolsAddSingleToolsOnTopOfToolsets() {
    assertThat(select(List.of("catalog"), Set.of("start_cluster"), Set.of(), false))
        .containsExactly("info", "list_things", "delete_thing", "start_cluster");
  }

  @Test
  void excludeBeatsToolsetsAndAddedTools() {
    assertThat(
            select(
                List.of("catalog"),
                Set.of("start_cluster"),
                Set.of("start_cluster", "delete_thing"),
                false))
        .containsExactly("info", "list_things");
  }

  @Test
  void readOnlyBeatsEverything() {
    assertThat(select(List.of("all"), Set.of("start_cluster", "run_sql"), Set.of(), true))
        .containsExactly("info", "list_things", "list_clusters");
  }

  @Test
  void unknownNamesFailListingTheValidOnes() {
    assertThatThrownBy(() -> select(List.of("catalgo"), Set.of(), Set.of(), false))
        .hasMessageContaining("unknown toolset 'catalgo'")
        .hasMessageContaining("valid toolsets: all, default, workspace, catalog, compute, sql");
    assertThatThrownBy(() -> select(List.of(), Set.of("nope"), Set.of(), false))
        .hasMessageContaining("unknown tool 'nope' in --tools")
        .hasMessageContaining("list_things");
    assertThatThrownBy(() -> select(List.of(), Set.of(), Set.of("nada"), false))
        .hasMessageContaining("--exclude-tools");
  }

  @Test
  void duplicateNamesAreRefused() {
    assertThatThrownBy(
            () ->
                new Toolsets(
                        List.of(
                            TestModule.of("sql", true, tool("sql", "same", ToolHints.read())),
                            TestModule.of(
                                "catalog", true, tool("catalog", "same", ToolHints.read()))))
                    .inventory(ServerSettings.of(ToolSelection.defaults(), false)))
        .hasMessageContaining("duplicate");
  }
}
