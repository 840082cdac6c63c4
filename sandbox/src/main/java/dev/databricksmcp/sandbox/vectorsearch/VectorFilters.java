package dev.databricksmcp.sandbox.vectorsearch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * {@code filters_json} of a standard endpoint's query, as the filtering guide describes it
 * (https://docs.databricks.com/aws/en/vector-search/vector-search-filtering-guide): an object whose
 * keys are a column and an operator ({@code "col"}, {@code "col NOT"}, {@code "col <"}, {@code "col
 * <="}, {@code "col >"}, {@code "col >="}, {@code "col LIKE"}, {@code "col1 OR col2"}), all keys
 * ANDed; a list value means any of its values; or a list of such objects, ANDed. LIKE matches a
 * whole token of the column, or a {@code %} pattern. Anything else, or a column the index does not
 * have, is INVALID_PARAMETER_VALUE naming it.
 */
final class VectorFilters {
  private static final Set<String> OPERATORS = Set.of("NOT", "<", "<=", ">", ">=", "LIKE");

  private VectorFilters() {}

  static Predicate<Map<String, Object>> parse(String filtersJson, Set<String> columns) {
    if (filtersJson == null || filtersJson.isBlank()) {
      return row -> true;
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(filtersJson);
    } catch (IOException e) {
      throw ApiException.invalid("filters_json is not valid JSON: " + filtersJson);
    }
    List<JsonNode> objects = new ArrayList<>();
    if (root != null && root.isArray()) {
      root.forEach(objects::add);
    } else {
      objects.add(root);
    }
    Predicate<Map<String, Object>> all = row -> true;
    for (JsonNode object : objects) {
      if (object == null || !object.isObject()) {
        throw ApiException.invalid(
            "filters_json must be a JSON object such as {\"column <\": 5}: " + filtersJson);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        all = all.and(condition(e.getKey(), e.getValue(), columns));
      }
    }
    return all;
  }

  private static Predicate<Map<String, Object>> condition(
      String key, JsonNode value, Set<String> columns) {
    String[] parts = key.trim().split("\\s+");
    if (parts.length == 3 && parts[1].equalsIgnoreCase("OR")) {
      Predicate<Map<String, Object>> left = equality(column(parts[0], key, columns), value);
      return left.or(equality(column(parts[2], key, columns), value));
    }
    if (parts.length == 1) {
      return equality(column(parts[0], key, columns), value);
    }
    String op = parts.length == 2 ? parts[1].toUpperCase(Locale.ROOT) : "";
    if (!OPERATORS.contains(op)) {
      throw ApiException.invalid(
          "Invalid filter key '"
              + key
              + "': expected 'column' or 'column OP' with OP one of NOT, <, <=, >, >=, LIKE,"
              + " or 'column1 OR column2'");
    }
    String col = column(parts[0], key, columns);
    if (op.equals("NOT")) {
      return equality(col, value).negate();
    }
    if (op.equals("LIKE")) {
      String pattern = scalar(value, key).toString();
      return row -> like(row.get(col), pattern);
    }
    Object bound = scalar(value, key);
    return row -> {
      Object v = row.get(col);
      if (v == null) {
        return false;
      }
      int c = compare(v, bound);
      return switch (op) {
        case "<" -> c < 0;
        case "<=" -> c <= 0;
        case ">" -> c > 0;
        default -> c >= 0;
      };
    };
  }

  private static String column(String name, String key, Set<String> columns) {
    if (!columns.contains(name)) {
      throw ApiException.invalid(
          "Invalid filter '" + key + "': column '" + name + "' is not in the index");
    }
    return name;
  }

  private static Predicate<Map<String, Object>> equality(String col, JsonNode value) {
    List<Object> any = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(v -> any.add(scalar(v, col)));
    } else {
      any.add(scalar(value, col));
    }
    return row -> {
      Object v = row.get(col);
      return v != null && any.stream().anyMatch(a -> compare(v, a) == 0);
    };
  }

  private static Object scalar(JsonNode value, String key) {
    if (value.isNumber()) {
      return value.decimalValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    throw ApiException.invalid(
        "Invalid filter value for '" + key + "': expected a string, number or boolean");
  }

  private static int compare(Object v, Object bound) {
    if (bound instanceof BigDecimal b) {
      try {
        return new BigDecimal(v.toString()).compareTo(b);
      } catch (NumberFormatException e) {
        return v.toString().compareTo(b.toPlainString());
      }
    }
    if (bound instanceof Boolean b) {
      return Boolean.valueOf(v.toString()).equals(b) ? 0 : 1;
    }
    return v.toString().compareTo(bound.toString());
  }

  private static boolean like(Object v, String pattern) {
    if (v == null) {
      return false;
    }
    String text = v.toString().toLowerCase(Locale.ROOT);
    String p = pattern.toLowerCase(Locale.ROOT);
    if (p.contains("%")) {
      String regex =
          Arrays.stream(p.split("%", -1))
              .map(Pattern::quote)
              .reduce((a, b) -> a + ".*" + b)
              .orElse("");
      return text.matches("(?s)" + regex);
    }
    return Arrays.asList(text.split("[^\\p{L}\\p{N}]+")).contains(p);
  }
}
