package dev.databricksmcp.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The page escapes what it shows and allows nothing its policy does not name. */
class StatusPageTest {
  private static final String EVIL = "<script>alert(1)</script>\"'&";

  @Test
  void everyValueIsEscaped() {
    StatusFacts facts = new StatusFacts(EVIL, List.of(EVIL), () -> 3, () -> EVIL, EVIL);
    CallHistory.Totals t = new CallHistory.Totals(5, 2, Map.of(EVIL, 2.0));
    CallHistory.Summary summary = new CallHistory.Summary(t, t, t, List.of(Map.entry(EVIL, 2.0)));

    String html =
        StatusPage.render(
            facts, summary, new DatabricksHealth.State(DatabricksHealth.Level.OK, 3, 0, 3));

    assertThat(html)
        .doesNotContain("<script")
        .doesNotContain("\"'&<")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;")
        .contains("<td id=\"calls-total\">5</td>")
        .contains("<td id=\"tool-count\">3</td>");
  }

  @Test
  void aHostNotKnownYetDoesNotBreakThePage() {
    StatusFacts facts =
        new StatusFacts(
            "1",
            List.of("sql"),
            () -> 1,
            () -> {
              throw new IllegalStateException("sandbox starting");
            },
            "HTTP");
    CallHistory.Totals zero = CallHistory.Totals.ZERO;

    String html =
        StatusPage.render(
            facts,
            new CallHistory.Summary(zero, zero, zero, List.of()),
            new DatabricksHealth.State(DatabricksHealth.Level.UNKNOWN, -1, 0, -1));

    assertThat(html).contains("(not known yet)").contains("No failed calls.");
  }

  @Test
  void theStyleBlockIsTheOneThePolicyAllows() throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256")
            .digest(StatusPage.STYLE.getBytes(StandardCharsets.UTF_8));

    assertThat(StatusPage.CSP)
        .startsWith("default-src 'none';")
        .contains("style-src 'sha256-" + Base64.getEncoder().encodeToString(digest) + "'")
        .doesNotContain("script-src")
        .doesNotContain("unsafe");
  }
}
