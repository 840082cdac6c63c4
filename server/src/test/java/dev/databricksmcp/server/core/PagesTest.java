package dev.databricksmcp.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A list's message counts its rows with a noun that agrees: "1 table", "2 tables". */
class PagesTest {
  @Test
  void theCountAgreesWithItsNoun() {
    assertThat(Pages.page("tables", List.of("a"), null).message()).isEqualTo("1 table");
    assertThat(Pages.page("tables", List.of("a", "b"), null).message()).isEqualTo("2 tables");
    assertThat(Pages.page("tables", List.of(), null).message()).isEqualTo("0 tables");
    assertThat(Pages.page("queries", List.of("q"), null).message()).isEqualTo("1 query");
    assertThat(Pages.page("saved queries", List.of("q"), "t").message())
        .startsWith("1 saved query; more available");
  }
}
