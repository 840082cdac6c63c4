package dev.databricksmcp.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimesAndCountsTest {
  @Test
  void timesAreIsoInUtc() {
    assertThat(Times.iso(1_764_567_264_682L)).isEqualTo("2025-12-01T05:34:24.682Z");
    assertThat(Times.iso(0L)).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(Times.iso(null)).isNull();
  }

  @Test
  void countsAgreeWithTheirNoun() {
    assertThat(Counted.of(1, "table")).isEqualTo("1 table");
    assertThat(Counted.of(0, "table")).isEqualTo("0 tables");
    assertThat(Counted.of(2, "query", "queries")).isEqualTo("2 queries");
    assertThat(Counted.of(1, "query", "queries")).isEqualTo("1 query");
  }
}
