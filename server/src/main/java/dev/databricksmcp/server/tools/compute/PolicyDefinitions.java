package dev.databricksmcp.server.tools.compute;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.databricksmcp.server.core.ToolException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cluster policy definitions (the policy definition language, "Compute policy reference",
 * https://docs.databricks.com/aws/en/admin/clusters/policy-definition): a JSON object from an
 * attribute path to one rule of type {@code fixed}, {@code forbidden}, {@code allowlist}, {@code
 * blocklist}, {@code regex}, {@code range} or {@code unlimited}, with {@code defaultValue}, {@code
 * isOptional} and {@code hidden}. Read here to show a policy rule by rule, to know what a policy
 * fills in a cluster, and to check a definition a caller gives before it is sent.
 */
final class PolicyDefinitions {
  static final Set<String> RULE_TYPES =
      Set.of("fixed", "forbidden", "allowlist", "blocklist", "regex", "range", "unlimited");

  private static final ObjectMapper JSON = new ObjectMapper();

  private PolicyDefinitions() {}

  /** Each rule of a stored definition, in the definition's order, readable; none if unreadable. */
  static List<Map<String, Object>> rules(String definition) {
    List<Map<String, Object>> out = new ArrayList<>();
    ObjectNode d = parsed(definition);
    if (d == null) {
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = d.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode rule = e.getValue();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("attribute", e.getKey());
      row.put("type", rule.path("type").asText(null));
      row.put("rule", words(rule));
      if (rule.has("defaultValue")) {
        row.put("default_value", JSON.convertValue(rule.get("defaultValue"), Object.class));
      }
      if (rule.path("hidden").asBoolean(false)) {
        row.put("hidden", true);
      }
      if (rule.path("isOptional").asBoolean(false)) {
        row.put("optional", true);
      }
      out.add(row);
    }
    return out;
  }

  /** The attributes a cluster gets from the policy when it does not give them: fixed or default. */
  static Set<String> filled(String definition) {
    Set<String> out = new LinkedHashSet<>();
    ObjectNode d = parsed(definition);
    if (d != null) {
      d.fields()
          .forEachRemaining(
              e -> {
                JsonNode rule = e.getValue();
                if ("fixed".equals(rule.path("type").asText()) || rule.has("defaultValue")) {
                  out.add(e.getKey());
                }
              });
    }
    return out;
  }

  /**
   * A definition as a caller gives it, a JSON object or its text, checked as far as the language is
   * documented and written as the API takes it (a JSON string).
   *
   * @throws ToolException VALIDATION_ERROR naming {@code field}
   */
  static String fromArgument(String field, Object value) {
    JsonNode d;
    if (value instanceof String s) {
      try {
        d = JSON.readTree(s);
      } catch (JsonProcessingException e) {
        throw ToolException.validation(
            field, "is not JSON (" + e.getOriginalMessage() + "); give a JSON object");
      }
    } else {
      d = JSON.valueToTree(value);
    }
    if (!(d instanceof ObjectNode object)) {
      throw ToolException.validation(
          field,
          "must be a JSON object from attribute path to rule, e.g. {\"spark_version\":"
              + " {\"type\": \"fixed\", \"value\": \"auto:latest-lts\"}}");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String type = e.getValue().path("type").asText("");
      if (!e.getValue().isObject() || !RULE_TYPES.contains(type)) {
        throw ToolException.validation(
            field,
            "the rule for "
                + e.getKey()
                + " must be an object with a type, one of "
                + RULE_TYPES.stream().sorted().toList());
      }
    }
    return object.toString();
  }

  private static ObjectNode parsed(String definition) {
    try {
      return definition == null || !(JSON.readTree(definition) instanceof ObjectNode o) ? null : o;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** A rule in words: "must be SINGLE_USER", "10 to 120", "one of [a, b]". */
  private static String words(JsonNode rule) {
    return switch (rule.path("type").asText("")) {
      case "fixed" -> "must be " + rule.path("value").asText();
      case "forbidden" -> "must not be set";
      case "allowlist" -> "one of " + texts(rule.path("values"));
      case "blocklist" -> "none of " + texts(rule.path("values"));
      case "regex" -> "must match " + rule.path("pattern").asText();
      case "range" ->
          rule.has("minValue") && rule.has("maxValue")
              ? rule.get("minValue").asText() + " to " + rule.get("maxValue").asText()
              : rule.has("minValue")
                  ? "at least " + rule.get("minValue").asText()
                  : "at most " + rule.path("maxValue").asText();
      case "unlimited" -> "any value";
      default -> "unknown rule type";
    };
  }

  private static List<String> texts(JsonNode values) {
    List<String> out = new ArrayList<>();
    values.forEach(v -> out.add(v.asText()));
    return out;
  }
}
