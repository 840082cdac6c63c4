package dev.databricksmcp.server.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Filter order: toolsets, then --tools adds, --exclude-tools removes (always wins), --read-only
 * wins over all.
 */
class InventoryFilterTest {
  private static ToolDef tool(Toolset toolset, String name, ToolHints hints) {
    return ToolDef.builder(toolset, name)
        .title(name)
        .description("Test tool " + name)
        .hints(hints)
        .handler((a, c) -> ToolResult.of(null, ""))
        .build();
  }

  private final Inventory inventory =
      new Inventory(
          List.of(
              tool(Toolset.WORKSPACE, "info", ToolHints.read()),
              tool(Toolset.CATALOG, "list_things", ToolHints.read()),
              tool(Toolset.CATALOG, "delete_thing", ToolHints.destructive(true)),
              tool(Toolset.SQL, "run_sql", ToolHints.write(false)),
              tool(Toolset.COMPUTE, "list_clusters", ToolHints.read()),
              tool(Toolset.COMPUTE, "start_cluster", ToolHints.write(true))));

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
        .hasMessageContaining("catalog, sql");
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
                new Inventory(
                    List.of(
                        tool(Toolset.SQL, "same", ToolHints.read()),
                        tool(Toolset.CATALOG, "same", ToolHints.read()))))
        .hasMessageContaining("duplicate");
  }
}
