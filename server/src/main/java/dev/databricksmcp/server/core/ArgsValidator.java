package dev.databricksmcp.server.core;

import java.util.List;
import java.util.Map;

/**
 * Checks arguments against a tool's input schema (the subset {@link Schema} produces) and reports
 * the first problem as a VALIDATION_ERROR naming the field. Done here rather than by the MCP SDK so
 * that schema failures come back in the same envelope as every other error.
 */
public final class ArgsValidator {
  /**
   * Longest string a parameter takes unless its schema says otherwise (maxLength): names, filters
   * and comments fit easily, and a value that would become a URL too long for Databricks (a 414 web
   * page) is refused here, naming the field.
   */
  static final int DEFAULT_MAX_STRING = 4096;

  private ArgsValidator() {}

  @SuppressWarnings("unchecked")
  public static void validate(Map<String, Object> schema, Map<String, Object> args) {
    Map<String, Object> properties =
        (Map<String, Object>) schema.getOrDefault("properties", Map.of());
    List<String> required = (List<String>) schema.getOrDefault("required", List.of());
    for (String name : required) {
      if (args.get(name) == null) {
        throw ToolException.validation(name, "is required");
      }
    }
    for (Map.Entry<String, Object> arg : args.entrySet()) {
      Map<String, Object> property = (Map<String, Object>) properties.get(arg.getKey());
      if (property == null) {
        if (Boolean.FALSE.equals(schema.get("additionalProperties"))) {
          throw ToolException.validation(
              arg.getKey(),
              properties.isEmpty()
                  ? "is not a parameter: this tool takes no parameters"
                  : "is not a parameter of this tool; known parameters: "
                      + String.join(", ", properties.keySet()));
        }
        continue;
      }
      if (arg.getValue() != null) {
        checkType(arg.getKey(), property, arg.getValue());
      }
    }
  }

  private static void checkType(String name, Map<String, Object> property, Object value) {
    String type = String.valueOf(property.get("type"));
    switch (type) {
      case "string" -> {
        if (!(value instanceof String s)) {
          throw ToolException.validation(name, "must be a string");
        }
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
      }
      case "integer" -> {
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
          throw ToolException.validation(name, "must be a whole number");
        }
        checkRange(name, property, n.longValue());
      }
      case "number" -> {
        if (!(value instanceof Number)) {
          throw ToolException.validation(name, "must be a number");
        }
      }
      case "boolean" -> {
        if (!(value instanceof Boolean)) {
          throw ToolException.validation(name, "must be true or false");
        }
      }
      case "array" -> {
        if (!(value instanceof List<?>)) {
          throw ToolException.validation(name, "must be a list");
        }
      }
      case "object" -> {
        if (!(value instanceof Map<?, ?>)) {
          throw ToolException.validation(name, "must be an object");
        }
      }
      default -> {
        // other schema types are not produced by Schema; accept
      }
    }
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
}
