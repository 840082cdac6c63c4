package dev.databricksmcp.sandbox.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The last check before DuckDB: only the canonical form passes, whatever produced the text. */
class DuckDbTextTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT 1; SELECT 2", "SELECT 1;", "SELECT E'\\\\'", "SELECT e'x'", "SELECT U&'x'",
            "SELECT X'1F'",
        "SELECT $$x$$", "SELECT $1", "SELECT 1 -- x", "SELECT 1 /* x */", "SELECT `a`",
            "SELECT 'unclosed",
        "SELECT \"unclosed", "SELECT '\0'", "SELECT 1\nFROM t", "SELECT \\", "SELECT {}",
            "SELECT 'é' || é",
      })
  void refusesAnythingOutsideTheCanonicalForm(String sql) {
    assertThatThrownBy(() -> DuckDbText.requireOneStatement(sql, 0))
        .isInstanceOfSatisfying(
            SqlError.class, e -> assertThat(e.errorClass()).isEqualTo("PARSE_SYNTAX_ERROR"));
  }

  @Test
  void passesLiteralsAndIdentifiersWhateverTheyHold() {
    String sql =
        "SELECT "
            + DuckDbText.literal("a'; DROP TABLE t; -- $$ ` \\ é\n")
            + " AS "
            + DuckDbText.identifier("x\"; DROP TABLE t; --")
            + ", "
            + DuckDbText.literal("nul\0")
            + ", ?";
    assertThatCode(() -> DuckDbText.requireOneStatement(sql, 1)).doesNotThrowAnyException();
  }

  @Test
  void countsParameterMarkersOutsideLiteralsOnly() {
    assertThatCode(() -> DuckDbText.requireOneStatement("SELECT ?, '?'", 1))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> DuckDbText.requireOneStatement("SELECT ?, ?", 1))
        .isInstanceOfSatisfying(
            SqlError.class, e -> assertThat(e.errorClass()).isEqualTo("UNBOUND_SQL_PARAMETER"));
  }
}
