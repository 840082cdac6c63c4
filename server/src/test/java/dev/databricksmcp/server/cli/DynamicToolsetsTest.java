package dev.databricksmcp.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.databricksmcp.server.core.Inventory;
import dev.databricksmcp.server.core.ServerSettings;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolInvoker;
import dev.databricksmcp.server.core.ToolSelection;
import dev.databricksmcp.server.core.Toolsets;
import dev.databricksmcp.server.testing.OfflineContext;
import dev.databricksmcp.server.tools.dynamic.DynamicToolsetTools;
import dev.databricksmcp.server.tools.dynamic.DynamicToolsets;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The state behind --dynamic-toolsets over the real inventory: what is offered, what enabling adds
 * (never a tool the user's filters removed), idempotence, and unknown toolsets refused.
 */
class DynamicToolsetsTest {
  private final List<List<String>> registered = new ArrayList<>();

  private DynamicToolsets bound(ToolSelection selection) {
    Inventory inventory = Toolsets.discovered().inventory(ServerSettings.of(selection, true));
    DynamicToolsets dynamic = ServerRuntime.dynamicToolsets(inventory, selection);
    dynamic.bind(tools -> registered.add(tools.stream().map(ToolDef::name).toList()));
    return dynamic;
  }

  private static ToolSelection selection(List<String> toolsets, Set<String> add, Set<String> ex) {
    return new ToolSelection(toolsets, add, ex, false);
  }

  private static List<String> names(List<ToolDef> tools) {
    return tools.stream().map(ToolDef::name).toList();
  }

  private static List<String> inventoryNames(String toolset, ToolSelection selection) {
    return names(
            Toolsets.discovered()
                .inventory(ServerSettings.of(selection, true))
                .select(
                    new ToolSelection(
                        List.of(toolset),
                        Set.of(),
                        selection.excludeTools(),
                        selection.readOnly())))
        .stream()
        .filter(name -> !name.equals("get_workspace_info"))
        .toList();
  }

  @Test
  void startsWithOnlyTheWorkspaceToolsetEnabled() {
    DynamicToolsets dynamic = bound(ToolSelection.defaults());

    assertThat(dynamic.enabledToolsets()).containsExactly("workspace");
    assertThat(dynamic.ids()).contains("workspace", "catalog", "sql");
    assertThat(registered).isEmpty();
  }

  @Test
  void enablingAddsTheToolsetsToolsOnce() {
    DynamicToolsets dynamic = bound(ToolSelection.defaults());

    DynamicToolsets.Enabling first = dynamic.enable("catalog");
    DynamicToolsets.Enabling again = dynamic.enable(" Catalog ");

    List<String> catalog = inventoryNames("catalog", ToolSelection.defaults());
    assertThat(catalog).contains("list_catalogs", "get_table");
    assertThat(names(first.added())).containsExactlyElementsOf(catalog);
    assertThat(first.alreadyEnabled()).isFalse();
    assertThat(again.alreadyEnabled()).isTrue();
    assertThat(again.added()).isEmpty();
    assertThat(registered).containsExactly(catalog);
    assertThat(dynamic.enabledToolsets()).containsExactly("workspace", "catalog");
  }

  @Test
  void readOnlyModeStillApplies() {
    ToolSelection readOnly = new ToolSelection(List.of(), Set.of(), Set.of(), true);
    DynamicToolsets dynamic = bound(readOnly);

    List<ToolDef> added = dynamic.enable("sql").added();

    assertThat(added).isNotEmpty().allMatch(ToolDef::readOnly);
    List<String> everySqlTool = inventoryNames("sql", ToolSelection.defaults());
    assertThat(everySqlTool.size()).isGreaterThan(added.size());
    assertThat(dynamic.offer("sql").orElseThrow().tools()).containsExactlyElementsOf(added);
  }

  @Test
  void excludedToolsAreNeverAdded() {
    DynamicToolsets dynamic =
        bound(selection(List.of(), Set.of(), Set.of("list_catalogs", "execute_sql")));

    List<String> added = new ArrayList<>(names(dynamic.enable("catalog").added()));
    added.addAll(names(dynamic.enable("sql").added()));

    assertThat(added).contains("get_table").doesNotContain("list_catalogs", "execute_sql");
  }

  @Test
  void namedToolsetsStartEnabledAndSingleToolsAreNotAddedTwice() {
    DynamicToolsets dynamic = bound(selection(List.of("sql"), Set.of("list_catalogs"), Set.of()));

    assertThat(dynamic.enabledToolsets()).containsExactly("workspace", "sql");
    assertThat(dynamic.enable("sql").alreadyEnabled()).isTrue();
    List<String> added = names(dynamic.enable("catalog").added());
    assertThat(added).contains("get_table").doesNotContain("list_catalogs");
  }

  @Test
  void unknownToolsetIsRefusedWithTheValidOnes() {
    DynamicToolsets dynamic = bound(ToolSelection.defaults());

    assertThatThrownBy(() -> dynamic.enable("clusters"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("clusters")
        .hasMessageContaining("admin, ai, catalog, compute, files, jobs, ml, sql");
    assertThat(registered).isEmpty();
  }

  @Test
  void enableToolsetReportsAnUnknownToolsetAsAValidationErrorNamingTheField() throws Exception {
    DynamicToolsets dynamic = bound(ToolSelection.defaults());
    ToolDef enable = tool(dynamic, "enable_toolset");

    McpSchema.CallToolResult result =
        new ToolInvoker(false).invoke(enable, Map.of("toolset", "clusters"), new OfflineContext());

    JsonNode body = new ObjectMapper().valueToTree(result.structuredContent());
    assertThat(result.isError()).isTrue();
    assertThat(body.path("error_code").asText()).isEqualTo("VALIDATION_ERROR");
    assertThat(body.path("details").path("field").asText()).isEqualTo("toolset");
    assertThat(body.path("error").asText()).contains("catalog").contains("sql");
  }

  @Test
  void toolsReportWhatIsOfferedAndEnabled() throws Exception {
    DynamicToolsets dynamic = bound(ToolSelection.defaults());
    ToolInvoker invoker = new ToolInvoker(false);
    ObjectMapper json = new ObjectMapper();

    JsonNode enabled =
        json.valueToTree(
            invoker
                .invoke(tool(dynamic, "enable_toolset"), Map.of("toolset", "sql"), ctx())
                .structuredContent());
    JsonNode listed =
        json.valueToTree(
            invoker
                .invoke(tool(dynamic, "list_available_toolsets"), Map.of(), ctx())
                .structuredContent());
    JsonNode sqlTools =
        json.valueToTree(
            invoker
                .invoke(tool(dynamic, "get_toolset_tools"), Map.of("toolset", "sql"), ctx())
                .structuredContent());

    assertThat(enabled.path("data").path("added_tools").toString()).contains("execute_sql");
    assertThat(enabled.path("data").path("enabled_toolsets").toString())
        .isEqualTo("[\"workspace\",\"sql\"]");
    JsonNode catalogRow = null;
    for (JsonNode row : listed.path("data").path("items")) {
      if (row.path("toolset").asText().equals("catalog")) {
        catalogRow = row;
      }
    }
    assertThat(catalogRow).isNotNull();
    assertThat(catalogRow.path("enabled").asBoolean()).isFalse();
    assertThat(catalogRow.path("tool_count").asInt()).isPositive();
    assertThat(catalogRow.path("tools").toString()).contains("list_catalogs");
    assertThat(sqlTools.path("data").path("enabled").asBoolean()).isTrue();
    assertThat(sqlTools.path("data").path("items").get(0).path("description").asText())
        .isNotBlank()
        .doesNotContain("\n");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theToolsChangeNoWorkspaceAndTakeAKnownToolset() {
    DynamicToolsets dynamic = bound(new ToolSelection(List.of(), Set.of(), Set.of(), true));

    for (ToolDef tool : DynamicToolsetTools.definitions(dynamic)) {
      assertThat(tool.readOnly()).as(tool.name()).isTrue();
      assertThat(tool.hints().idempotent()).as(tool.name()).isTrue();
      assertThat(tool.hints().openWorld()).as(tool.name()).isFalse();
    }
    Map<String, Object> properties =
        (Map<String, Object>) tool(dynamic, "enable_toolset").inputSchema().get("properties");
    assertThat((Map<String, Object>) properties.get("toolset"))
        .containsEntry("enum", dynamic.ids());
    assertThat(tool(dynamic, "enable_toolset").inputSchema())
        .containsEntry("required", List.of("toolset"));
  }

  @Test
  void summaryIsTheFirstSentence() {
    assertThat(DynamicToolsetTools.summary("Lists tables. Pages with page_token."))
        .isEqualTo("Lists tables.");
    assertThat(DynamicToolsetTools.summary("x".repeat(300))).hasSize(160).endsWith("…");
  }

  private static OfflineContext ctx() {
    return new OfflineContext();
  }

  private static ToolDef tool(DynamicToolsets dynamic, String name) {
    return DynamicToolsetTools.definitions(dynamic).stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
