package dev.databricksmcp.server.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.databricksmcp.server.cli.ToolTable;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.mcp.McpServerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One snapshot per tool of its MCP wire form, and the README's tool table: every change to a
 * description, schema or annotation is a reviewed diff. UPDATE_TOOLSNAPS=true rewrites them.
 */
class ToolSnapshotTest {
  private static final Path SNAPSHOTS = Path.of("src/test/resources/toolsnaps");
  private static final Path README = Path.of("..", "README.md");
  private static final boolean UPDATE = "true".equalsIgnoreCase(System.getenv("UPDATE_TOOLSNAPS"));
  private static final ObjectMapper PRETTY =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  static Stream<ToolDef> tools() {
    return ToolInventoryTest.tools();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tools")
  void schemaMatchesItsSnapshot(ToolDef tool) throws IOException {
    String actual =
        PRETTY.writeValueAsString(
                PRETTY.convertValue(McpServerFactory.toMcpTool(tool), Object.class))
            + "\n";
    Path file = SNAPSHOTS.resolve(tool.name() + ".json");
    if (UPDATE) {
      Files.createDirectories(SNAPSHOTS);
      Files.writeString(file, actual);
      return;
    }
    if (!Files.exists(file)) {
      fail(
          "no snapshot for "
              + tool.name()
              + " at "
              + file
              + "; run with UPDATE_TOOLSNAPS=true and review the new file");
    }
    assertThat(actual)
        .as("snapshot of " + tool.name() + " (UPDATE_TOOLSNAPS=true rewrites it)")
        .isEqualTo(Files.readString(file));
  }

  @Test
  void everySnapshotBelongsToATool() throws IOException {
    Set<String> tools = tools().map(ToolDef::name).collect(Collectors.toSet());
    Set<String> stale = new TreeSet<>();
    try (Stream<Path> files = Files.list(SNAPSHOTS)) {
      files.forEach(
          f -> {
            String name = f.getFileName().toString().replaceFirst("\\.json$", "");
            if (!tools.contains(name)) {
              stale.add(name);
            }
          });
    }
    if (UPDATE) {
      for (String name : stale) {
        Files.delete(SNAPSHOTS.resolve(name + ".json"));
      }
      return;
    }
    assertThat(stale).as("snapshots of tools that no longer exist").isEmpty();
  }

  @Test
  void readmeToolTableIsGeneratedFromTheInventory() throws IOException {
    String readme = Files.readString(README);
    int begin = readme.indexOf(ToolTable.BEGIN);
    int end = readme.indexOf(ToolTable.END);
    assertThat(begin).as("README has the generated table markers").isNotNegative();
    assertThat(end).isGreaterThan(begin);
    String expected = ToolTable.markdown(tools().toList());
    String current = readme.substring(begin + ToolTable.BEGIN.length() + 1, end);
    if (UPDATE) {
      Files.writeString(
          README,
          readme.substring(0, begin + ToolTable.BEGIN.length() + 1)
              + expected
              + readme.substring(end));
      return;
    }
    assertThat(current)
        .as("README tool table (UPDATE_TOOLSNAPS=true rewrites it)")
        .isEqualTo(expected);
  }
}
