package dev.databricksmcp.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.util.McpUriTemplateManager;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 6570's {name} (one segment) and {+name} (the rest, slashes included). */
class UriTemplatesTest {
  @Test
  void aReservedVariableTakesSlashesAndASimpleOneDoesNot() {
    McpUriTemplateManager t =
        UriTemplates.INSTANCE.create("databricks://volumes/{catalog}/{schema}/{volume}/{+path}");
    assertThat(t.matches("databricks://volumes/main/default/v/a/b.csv")).isTrue();
    assertThat(t.extractVariableValues("databricks://volumes/main/default/v/a/b.csv"))
        .isEqualTo(
            Map.of("catalog", "main", "schema", "default", "volume", "v", "path", "a/b.csv"));
    assertThat(t.matches("databricks://volumes/main/default")).isFalse();
    assertThat(t.matches("databricks://workspace/main/default/v/a")).isFalse();
    assertThat(t.getVariableNames()).containsExactly("catalog", "schema", "volume", "path");
  }

  @Test
  void literalPartsAreNotRegularExpressions() {
    McpUriTemplateManager t = UriTemplates.INSTANCE.create("a.b://x/{+p}");
    assertThat(t.matches("a.b://x/y")).isTrue();
    assertThat(t.matches("aXb://x/y")).isFalse();
    assertThat(t.isUriTemplate("a.b://x/{+p}")).isTrue();
    assertThat(t.isUriTemplate("a.b://x/y")).isFalse();
  }
}
