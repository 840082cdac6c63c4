package dev.databricksmcp.server.tools.ai;

import dev.databricksmcp.server.core.Jsons;
import dev.databricksmcp.server.core.ToolException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shape of a query's {@code filters}, checked before the call: the standard endpoints' syntax
 * (https://docs.databricks.com/aws/en/vector-search/vector-search-filtering-guide), an object whose
 * keys are {@code "column"}, {@code "column OP"} with OP one of NOT, &lt;, &lt;=, &gt;, &gt;=,
 * LIKE, or {@code "column1 OR column2"}, and whose values are a string, number or boolean, or a
 * list of them (any of). Which columns exist is the index's to say.
 */
final class VectorFilters {
  static final String FIELD = "filters";
  private static final Set<String> OPERATORS = Set.of("NOT", "<", "<=", ">", ">=", "LIKE");

  private VectorFilters() {}

  /** The filters as filters_json. */
  static String json(Map<String, Object> filters) {
    for (Map.Entry<String, Object> e : filters.entrySet()) {
      checkKey(e.getKey());
      checkValue(e.getKey(), e.getValue());
    }
    return Jsons.write(filters);
  }

  private static void checkKey(String key) {
    String[] parts = key.trim().split("\\s+");
    boolean ok =
        parts.length == 1 && !parts[0].isEmpty()
            || parts.length == 2 && OPERATORS.contains(parts[1].toUpperCase(java.util.Locale.ROOT))
            || parts.length == 3 && parts[1].equalsIgnoreCase("OR");
    if (!ok) {
      throw ToolException.validation(
          FIELD,
          "key '"
              + key
              + "' is not in the filter syntax: use \"column\", \"column OP\" (OP: NOT, <, <=, >,"
              + " >=, LIKE) or \"column1 OR column2\", e.g. {\"price <\": 200, \"make\":"
              + " [\"Toyota\", \"Honda\"]}");
    }
  }

  private static void checkValue(String key, Object value) {
    if (value instanceof List<?> list) {
      if (list.isEmpty() || !list.stream().allMatch(VectorFilters::scalar)) {
        throw ToolException.validation(
            FIELD, "'" + key + "': a list must hold strings, numbers or booleans");
      }
      return;
    }
    if (!scalar(value)) {
      throw ToolException.validation(
          FIELD, "'" + key + "': the value must be a string, number, boolean or a list of them");
    }
  }

  private static boolean scalar(Object v) {
    return v instanceof String || v instanceof Number || v instanceof Boolean;
  }
}
