package dev.databricksmcp.server.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Names and ids are checked before they reach the SDK, which does not URL-encode path parameters.
 */
class NamesTest {
  @Test
  void validNamesPassAndBackticksAreRemoved() {
    assertThat(Names.part("name", "main")).isEqualTo("main");
    assertThat(Names.part("name", "`my-catalog`")).isEqualTo("my-catalog");
    assertThat(Names.fullName("full_name", "main.default.trips", 3))
        .isEqualTo("main.default.trips");
    assertThat(Names.fullName("full_name", "`main`.`my-schema?#%`", 2))
        .isEqualTo("main.my-schema?#%");
    assertThat(Names.part("name", "café")).isEqualTo("café");
    assertThatThrownBy(() -> Names.fullName("full_name", "`main`.`odd.name`", 2))
        .hasMessageStartingWith("full_name:");
    assertThat(Names.id("warehouse_id", "abc123-def_4")).isEqualTo("abc123-def_4");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a/b", "my name", "a\u0000b", "a\nb", "a\u007Fb", "a.b", "", "  "})
  void pathTricksAreValidationErrorsNamingTheField(String bad) {
    assertThatThrownBy(() -> Names.part("catalog_name", bad))
        .isInstanceOfSatisfying(
            ToolException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
              assertThat(e.getMessage()).startsWith("catalog_name:");
            });
  }

  @Test
  void aSqlTailInANameIsAValidationErrorThatShowsTheValue() {
    assertThatThrownBy(() -> Names.fullName("full_name", "a.b; DROP", 2))
        .isInstanceOfSatisfying(
            ToolException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
              assertThat(e.getMessage())
                  .startsWith("full_name:")
                  .contains("'b; DROP'")
                  .contains("space");
            });
    assertThatThrownBy(() -> Names.part("name", "a\u0001b")).hasMessageContaining("a\\u0001b");
  }

  @Test
  void pathEncodingKeepsSafeCharactersAndTheDotsBetweenParts() {
    assertThat(Names.path("main.default.trips")).isEqualTo("main.default.trips");
    assertThat(Names.path("a-b_c~d")).isEqualTo("a-b_c~d");
    assertThat(Names.path("main.my?schema#1")).isEqualTo("main.my%3Fschema%231");
    assertThat(Names.path("100%")).isEqualTo("100%25");
    assertThat(Names.path("a+b&c=d\"")).isEqualTo("a%2Bb%26c%3Dd%22");
    assertThat(Names.path("café")).isEqualTo("caf%C3%A9");
    assertThat(Names.path("AZaz09")).isEqualTo("AZaz09");
    assertThat(Names.path("@`[{")).isEqualTo("%40%60%5B%7B");
    assertThat(Names.path("/:")).isEqualTo("%2F%3A");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "main",
        "main.default",
        "a.b.c.d",
        "main..t",
        "main.default.t/../x",
        "`main.default.t"
      })
  void fullNamesNeedExactlyThreeValidParts(String bad) {
    assertThatThrownBy(() -> Names.fullName("full_name", bad, 3))
        .isInstanceOf(ToolException.class)
        .hasMessageStartingWith("full_name:");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../etc", "a b", "id/1", "-lead", "x?y=1"})
  void idsAreLettersDigitsAndPunctuationOnly(String bad) {
    assertThatThrownBy(() -> Names.id("statement_id", bad))
        .isInstanceOf(ToolException.class)
        .hasMessageStartingWith("statement_id:");
  }

  @Test
  void overLongNamesAreRefused() {
    assertThatThrownBy(() -> Names.part("name", "x".repeat(256))).hasMessageContaining("255");
    assertThat(Names.part("name", "x".repeat(255))).hasSize(255);
  }

  @Test
  void aBadValueIsShownInTheMessageUpToEightyCharacters() {
    String eighty = "a".repeat(79) + "/";
    assertThatThrownBy(() -> Names.part("name", eighty)).hasMessageContaining("'" + eighty + "'");
    String longer = "/" + "a".repeat(80);
    assertThatThrownBy(() -> Names.part("name", longer))
        .hasMessageContaining("'/" + "a".repeat(79) + "…'");
  }

  @Test
  void backticksAreUnwrappedOnlyAsAPair() {
    assertThatThrownBy(() -> Names.part("name", "``")).hasMessageContaining("must not be empty");
    assertThatThrownBy(() -> Names.part("name", "`")).hasMessageContaining("misplaced backtick");
    assertThatThrownBy(() -> Names.part("name", "`a`b`"))
        .hasMessageContaining("backticks inside a name");
  }

  @Test
  void aDotInsideBackticksIsPartOfTheNameWhichIsThenRefusedByName() {
    assertThatThrownBy(() -> Names.fullName("full_name", "main.`a.b`", 2))
        .hasMessageContaining("'`a.b`' is not a valid name");
    assertThatThrownBy(() -> Names.fullName("full_name", "main.x", 3))
        .hasMessageContaining("(catalog.schema.name)");
    assertThatThrownBy(() -> Names.fullName("full_name", "main", 2))
        .hasMessageContaining("(catalog.schema)");
  }

  @Test
  void unityCatalogNamesComeBackLowerCaseAsDatabricksStoresThem() {
    assertThat(Names.part("catalog_name", "SAMPLES")).isEqualTo("samples");
    assertThat(Names.part("name", "`My-Catalog`")).isEqualTo("my-catalog");
    assertThat(Names.part("name", "CAFÉ")).isEqualTo("café");
    assertThat(Names.fullName("full_name", "SAMPLES.TPCH.Orders", 3))
        .isEqualTo("samples.tpch.orders");
    assertThat(Names.fullName("full_name", "`Main`.Default", 2)).isEqualTo("main.default");
    // the error repeats what the caller wrote
    assertThatThrownBy(() -> Names.part("name", "My Table"))
        .hasMessage(
            "name: 'My Table' is not a valid name (no '.', space, '/' or control characters)");
  }

  @Test
  void columnsAndIdsKeepTheirCase() {
    assertThat(Names.column("column_name", "O_OrderKey")).isEqualTo("O_OrderKey");
    assertThat(Names.column("column_name", " `O_OrderKey` ")).isEqualTo("O_OrderKey");
    assertThatThrownBy(() -> Names.column("column_name", "a.b"))
        .isInstanceOfSatisfying(
            ToolException.class,
            e -> assertThat(e.details()).containsEntry("field", "column_name"));
    assertThat(Names.id("warehouse_id", "AbC123")).isEqualTo("AbC123");
  }

  @Test
  void aNamePatternNamesTheFieldTheCallerGaveItAs() {
    assertThat(Names.pattern("query", " Fact_* ")).isEqualTo("fact_%");
    assertThat(Names.pattern("name_pattern", "orders-2026.v1%")).isEqualTo("orders-2026.v1%");
    assertThat(Names.pattern("q", "x".repeat(255))).hasSize(255);
    for (String bad : new String[] {"order|customer", "", "a b", "x".repeat(256), "é"}) {
      assertThatThrownBy(() -> Names.pattern("query", bad))
          .isInstanceOfSatisfying(
              ToolException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
                assertThat(e.details()).containsEntry("field", "query");
                assertThat(e.getMessage())
                    .startsWith("query: '")
                    .endsWith(
                        "' is not a name pattern: use letters, digits, '_', '-' and the wildcards"
                            + " % or *")
                    .doesNotContain("name_pattern");
              });
    }
  }
}
