package dev.databricksmcp.server.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.server.core.ToolDef;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every write tool names the read tool that shows whether a call of it took effect: an answer whose
 * outcome is unknown (a timeout, a lost answer) tells the model to check with it before retrying.
 */
class WriteToolsCheckWithTest {
  static Stream<ToolDef> writeTools() {
    return ToolInventoryTest.tools().filter(t -> !t.readOnly());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writeTools")
  void namesAReadToolOfTheInventoryToCheckWith(ToolDef tool) {
    Map<String, ToolDef> byName =
        ToolInventoryTest.tools().collect(Collectors.toMap(ToolDef::name, Function.identity()));

    assertThat(tool.checkWith()).as(tool.name() + " declares checkWith").isNotNull();
    assertThat(byName)
        .as(tool.name() + " checks with a tool that exists")
        .containsKey(tool.checkWith());
    assertThat(byName.get(tool.checkWith()).readOnly())
        .as(tool.checkWith() + " is read-only")
        .isTrue();
  }
}
