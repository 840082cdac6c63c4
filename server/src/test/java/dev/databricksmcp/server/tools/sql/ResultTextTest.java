package dev.databricksmcp.server.tools.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text a model reads is held to the byte budget, and the page ends where the text does. */
class ResultTextTest {
  private static ResultPage page(int rows, int cellChars) {
    List<List<Object>> out = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      out.add(List.of(i, "x".repeat(cellChars)));
    }
    return new ResultPage(
        List.of(Map.of("name", "n", "type", "INT"), Map.of("name", "s", "type", "STRING")),
        out,
        10,
        1000,
        false,
        null,
        null);
  }

  @Test
  void aTextWithinTheBudgetIsLeftWhole() {
    ResultPage p = page(3, 5);
    ResultText.Fitted f = ResultText.fit(p, "markdown", 4096);
    assertThat(f.page()).isSameAs(p);
    assertThat(f.textCut()).isFalse();
    assertThat(f.text()).isEqualTo(ResultText.render(p, "markdown"));
  }

  @Test
  void aTextOverTheBudgetKeepsTheMostRowsThatFitAndPointsToTheNext() {
    for (String format : List.of("markdown", "csv", "json")) {
      ResultText.Fitted f = ResultText.fit(page(500, 50), format, 8192);
      int budget = ResultText.budget(8192);
      assertThat(ResultText.bytes(f.text())).as(format).isLessThanOrEqualTo(budget);
      int kept = f.page().rows().size();
      assertThat(kept).as(format).isBetween(2, 499);
      // one more row would not have fitted
      assertThat(ResultText.bytes(ResultText.render(page(500, 50).keep(kept + 1), format)))
          .as(format)
          .isGreaterThan(budget);
      assertThat(f.page().nextOffset()).isEqualTo(10L + kept);
      assertThat(f.page().cutBy()).isEqualTo("max_bytes");
      assertThat(f.textCut()).isFalse();
      assertThat(f.text()).isEqualTo(ResultText.render(f.page(), format));
    }
  }

  @Test
  void aSingleRowOverTheBudgetIsKeptWithItsTextCut() {
    ResultText.Fitted f = ResultText.fit(page(3, 5000), "csv", 2048);
    assertThat(f.page().rows()).hasSize(1);
    assertThat(f.textCut()).isTrue();
    assertThat(ResultText.bytes(f.text())).isLessThanOrEqualTo(ResultText.budget(2048));
    assertThat(f.text()).startsWith("n,s\n0,xxx").endsWith("… (text cut at 1024 bytes)");
    // multi-byte characters are not split
    List<List<Object>> wide = new ArrayList<>();
    wide.add(List.of(1, "é".repeat(3000)));
    ResultPage p =
        new ResultPage(
            List.of(Map.of("name", "n", "type", "INT"), Map.of("name", "s", "type", "STRING")),
            wide,
            0,
            1,
            false,
            null,
            null);
    ResultText.Fitted w = ResultText.fit(p, "json", 2048);
    assertThat(ResultText.bytes(w.text())).isLessThanOrEqualTo(1024);
    assertThat(w.text()).doesNotContain("\uFFFD");
  }

  @Test
  void theBudgetKeepsRoomForTheMessageAndDelimiters() {
    assertThat(ResultText.budget(64 * 1024)).isEqualTo(64 * 1024 - 1024);
    assertThat(ResultText.budget(1024)).isEqualTo(512);
  }
}
