package dev.databricksmcp.server.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Arguments are checked in the order a model can act on (unknown, then missing, then mistyped) and
 * coerced where the meaning is plain (docs/OUTPUT.md, "Arguments").
 */
class ArgsValidatorTest {
  /** execute_sql's shape, as far as these rules go. */
  private static final Map<String, Object> EXECUTE_SQL =
      Schema.of(
              Param.string("statement", "SQL").required(),
              Param.string("warehouse_id", "Warehouse"),
              Param.integer("max_rows", "Rows").range(1, 10_000).withDefault(100),
              Param.bool("detail", "More"),
              Param.choice("format", "F", List.of("markdown", "csv")))
          .build();

  private static Map<String, Object> args(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }

  private static ToolException refused(Map<String, Object> schema, Map<String, Object> args) {
    return (ToolException)
        assertThatThrownBy(() -> ArgsValidator.validate(schema, args))
            .isInstanceOf(ToolException.class)
            .actual();
  }

  @Test
  void anUnknownArgumentIsReportedBeforeAMissingOneWithTheClosestName() {
    ToolException e = refused(EXECUTE_SQL, args("sql", "SELECT 1"));

    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(e.getMessage()).isEqualTo("sql: unknown argument 'sql'; did you mean 'statement'?");
    assertThat(e.details())
        .containsEntry("field", "sql")
        .containsEntry("did_you_mean", "statement");
  }

  @Test
  void anUnknownArgumentIsReportedBeforeAWrongType() {
    ToolException e = refused(EXECUTE_SQL, args("statement", "x", "max_rows", "many", "limt", 5));

    assertThat(e.details()).containsEntry("field", "limt");
  }

  @Test
  void withNothingCloseTheAcceptedNamesAreListed() {
    ToolException e = refused(EXECUTE_SQL, args("statement", "x", "colour", "red"));

    assertThat(e.getMessage())
        .isEqualTo(
            "colour: unknown argument 'colour'; accepted: statement, warehouse_id, max_rows,"
                + " detail, format");
    assertThat(e.details())
        .containsEntry("field", "colour")
        .containsEntry(
            "accepted", List.of("statement", "warehouse_id", "max_rows", "detail", "format"))
        .doesNotContainKey("did_you_mean");
  }

  @Test
  void severalUnknownArgumentsAreAllNamed() {
    ToolException e = refused(EXECUTE_SQL, args("sql", "x", "limit", 5, "colour", "red"));

    assertThat(e.getMessage())
        .isEqualTo(
            "sql: unknown argument 'sql'; did you mean 'statement'?. Also unknown: 'limit' (did"
                + " you mean 'max_rows'?), 'colour'");
    assertThat(e.details()).containsEntry("unknown", List.of("sql", "limit", "colour"));
  }

  @Test
  void aToolWithoutParametersSaysSo() {
    ToolException e = refused(Schema.object().build(), args("x", 1));

    assertThat(e.getMessage()).isEqualTo("x: unknown argument 'x'; this tool takes no arguments");
  }

  @Test
  void aSchemaThatAllowsMoreLetsUnknownArgumentsThrough() {
    Map<String, Object> open = new LinkedHashMap<>(EXECUTE_SQL);
    open.remove("additionalProperties");

    assertThat(ArgsValidator.validate(open, args("statement", "x", "sql", "y")))
        .containsEntry("sql", "y");
  }

  @Test
  void aMissingRequiredArgumentIsNamed() {
    assertThat(refused(EXECUTE_SQL, args("max_rows", 5)).getMessage())
        .isEqualTo("statement: is required");
    assertThat(refused(EXECUTE_SQL, args("statement", null)).getMessage())
        .isEqualTo("statement: is required");
  }

  @Test
  void numericAndBooleanStringsAreCoercedForTheHandler() {
    Map<String, Object> checked =
        ArgsValidator.validate(
            EXECUTE_SQL,
            args("statement", "SELECT 1", "max_rows", "10", "detail", "TRUE", "format", "csv"));

    assertThat(checked)
        .containsExactly(
            Map.entry("statement", "SELECT 1"),
            Map.entry("max_rows", 10),
            Map.entry("detail", true),
            Map.entry("format", "csv"));
    assertThat(ArgsValidator.validate(EXECUTE_SQL, args("statement", "x", "detail", "false")))
        .containsEntry("detail", false);
    assertThat(ArgsValidator.validate(EXECUTE_SQL, args("statement", "x", "max_rows", 7.0)))
        .containsEntry("max_rows", 7);
  }

  @Test
  void aCoercedNumberIsStillHeldToItsBounds() {
    assertThat(refused(EXECUTE_SQL, args("statement", "x", "max_rows", "0")).getMessage())
        .isEqualTo("max_rows: must be between 1 and 10000 (got 0)");
    assertThat(refused(EXECUTE_SQL, args("statement", "x", "max_rows", "10001")).getMessage())
        .isEqualTo("max_rows: must be between 1 and 10000 (got 10001)");
  }

  @Test
  void theBoundsThemselvesAreAccepted() {
    assertThat(ArgsValidator.validate(EXECUTE_SQL, args("statement", "x", "max_rows", 1)))
        .containsEntry("max_rows", 1);
    assertThat(ArgsValidator.validate(EXECUTE_SQL, args("statement", "x", "max_rows", "10000")))
        .containsEntry("max_rows", 10_000);
  }

  @Test
  void aStringOfExactlyTheLongestLengthIsAcceptedAndOneMoreIsRefused() {
    Map<String, Object> schema =
        Schema.of(Param.string("name", "N").maxLength(5), Param.string("comment", "C")).build();

    assertThat(ArgsValidator.validate(schema, args("name", "abcde")))
        .containsEntry("name", "abcde");
    assertThat(refused(schema, args("name", "abcdef")).getMessage())
        .isEqualTo("name: is too long: 6 characters, at most 5");
    String longest = "x".repeat(ArgsValidator.DEFAULT_MAX_STRING);
    assertThat(ArgsValidator.validate(schema, args("comment", longest)))
        .containsEntry("comment", longest);
    assertThat(refused(schema, args("comment", longest + "x")).getMessage())
        .isEqualTo("comment: is too long: 4097 characters, at most 4096");
  }

  /** Ids are strings in most schemas and numbers in a model's mind: job_id 123 means "123". */
  @Test
  void aWholeNumberWhereAStringIsMeantIsItsText() {
    assertThat(ArgsValidator.validate(EXECUTE_SQL, args("statement", 123)))
        .containsEntry("statement", "123");
    assertThat(ArgsValidator.validate(EXECUTE_SQL, args("statement", 1234567890123456789L)))
        .containsEntry("statement", "1234567890123456789");
    assertThat(
            ArgsValidator.validate(
                EXECUTE_SQL, args("statement", new java.math.BigInteger("12345678901234567890"))))
        .containsEntry("statement", "12345678901234567890");
  }

  @Test
  void whatIsNotPlainStaysAValidationErrorNamingFieldAndType() {
    assertThat(refused(EXECUTE_SQL, args("statement", "x", "max_rows", "10.5")).getMessage())
        .isEqualTo("max_rows: must be a whole number (got '10.5')");
    assertThat(refused(EXECUTE_SQL, args("statement", "x", "max_rows", "ten")).getMessage())
        .isEqualTo("max_rows: must be a whole number (got 'ten')");
    assertThat(refused(EXECUTE_SQL, args("statement", "x", "max_rows", 10.5)).getMessage())
        .isEqualTo("max_rows: must be a whole number (got 10.5)");
    assertThat(refused(EXECUTE_SQL, args("statement", "x", "detail", "yes")).getMessage())
        .isEqualTo("detail: must be true or false (got 'yes')");
    assertThat(refused(EXECUTE_SQL, args("statement", "x", "detail", 1)).getMessage())
        .isEqualTo("detail: must be true or false (got 1)");
    assertThat(refused(EXECUTE_SQL, args("statement", true)).getMessage())
        .isEqualTo("statement: must be a string");
    assertThat(refused(EXECUTE_SQL, args("statement", 1.5)).getMessage())
        .isEqualTo("statement: must be a string");
    assertThat(refused(EXECUTE_SQL, args("statement", "x", "format", "xml")).getMessage())
        .isEqualTo("format: must be one of [markdown, csv] (got 'xml')");
  }

  @Test
  void largeNumbersStayWholeAndAreRangeChecked() {
    Map<String, Object> schema = Schema.of(Param.integer("n", "N")).build();

    assertThat(ArgsValidator.validate(schema, args("n", "9000000000")))
        .containsEntry("n", 9_000_000_000L);
    assertThat(ArgsValidator.validate(schema, args("n", "-3"))).containsEntry("n", -3);
    assertThat(refused(schema, args("n", "1234567890123456789")).getMessage())
        .startsWith("n: must be a whole number");
    assertThat(refused(schema, args("n", Double.POSITIVE_INFINITY)).getMessage())
        .isEqualTo("n: must be a whole number (got Infinity)");
    assertThat(refused(schema, args("n", 0x1p63)).getMessage())
        .isEqualTo("n: must be a whole number (got 9.223372036854776E18)");
    assertThat(refused(schema, args("n", -0x1p63)).getMessage())
        .startsWith("n: must be a whole number");
    assertThat(ArgsValidator.validate(schema, args("n", 0x1p62))).containsEntry("n", 1L << 62);
    assertThat(ArgsValidator.validate(schema, args("n", new java.math.BigInteger("123456789012"))))
        .containsEntry("n", 123_456_789_012L);
  }

  @Test
  void otherTypesAreCheckedAndPassedThrough() {
    Map<String, Object> schema =
        Schema.of(Param.stringList("l", "L"), Param.object("o", "O"))
            .property("x", Map.of("type", "number"), false)
            .build();

    assertThat(ArgsValidator.validate(schema, args("l", List.of("a"), "o", Map.of("k", 1))))
        .containsEntry("l", List.of("a"))
        .containsEntry("o", Map.of("k", 1));
    assertThat(ArgsValidator.validate(schema, args("x", "2.5"))).containsEntry("x", 2.5);
    assertThat(ArgsValidator.validate(schema, args("x", 3))).containsEntry("x", 3);
    assertThat(refused(schema, args("x", "two")).getMessage())
        .isEqualTo("x: must be a number (got 'two')");
    assertThat(refused(schema, args("l", "a")).getMessage()).isEqualTo("l: must be a list");
    assertThat(refused(schema, args("l", Map.of())).getMessage()).isEqualTo("l: must be a list");
    assertThat(refused(schema, args("o", List.of())).getMessage())
        .isEqualTo("o: must be an object");
  }

  @Test
  void aPropertyWithoutATypeTakesAnyValueAsGiven() {
    // JSON Schema without "type" allows every value; the handler gets it unchanged
    Map<String, Object> schema =
        Schema.of(Param.string("s", "S"))
            .property("any", Map.of("description", "Anything"), false)
            .build();

    assertThat(ArgsValidator.validate(schema, args("any", List.of(1, "a"))))
        .containsEntry("any", List.of(1, "a"));
    assertThat(ArgsValidator.validate(schema, args("any", "10"))).containsEntry("any", "10");
  }

  @Test
  void aRefusedValueIsShownCutAndWithoutControlCharacters() {
    assertThat(ArgsValidator.shown("x".repeat(50))).isEqualTo("'" + "x".repeat(40) + "…'");
    assertThat(ArgsValidator.shown("x".repeat(40))).isEqualTo("'" + "x".repeat(40) + "'");
    assertThat(ArgsValidator.shown("a\nb")).isEqualTo("'a?b'");
    assertThat(ArgsValidator.shown(Map.of("k", "secret"))).isEqualTo("an object");
    assertThat(ArgsValidator.shown(List.of("secret"))).isEqualTo("a list");
    assertThat(ArgsValidator.shown(null)).isEqualTo("null");
  }
}
