package dev.databricksmcp.server.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A parameter declared once feeds the schema, the validation, the description and the handler. */
class ParamTest {
  private static final Param<Integer> PAGE =
      Param.integer("max_results", "Page size (default {default}, at most {max}, from {min})")
          .range(1, 200)
          .withDefault(20);

  private static Args args(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return new Args(m);
  }

  private static void assertValidation(Runnable call, String field, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            ToolException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
              assertThat(e.details()).containsEntry("field", field);
              assertThat(e.getMessage()).isEqualTo(field + ": " + message);
            });
  }

  @Test
  void theSchemaCarriesTypeDescriptionBoundsAndDefault() {
    assertThat(PAGE.schema())
        .containsExactly(
            Map.entry("type", "integer"),
            Map.entry("description", "Page size (default 20, at most 200, from 1)"),
            Map.entry("minimum", 1),
            Map.entry("maximum", 200),
            Map.entry("default", 20));
    assertThat(PAGE.isRequired()).isFalse();
    assertThat(PAGE.type()).isEqualTo(Param.Type.INTEGER);
    assertThat(PAGE.min()).contains(1);
    assertThat(PAGE.max()).contains(200);
    assertThat(PAGE.defaultValue()).contains(20);
  }

  @Test
  void otherTypesHaveTheirJsonSchemaShape() {
    assertThat(Param.string("s", "S").schema())
        .containsExactly(Map.entry("type", "string"), Map.entry("description", "S"));
    assertThat(Param.bool("b", "B").withDefault(true).schema())
        .containsExactly(
            Map.entry("type", "boolean"),
            Map.entry("description", "B"),
            Map.entry("default", true));
    assertThat(Param.stringList("l", "L").schema())
        .containsExactly(
            Map.entry("type", "array"),
            Map.entry("description", "L"),
            Map.entry("items", Map.of("type", "string")));
    assertThat(Param.object("o", "O").schema())
        .containsExactly(Map.entry("type", "object"), Map.entry("description", "O"));
    assertThat(Param.string("sql", "SQL").maxLength(10).schema()).containsEntry("maxLength", 10);
    assertThat(Param.choice("c", "one of {values}", List.of("a", "b")).schema())
        .containsExactly(
            Map.entry("type", "string"),
            Map.entry("description", "one of a, b"),
            Map.entry("enum", List.of("a", "b")));
  }

  @SuppressWarnings("unchecked")
  @Test
  void theSchemaBuilderTakesParamsInOrderWithRequiredOnesListed() {
    Map<String, Object> schema =
        Schema.of(Param.string("a", "A").required(), PAGE, Param.bool("c", "C")).build();

    assertThat(((Map<String, ?>) schema.get("properties")).keySet())
        .containsExactly("a", "max_results", "c");
    assertThat(schema.get("required")).isEqualTo(List.of("a"));
    // what the schema says is what the validator enforces
    assertValidation(
        () -> ArgsValidator.validate(schema, Map.of("a", "x", "max_results", 201)),
        "max_results",
        "must be between 1 and 200 (got 201)");
  }

  @Test
  void theHandlerGetsTheGivenValueOrTheDefault() {
    assertThat(PAGE.of(args())).isEqualTo(20);
    assertThat(PAGE.of(args("max_results", 7))).isEqualTo(7);
    assertThat(PAGE.of(args("max_results", 7.0))).isEqualTo(7);
    assertThat(PAGE.optional(args())).isEmpty();
    assertThat(PAGE.optional(args("max_results", 1))).contains(1);
    assertThat(PAGE.given(args())).isFalse();
    assertThat(PAGE.given(args("max_results", 200))).isTrue();
    assertThat(Param.string("s", "S").of(args())).isNull();
    assertThat(Param.bool("b", "B").withDefault(false).of(args("b", true))).isTrue();
    assertThat(Param.stringList("l", "L").of(args("l", List.of("x")))).containsExactly("x");
    assertThat(Param.object("o", "O").of(args("o", Map.of("k", 1)))).containsEntry("k", 1);
  }

  @Test
  void boundsAreEnforcedAtBothEnds() {
    assertThat(PAGE.of(args("max_results", 1))).isEqualTo(1);
    assertThat(PAGE.of(args("max_results", 200))).isEqualTo(200);
    assertValidation(
        () -> PAGE.of(args("max_results", 0)), "max_results", "must be between 1 and 200 (got 0)");
    assertValidation(
        () -> PAGE.of(args("max_results", 201)),
        "max_results",
        "must be between 1 and 200 (got 201)");
  }

  @Test
  void wrongTypesAreValidationErrorsNamingTheField() {
    assertValidation(
        () -> PAGE.of(args("max_results", "ten")),
        "max_results",
        "must be a whole number (got 'ten')");
    assertValidation(
        () -> PAGE.of(args("max_results", "10.5")),
        "max_results",
        "must be a whole number (got '10.5')");
    assertValidation(
        () -> PAGE.of(args("max_results", 2.5)), "max_results", "must be a whole number (got 2.5)");
    assertValidation(
        () -> PAGE.of(args("max_results", true)),
        "max_results",
        "must be a whole number (got true)");
    assertValidation(() -> Param.string("s", "S").of(args("s", 3.5)), "s", "must be a string");
    assertThat(Param.string("s", "S").of(args("s", 3))).isEqualTo("3");
    assertValidation(() -> Param.string("s", "S").of(args("s", " ")), "s", "must not be empty");
    assertValidation(
        () -> Param.bool("b", "B").of(args("b", "yes")), "b", "must be true or false (got 'yes')");
    assertValidation(
        () -> Param.bool("b", "B").of(args("b", 1)), "b", "must be true or false (got 1)");
    assertValidation(
        () -> Param.stringList("l", "L").of(args("l", List.of(1))),
        "l",
        "must be a list of strings");
    assertValidation(() -> Param.object("o", "O").of(args("o", "x")), "o", "must be an object");
  }

  @Test
  void numericAndBooleanStringsAreTakenWhereTheirMeaningIsPlain() {
    assertThat(PAGE.of(args("max_results", "10"))).isEqualTo(10);
    assertThat(PAGE.of(args("max_results", " 10 "))).isEqualTo(10);
    assertThat(PAGE.of(args("max_results", "+7"))).isEqualTo(7);
    assertValidation(
        () -> PAGE.of(args("max_results", "201")),
        "max_results",
        "must be between 1 and 200 (got 201)");
    assertValidation(
        () -> PAGE.of(args("max_results", "")), "max_results", "must be a whole number (got '')");
    Param<Boolean> flag = Param.bool("detail", "D").withDefault(false);
    assertThat(flag.of(args("detail", "true"))).isTrue();
    assertThat(flag.of(args("detail", "TRUE"))).isTrue();
    assertThat(flag.of(args("detail", " False "))).isFalse();
    assertThat(flag.of(args("detail", false))).isFalse();
  }

  @Test
  void aTimeIsAnInstantGivenAsIsoADateOrEpochMillis() {
    Param<java.time.Instant> since = Param.time("start_time", "From");
    assertThat(since.type()).isEqualTo(Param.Type.TIME);
    assertThat(since.schema())
        .containsExactly(Map.entry("type", "string"), Map.entry("description", "From"));
    assertThat(since.of(args("start_time", "2026-12-01T05:34:24.682Z")))
        .isEqualTo(java.time.Instant.parse("2026-12-01T05:34:24.682Z"));
    assertThat(since.of(args("start_time", "2026-12-01T07:34:24+02:00")))
        .isEqualTo(java.time.Instant.parse("2026-12-01T05:34:24Z"));
    assertThat(since.of(args("start_time", "2026-12-01")))
        .isEqualTo(java.time.Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(since.of(args("start_time", " 2026-12-01 05:34:24 ")))
        .isEqualTo(java.time.Instant.parse("2026-12-01T05:34:24Z"));
    assertThat(since.of(args("start_time", "1764547200000")))
        .isEqualTo(java.time.Instant.parse("2025-12-01T00:00:00Z"));
    assertThat(since.of(args("start_time", "1000000000")))
        .isEqualTo(java.time.Instant.ofEpochMilli(1_000_000_000L));
    assertThat(since.of(args())).isNull();
    String expected =
        "must be a time: ISO-8601 (2026-12-01T05:30:00Z), a date (2026-12-01, midnight UTC) or"
            + " epoch milliseconds (got '%s')";
    for (String bad : List.of("2026", "999999999", "yesterday", "2026-13-01", "2026-12-01T25:00")) {
      assertValidation(
          () -> since.of(args("start_time", bad)), "start_time", String.format(expected, bad));
    }
    assertValidation(() -> since.of(args("start_time", true)), "start_time", "must be a string");
    java.time.Instant epoch = java.time.Instant.EPOCH;
    assertThat(since.withDefault(epoch).schema()).containsEntry("default", "1970-01-01T00:00:00Z");
  }

  @Test
  void aNumericIdIsAPositiveLongGivenAsANumberOrItsDigits() {
    Param<Long> run = Param.numericId("run_id", "Run");
    assertThat(run.type()).isEqualTo(Param.Type.NUMERIC_ID);
    assertThat(run.schema())
        .containsExactly(
            Map.entry("type", "integer"), Map.entry("description", "Run"), Map.entry("minimum", 1));
    assertThat(run.of(args("run_id", 123_456_789_012_345_678L)))
        .isEqualTo(123_456_789_012_345_678L);
    assertThat(run.of(args("run_id", "987654321098765"))).isEqualTo(987_654_321_098_765L);
    assertThat(run.of(args("run_id", 1))).isEqualTo(1L);
    assertThat(run.of(args())).isNull();
    assertValidation(() -> run.of(args("run_id", 0)), "run_id", "must be a positive id (got 0)");
    assertValidation(() -> run.of(args("run_id", -5)), "run_id", "must be a positive id (got -5)");
    assertValidation(
        () -> run.of(args("run_id", "run-1")), "run_id", "must be a whole number (got 'run-1')");
  }

  @Test
  void aRequiredParameterMissingIsNamed() {
    Param<String> name = Param.string("name", "Name").required();
    assertThat(name.isRequired()).isTrue();
    assertValidation(() -> name.of(args()), "name", "is required");
    assertThat(name.optional().of(args())).isNull();
  }

  @Test
  void aChoiceMatchesIgnoringCaseAndGivesTheDeclaredValue() {
    Param<String> format =
        Param.choice("format", "F", List.of("markdown", "csv")).withDefault("markdown");
    assertThat(format.of(args("format", "CSV"))).isEqualTo("csv");
    assertThat(format.of(args("format", " Csv "))).isEqualTo("csv");
    assertThat(format.of(args())).isEqualTo("markdown");
    assertThat(format.values()).containsExactly("markdown", "csv");
    assertValidation(
        () -> format.of(args("format", "xml")),
        "format",
        "must be one of [markdown, csv] (got 'xml')");
  }

  @Test
  void stringsAreCappedAndChecked() {
    Param<String> shortOne = Param.string("s", "S").maxLength(3);
    assertThat(shortOne.of(args("s", "abc"))).isEqualTo("abc");
    assertValidation(
        () -> shortOne.of(args("s", "abcd")), "s", "is too long: 4 characters, at most 3");
    String tooLong = "x".repeat(ArgsValidator.DEFAULT_MAX_STRING + 1);
    assertValidation(
        () -> Param.string("s", "S").of(args("s", tooLong)),
        "s",
        "is too long: " + tooLong.length() + " characters, at most 4096");
    assertThat(Param.string("s", "S").of(args("s", "x".repeat(4096)))).hasSize(4096);

    Param<String> upper = Param.string("s", "S").checkedBy((field, v) -> field + "=" + v);
    assertThat(upper.of(args("s", "v"))).isEqualTo("s=v");
  }

  @Test
  void descriptionsSubstituteTheDeclaredNumbers() {
    assertThat(PAGE.description()).isEqualTo("Page size (default 20, at most 200, from 1)");
    assertThat(PAGE.fill("{name} defaults to {default}")).isEqualTo("max_results defaults to 20");
    assertThat(PAGE.describedAs("up to {max}").description()).isEqualTo("up to 200");
    assertThat(PAGE.fill("no placeholders")).isEqualTo("no placeholders");
    assertThatThrownBy(() -> Param.string("s", "S").fill("default {default}"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("{default}");
    assertThatThrownBy(() -> Param.string("s", "{max}").schema())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void modifiersReturnNewDeclarationsAndLeaveTheOriginal() {
    Param<Integer> renamed = PAGE.named("limit");
    assertThat(renamed.name()).isEqualTo("limit");
    assertThat(PAGE.name()).isEqualTo("max_results");
    assertThat(PAGE.optional().defaultValue()).isEmpty();
    assertThat(PAGE.defaultValue()).contains(20);
    assertThat(PAGE.range(5, 50).of(args())).isEqualTo(20);
    assertThat(PAGE.toString()).isEqualTo("max_results:integer");
    assertThat(Param.string("n", "N").required().toString()).isEqualTo("n:string (required)");
  }

  @Test
  void inconsistentDeclarationsFailAtStartUp() {
    assertThatThrownBy(() -> Param.integer("n", "N").range(5, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Param.integer("n", "N").range(1, 5).withDefault(6))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Param.integer("n", "N").range(1, 5).withDefault(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Param.integer("n", "N").withDefault(9).range(1, 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Param.string("s", "S").range(1, 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Param.integer("n", "N").maxLength(5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Param.integer("n", "N").checkedBy((f, v) -> v))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Param.choice("c", "C", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Param.string("s", "S").withDefault("x").required().defaultValue()).isEmpty();
    assertThat(Param.string("s", "S").required().withDefault("y").isRequired()).isFalse();
    assertThat(Param.integer("n", "N").range(3, 3).withDefault(3).of(args())).isEqualTo(3);
    assertThat(Param.integer("n", "N").range(1, 5).withDefault(1).of(args())).isEqualTo(1);
    assertThat(Param.integer("n", "N").range(1, 5).withDefault(5).of(args())).isEqualTo(5);
  }
}
