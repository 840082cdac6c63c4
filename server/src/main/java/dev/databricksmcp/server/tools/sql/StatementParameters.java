package dev.databricksmcp.server.tools.sql;

import com.databricks.sdk.service.sql.StatementParameterListItem;
import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.ToolException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code parameters} of execute_sql in the Statement Execution API's own shape: a list of
 * {@code {name, value, type}} (StatementParameterListItem), declared with its properties so that
 * strict-mode clients (OpenAI Agents) and clients that draw a form from the schema can fill it in.
 * See https://docs.databricks.com/api/workspace/statementexecution/executestatement: {@code value}
 * is a string, a missing one is NULL; {@code type} defaults to STRING; ARRAY, MAP and STRUCT are
 * not supported as parameter types.
 */
final class StatementParameters {
  static final String NAME = "parameters";

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** A SQL type name, with an optional precision and scale: INT, DECIMAL(10,2), TIMESTAMP_NTZ. */
  private static final Pattern TYPE =
      Pattern.compile("[A-Za-z_]+(\\s*\\(\\s*\\d+\\s*(,\\s*\\d+\\s*)?\\))?");

  private static final Set<String> COMPLEX = Set.of("ARRAY", "MAP", "STRUCT");
  private static final Set<String> KEYS = Set.of("name", "value", "type");

  private StatementParameters() {}

  /** The JSON Schema property: an array of objects with declared properties, name required. */
  static Map<String, Object> schema() {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("type", "object");
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("name", prop("The marker's name: :min_fare is min_fare"));
    properties.put(
        "value", prop("The value as a string, e.g. \"10\" or \"2026-01-31\"; omitted means NULL"));
    properties.put(
        "type",
        prop(
            "SQL type, e.g. INT, BIGINT, DOUBLE, DECIMAL(10,2), BOOLEAN, DATE, TIMESTAMP;"
                + " default STRING"));
    item.put("properties", properties);
    item.put("required", List.of("name"));
    item.put("additionalProperties", false);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", "array");
    p.put(
        "description",
        "Values for :name markers, bound by Databricks, never spliced into the SQL, e.g."
            + " [{\"name\": \"min_fare\", \"value\": \"10\", \"type\": \"DOUBLE\"}]");
    p.put("items", item);
    return p;
  }

  private static Map<String, Object> prop(String description) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", "string");
    p.put("description", description);
    return p;
  }

  /**
   * The call's parameters as the API takes them. A number or boolean given as {@code value} is
   * taken as its text, typed BIGINT, DOUBLE or BOOLEAN when no type is given (the meaning is
   * plain); anything else that is not a string is a VALIDATION_ERROR naming the item.
   */
  static List<StatementParameterListItem> of(Args args) {
    Object raw = args.asMap().get(NAME);
    if (raw == null) {
      return List.of();
    }
    if (!(raw instanceof List<?> list)) {
      throw ToolException.validation(
          NAME,
          "must be a list of {name, value, type}, e.g. [{\"name\": \"a\", \"value\": \"1\"}]");
    }
    List<StatementParameterListItem> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String field = NAME + "[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> item)) {
        throw ToolException.validation(field, "must be an object {name, value, type}");
      }
      for (Object key : item.keySet()) {
        if (!KEYS.contains(String.valueOf(key))) {
          throw ToolException.validation(
              field + "." + key, "is not a key of a parameter; the keys are name, value and type");
        }
      }
      if (!(item.get("name") instanceof String name) || !IDENTIFIER.matcher(name).matches()) {
        throw ToolException.validation(
            field + ".name",
            item.get("name") == null
                ? "is required"
                : "'" + item.get("name") + "' is not a valid parameter name (letters, digits, _)");
      }
      if (!seen.add(name.toLowerCase(Locale.ROOT))) {
        throw ToolException.validation(field + ".name", "'" + name + "' is given twice");
      }
      StatementParameterListItem p = new StatementParameterListItem().setName(name);
      String type = type(field, item.get("type"));
      Object value = item.get("value");
      if (value instanceof String s) {
        p.setValue(s);
      } else if (value instanceof Boolean b) {
        p.setValue(b.toString());
        type = type == null ? "BOOLEAN" : type;
      } else if (value instanceof Integer || value instanceof Long) {
        p.setValue(value.toString());
        type = type == null ? "BIGINT" : type;
      } else if (value instanceof Number n) {
        p.setValue(new BigDecimal(n.toString()).toPlainString());
        type = type == null ? "DOUBLE" : type;
      } else if (value != null) {
        throw ToolException.validation(
            field + ".value", "must be a string, number or boolean (or left out for NULL)");
      }
      out.add(type == null ? p : p.setType(type));
    }
    return out;
  }

  private static String type(String field, Object raw) {
    if (raw == null || raw instanceof String s && s.isBlank()) {
      return null;
    }
    if (!(raw instanceof String s) || !TYPE.matcher(s.strip()).matches()) {
      throw ToolException.validation(
          field + ".type", "must be a SQL type name such as INT, STRING, DATE or DECIMAL(10,2)");
    }
    String type = s.strip().toUpperCase(Locale.ROOT);
    if (COMPLEX.contains(type.replaceAll("[^A-Z_].*", ""))) {
      throw ToolException.validation(
          field + ".type",
          type + " is not a parameter type Databricks binds (ARRAY, MAP and STRUCT are not)");
    }
    return type;
  }
}
