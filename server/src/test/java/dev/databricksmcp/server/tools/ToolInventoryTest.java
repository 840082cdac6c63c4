package dev.databricksmcp.server.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.databricksmcp.server.core.Jsons;
import dev.databricksmcp.server.core.ServerSettings;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolSelection;
import dev.databricksmcp.server.core.Toolsets;
import dev.databricksmcp.server.mcp.McpServerFactory;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks every tool in the inventory, so a new tool is covered the moment it is added. */
class ToolInventoryTest {
  private static final Schema META_SCHEMA =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

  static List<ToolDef> allTools() {
    ToolSelection all =
        new ToolSelection(List.of("all"), java.util.Set.of(), java.util.Set.of(), false);
    return Toolsets.discovered().inventory(ServerSettings.of(all, false)).all();
  }

  static Stream<ToolDef> tools() {
    return allTools().stream();
  }

  @Test
  void namesAreUnique() {
    List<String> names = allTools().stream().map(ToolDef::name).toList();
    assertThat(names).doesNotHaveDuplicates().isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tools")
  void annotationsAreAllSetExplicitly(ToolDef tool) {
    McpSchema.ToolAnnotations a = McpServerFactory.toMcpTool(tool).annotations();
    assertThat(a).isNotNull();
    assertThat(a.readOnlyHint()).isNotNull();
    assertThat(a.destructiveHint()).isNotNull();
    assertThat(a.idempotentHint()).isNotNull();
    assertThat(a.openWorldHint()).isNotNull();
    assertThat(a.readOnlyHint() && a.destructiveHint()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tools")
  void describedAndInAKnownToolset(ToolDef tool) {
    assertThat(Toolsets.discovered().ids()).contains(tool.toolset());
    assertThat(tool.title()).isNotBlank();
    assertThat(tool.description()).isNotBlank().hasSizeGreaterThan(20);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tools")
  @SuppressWarnings("unchecked")
  void inputSchemaIsAValidObjectSchema(ToolDef tool) {
    Map<String, Object> schema = tool.inputSchema();
    assertThat(schema).containsEntry("type", "object");
    Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
    assertThat(properties).isNotNull();
    List<String> required = (List<String>) schema.getOrDefault("required", List.of());
    assertThat(properties.keySet()).containsAll(required);
    properties.forEach(
        (name, p) ->
            assertThat((Map<String, Object>) p).as(name).containsKeys("type", "description"));

    JsonNode node = Jsons.MAPPER.valueToTree(schema);
    assertThat(META_SCHEMA.validate(node))
        .as("valid against the JSON Schema 2020-12 meta-schema")
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tools")
  void destructiveToolsAcceptAConfirmationToken(ToolDef tool) {
    if (tool.hints().destructive()) {
      assertThat(
              ((Map<?, ?>) tool.inputSchema().get("properties"))
                  .containsKey(ToolDef.CONFIRMATION_TOKEN))
          .isTrue();
    }
  }
}
