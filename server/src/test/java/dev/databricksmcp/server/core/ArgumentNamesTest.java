package dev.databricksmcp.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The declared name an unknown argument most likely meant. */
class ArgumentNamesTest {
  private static final List<String> EXECUTE_SQL =
      List.of(
          "statement",
          "warehouse_id",
          "catalog",
          "schema",
          "parameters",
          "max_rows",
          "timeout_seconds",
          "format");
  private static final List<String> LIST_TABLES =
      List.of("catalog_name", "schema_name", "name_pattern", "max_results", "page_token", "detail");

  @Test
  void theSameNameWrittenOtherwise() {
    assertThat(ArgumentNames.closest("maxRows", EXECUTE_SQL)).contains("max_rows");
    assertThat(ArgumentNames.closest("WAREHOUSE-ID", EXECUTE_SQL)).contains("warehouse_id");
    assertThat(ArgumentNames.closest("pageToken", LIST_TABLES)).contains("page_token");
  }

  @Test
  void aWordModelsUseForADeclaredName() {
    assertThat(ArgumentNames.closest("sql", EXECUTE_SQL)).contains("statement");
    assertThat(ArgumentNames.closest("query", EXECUTE_SQL)).contains("statement");
    assertThat(ArgumentNames.closest("limit", EXECUTE_SQL)).contains("max_rows");
    assertThat(ArgumentNames.closest("limit", LIST_TABLES)).contains("max_results");
    assertThat(ArgumentNames.closest("catalog", LIST_TABLES)).contains("catalog_name");
    assertThat(ArgumentNames.closest("database", EXECUTE_SQL)).contains("schema");
    assertThat(ArgumentNames.closest("warehouse", EXECUTE_SQL)).contains("warehouse_id");
    assertThat(ArgumentNames.closest("verbose", LIST_TABLES)).contains("detail");
    assertThat(ArgumentNames.closest("table", List.of("full_name"))).contains("full_name");
    assertThat(ArgumentNames.closest("since", List.of("user", "start_time")))
        .contains("start_time");
    // a synonym whose names the tool does not declare suggests nothing by itself
    assertThat(ArgumentNames.closest("sql", LIST_TABLES)).isEmpty();
  }

  @Test
  void aMisspellingWithinTheAllowedEdits() {
    assertThat(ArgumentNames.closest("statment", EXECUTE_SQL)).contains("statement");
    assertThat(ArgumentNames.closest("max_row", EXECUTE_SQL)).contains("max_rows");
    assertThat(ArgumentNames.closest("fromat", EXECUTE_SQL)).contains("format");
    assertThat(ArgumentNames.closest("nmae", List.of("name", "count"))).contains("name");
    assertThat(ArgumentNames.closest("colour", EXECUTE_SQL)).isEmpty();
    assertThat(ArgumentNames.closest("xyz", EXECUTE_SQL)).isEmpty();
  }

  @Test
  void ofEquallyCloseMisspellingsTheOneDeclaredFirstIsSuggested() {
    // "tabel" is one edit from both (a swap for table, a letter for label)
    assertThat(ArgumentNames.closest("tabel", List.of("table", "label"))).contains("table");
    assertThat(ArgumentNames.closest("tabel", List.of("label", "table"))).contains("label");
  }

  @Test
  void theOneDeclaredNameContainingTheGivenWords() {
    assertThat(ArgumentNames.closest("pattern_name", List.of("name_pattern", "detail")))
        .contains("name_pattern");
    assertThat(ArgumentNames.closest("schema", List.of("schema_name", "detail")))
        .contains("schema_name");
    assertThat(ArgumentNames.closest("principalName", List.of("principal_name_or_id")))
        .contains("principal_name_or_id");
    // two candidates: no guess
    assertThat(ArgumentNames.closest("name", List.of("catalog_name", "schema_name"))).isEmpty();
    assertThat(ArgumentNames.closest("--", List.of("catalog_name"))).isEmpty();
  }

  @Test
  void theEditsAllowedGrowWithTheName() {
    assertThat(ArgumentNames.distanceAllowed("id")).isEqualTo(1);
    assertThat(ArgumentNames.distanceAllowed("limit")).isEqualTo(1);
    assertThat(ArgumentNames.distanceAllowed("format")).isEqualTo(2);
    assertThat(ArgumentNames.distanceAllowed("statement")).isEqualTo(3);
    assertThat(ArgumentNames.closest("ab", List.of("abcd"))).isEmpty();
    assertThat(ArgumentNames.closest("abc", List.of("abcd"))).contains("abcd");
  }

  @Test
  void distanceCountsInsertionsDeletionsAndSubstitutions() {
    assertThat(ArgumentNames.distance("", "abc")).isEqualTo(3);
    assertThat(ArgumentNames.distance("abc", "")).isEqualTo(3);
    assertThat(ArgumentNames.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(ArgumentNames.distance("same", "same")).isZero();
    assertThat(ArgumentNames.distance("ab", "ba")).isEqualTo(1);
    assertThat(ArgumentNames.distance("nmae", "name")).isEqualTo(1);
    assertThat(ArgumentNames.distance("abc", "ca")).isEqualTo(3);
    assertThat(ArgumentNames.distance("ca", "abc")).isEqualTo(3);
    assertThat(ArgumentNames.distance("abcd", "acbd")).isEqualTo(1);
  }

  @Test
  void wordsSplitAtSeparatorsAndHumps() {
    assertThat(ArgumentNames.words("maxResults")).containsExactly("max", "results");
    assertThat(ArgumentNames.words("page_token")).containsExactly("page", "token");
    assertThat(ArgumentNames.words("a-b c")).containsExactly("a", "b", "c");
    assertThat(ArgumentNames.words("_x_")).containsExactly("x");
    assertThat(ArgumentNames.key("Max_Results-2")).isEqualTo("maxresults2");
  }
}
