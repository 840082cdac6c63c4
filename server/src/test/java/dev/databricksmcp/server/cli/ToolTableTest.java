package dev.databricksmcp.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The README's tool table shows each tool's first sentence, whole. */
class ToolTableTest {
  @Test
  void abbreviationsDoNotEndTheFirstSentence() {
    assertThat(
            ToolTable.firstSentence(
                "Grant privileges on a securable, e.g. add [\"SELECT\"]. Privileges: SELECT."))
        .isEqualTo("Grant privileges on a securable, e.g. add [\"SELECT\"].");
    assertThat(ToolTable.firstSentence("One thing (i.e. a table) in full. More here."))
        .isEqualTo("One thing (i.e. a table) in full.");
    assertThat(ToolTable.firstSentence("Lists tables. detail=true for all."))
        .isEqualTo("Lists tables.");
    assertThat(ToolTable.firstSentence("No full stop, e.g. this"))
        .isEqualTo("No full stop, e.g. this");
  }
}
