package dev.databricksmcp.server.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks arguments against a tool's input schema (the subset {@link Schema} produces) and reports
 * the first problem as a VALIDATION_ERROR naming the field. Done here rather than by the MCP SDK so
 * that schema failures come back in the same envelope as every other error, the same over stdio and
 * HTTP (the SDK's own input validation is off, see {@code McpServerFactory}).
 *
 * <p>The order is the one a model can act on: unknown arguments first, with the closest declared
 * name ({@link ArgumentNames}); then missing required ones; then each value's type. Values whose
 * meaning is plain are coerced on the way (docs/OUTPUT.md, "Arguments"): a whole-number string
 * where an integer is meant ({@code "10"}), {@code "true"}/{@code "false"} in any case where a
 * boolean is meant, a whole number where a string is meant ({@code job_id: 123}: ids are strings in
 * most schemas, numbers in a model's mind). The coerced arguments are what the handler gets.
 */
public final class ArgsValidator {
  /**
   * Longest string a parameter takes unless its schema says otherwise (maxLength): names, filters
   * and comments fit easily, and a value that would become a URL too long for Databricks (a 414 web
   * page) is refused here, naming the field.
   */
  static final int DEFAULT_MAX_STRING = 4096;

  /** A whole number written as text: optional sign, digits (at most 18, so it fits a long). */
  private static final Pattern WHOLE = Pattern.compile("[+-]?\\d{1,18}");

  /** Numbers at least this large do not fit a long (2^63): refused rather than cut. */
  private static final double LONG_RANGE = 0x1p63;

  /** How much of a refused value an error message repeats. */
  private static final int SHOWN = 40;

  private ArgsValidator() {}

  /**
   * The arguments, checked against {@code schema} and coerced where the meaning is plain.
   *
   * @return the arguments the handler gets: the same keys, numeric and boolean strings replaced by
   *     their typed values
   * @throws ToolException VALIDATION_ERROR naming the field
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> validate(Map<String, Object> schema, Map<String, Object> args) {
    Map<String, Object> properties =
        (Map<String, Object>) schema.getOrDefault("properties", Map.of());
    List<String> required = (List<String>) schema.getOrDefault("required", List.of());
    if (Boolean.FALSE.equals(schema.get("additionalProperties"))) {
      List<String> unknown = new ArrayList<>();
      for (String name : args.keySet()) {
        if (!properties.containsKey(name)) {
          unknown.add(name);
        }
      }
      if (!unknown.isEmpty()) {
        throw ArgumentNames.unknown(unknown, List.copyOf(properties.keySet()));
      }
    }
    for (String name : required) {
      if (args.get(name) == null) {
        throw ToolException.validation(name, "is required");
      }
    }
    Map<String, Object> out = new LinkedHashMap<>(args);
    for (Map.Entry<String, Object> arg : out.entrySet()) {
      Map<String, Object> property = (Map<String, Object>) properties.get(arg.getKey());
      if (property != null && arg.getValue() != null) {
        arg.setValue(checkType(arg.getKey(), property, arg.getValue()));
      }
    }
    return out;
  }

  /** The value, coerced to the property's type where the meaning is plain, and checked. */
  private static Object checkType(String name, Map<String, Object> property, Object value) {
    String type = String.valueOf(property.get("type"));
    switch (type) {
      case "string" -> {
        String number = wholeNumberText(value);
        if (number == null && !(value instanceof String)) {
          throw ToolException.validation(name, "must be a string");
        }
        String s = number != null ? number : (String) value;
        int max = property.get("maxLength") instanceof Number n ? n.intValue() : DEFAULT_MAX_STRING;
        if (s.length() > max) {
          throw ToolException.validation(
              name, "is too long: " + s.length() + " characters, at most " + max);
        }
        Object allowed = property.get("enum");
        if (allowed instanceof List<?> values
            && values.stream().noneMatch(v -> String.valueOf(v).equalsIgnoreCase(s))) {
          throw ToolException.validation(name, "must be one of " + values + " (got '" + s + "')");
        }
        return s;
      }
      case "integer" -> {
        Number n = wholeNumber(name, value);
        checkRange(name, property, n.longValue());
        return n;
      }
      case "number" -> {
        return number(name, value);
      }
      case "boolean" -> {
        return bool(name, value);
      }
      case "array" -> {
        if (!(value instanceof List<?>)) {
          throw ToolException.validation(name, "must be a list");
        }
        return value;
      }
      case "object" -> {
        if (!(value instanceof Map<?, ?>)) {
          throw ToolException.validation(name, "must be an object");
        }
        return value;
      }
      default -> {
        // other schema types are not produced by Schema; accept
        return value;
      }
    }
  }

  /**
   * A whole number: a JSON number without a fraction, or a string of digits ({@code "10"}); an
   * Integer when it fits, else a Long.
   *
   * @throws ToolException VALIDATION_ERROR "must be a whole number" naming the field otherwise
   *     ({@code "10.5"}, {@code "ten"}, {@code 10.5}, {@code true})
   */
  static Number wholeNumber(String name, Object value) {
    long n;
    if (value instanceof String s && WHOLE.matcher(s.trim()).matches()) {
      n = Long.parseLong(s.trim());
    } else if (value instanceof Number num
        && Math.abs(num.doubleValue()) < LONG_RANGE
        && num.doubleValue() == Math.rint(num.doubleValue())) {
      n = num.longValue();
    } else {
      throw ToolException.validation(name, "must be a whole number (got " + shown(value) + ")");
    }
    if (n == (int) n) {
      return Integer.valueOf((int) n); // not a ?: with a Long: that would widen it to a Long too
    }
    return Long.valueOf(n);
  }

  /**
   * True or false: a JSON boolean, or the string {@code "true"} or {@code "false"} in any case.
   *
   * @throws ToolException VALIDATION_ERROR "must be true or false" naming the field otherwise
   */
  static Boolean bool(String name, Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s) {
      String word = s.trim().toLowerCase(Locale.ROOT);
      if (word.equals("true") || word.equals("false")) {
        return Boolean.valueOf(word);
      }
    }
    throw ToolException.validation(name, "must be true or false (got " + shown(value) + ")");
  }

  /** A number: a JSON number, or a decimal string ({@code "2.5"}). */
  private static Number number(String name, Object value) {
    if (value instanceof Number n) {
      return n;
    }
    Optional<Double> parsed =
        value instanceof String s && s.trim().matches("[+-]?\\d{1,18}(\\.\\d{1,18})?")
            ? Optional.of(Double.valueOf(s.trim()))
            : Optional.empty();
    return parsed.orElseThrow(
        () -> ToolException.validation(name, "must be a number (got " + shown(value) + ")"));
  }

  /**
   * A refused value for an error message: strings quoted and cut, other values as JSON has them.
   */
  static String shown(Object value) {
    if (value instanceof String s) {
      String cut = s.length() > SHOWN ? s.substring(0, SHOWN) + "…" : s;
      return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
    }
    if (value instanceof Map<?, ?>) {
      return "an object";
    }
    if (value instanceof List<?>) {
      return "a list";
    }
    return String.valueOf(value);
  }

  private static void checkRange(String name, Map<String, Object> property, long value) {
    Object min = property.get("minimum");
    Object max = property.get("maximum");
    if (min instanceof Number m && value < m.longValue()
        || max instanceof Number x && value > x.longValue()) {
      throw ToolException.validation(
          name,
          "must be between "
              + property.get("minimum")
              + " and "
              + property.get("maximum")
              + " (got "
              + value
              + ")");
    }
  }

  /** A whole number's decimal text (123, not 123.0), or null for anything else. */
  static String wholeNumberText(Object value) {
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof java.math.BigInteger) {
      return value.toString();
    }
    return null;
  }
}
