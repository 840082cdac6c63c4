package dev.databricksmcp.sandbox.compute;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A cluster policy definition (Databricks' policy definition language, "Compute policy reference",
 * https://docs.databricks.com/aws/en/admin/clusters/policy-definition): a JSON object from
 * attribute path to one rule, {@code fixed} (with {@code hidden}), {@code forbidden}, {@code
 * allowlist}, {@code blocklist}, {@code regex}, {@code range} ({@code minValue}/{@code maxValue}),
 * {@code unlimited}; {@code defaultValue} and {@code isOptional} on the limited ones.
 *
 * <p>Applied to a create or edit request of the Clusters API: fixed values are always written into
 * the request; default values only when the request asks for them with {@code
 * apply_policy_default_values} (create-cluster.md: "When set to false, only fixed values from the
 * policy will be applied"); every violation is collected and the request refused with {@code 400
 * INVALID_PARAMETER_VALUE} and the violations joined by "; ", each {@code Validation failed for
 * PATH, …} — the shape the service answers (databricks/terraform-provider-databricks#403: {@code
 * Validation failed for driver_node_type_id, the value must be i3.2xlarge (is "i3.xlarge")}, {@code
 * Validation failed for custom_tags, environment must be present}). The wording for allowlist,
 * blocklist, regex, range and forbidden is not documented; the sandbox words them in that shape.
 *
 * <p>Paths: nested attributes joined by dots ({@code autoscale.max_workers}); {@code spark_conf.},
 * {@code spark_env_vars.} and {@code custom_tags.} followed by a key (which may hold dots); the
 * virtual {@code cluster_type} ({@code all-purpose} for the Clusters API). The virtual {@code
 * dbus_per_hour} and positional paths ({@code init_scripts.*...}) are accepted in a definition and
 * not enforced.
 */
public final class PolicyRules {
  static final Set<String> TYPES =
      Set.of("fixed", "forbidden", "allowlist", "blocklist", "regex", "range", "unlimited");
  private static final Set<String> MAPS = Set.of("spark_conf", "spark_env_vars", "custom_tags");

  private PolicyRules() {}

  /**
   * The definition parsed and checked: a JSON object whose every member is a rule of a known type
   * with what that type needs. Refused with INVALID_PARAMETER_VALUE.
   */
  public static ObjectNode parse(String definition) {
    JsonNode d;
    try {
      d = Json.MAPPER.readTree(definition);
    } catch (JsonProcessingException e) {
      throw ApiException.invalid(
          "Invalid policy definition: not JSON (" + e.getOriginalMessage() + ").");
    }
    if (!(d instanceof ObjectNode object)) {
      throw ApiException.invalid("Invalid policy definition: it must be a JSON object.");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      checkRule(e.getKey(), e.getValue());
    }
    return object;
  }

  private static void checkRule(String path, JsonNode rule) {
    String where = "Invalid policy definition for " + path + ": ";
    if (!rule.isObject()) {
      throw ApiException.invalid(where + "a rule must be a JSON object.");
    }
    String type = rule.path("type").asText("");
    if (!TYPES.contains(type)) {
      throw ApiException.invalid(where + "unknown type '" + type + "'.");
    }
    switch (type) {
      case "fixed" -> {
        if (!rule.has("value") || !rule.get("value").isValueNode()) {
          throw ApiException.invalid(where + "a fixed rule needs a value.");
        }
      }
      case "allowlist", "blocklist" -> {
        if (!rule.path("values").isArray() || rule.get("values").isEmpty()) {
          throw ApiException.invalid(where + "an " + type + " rule needs values.");
        }
      }
      case "regex" -> {
        try {
          Pattern.compile(rule.path("pattern").asText(""));
        } catch (PatternSyntaxException ex) {
          throw ApiException.invalid(where + "invalid pattern.");
        }
        if (!rule.path("pattern").isTextual()) {
          throw ApiException.invalid(where + "a regex rule needs a pattern.");
        }
      }
      case "range" -> {
        if (!rule.path("minValue").isNumber() && !rule.path("maxValue").isNumber()) {
          throw ApiException.invalid(where + "a range rule needs minValue or maxValue.");
        }
      }
      default -> {}
    }
  }

  /** A family's definition with the overrides' rules replacing or adding to its own. */
  static ObjectNode merged(String familyDefinition, String overrides) {
    ObjectNode out = parse(familyDefinition).deepCopy();
    if (overrides != null && !overrides.isBlank()) {
      out.setAll(parse(overrides));
    }
    return out;
  }

  /**
   * Applies the definition to a Clusters API request (its JSON, changed in place): fixed values,
   * and default values when {@code applyDefaults}; refuses the request with every violation.
   */
  static void apply(ObjectNode definition, ObjectNode request, boolean applyDefaults) {
    List<String> problems = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = definition.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = e.getKey();
      if (path.equals("dbus_per_hour") || path.contains("*") || path.contains("[")) {
        continue;
      }
      check(path, e.getValue(), request, applyDefaults, problems);
    }
    if (!problems.isEmpty()) {
      throw ApiException.invalid(String.join("; ", problems));
    }
  }

  private static void check(
      String path, JsonNode rule, ObjectNode request, boolean applyDefaults, List<String> out) {
    boolean virtual = path.equals("cluster_type");
    JsonNode actual = virtual ? new TextNode("all-purpose") : read(request, path);
    boolean present = actual != null && !actual.isNull() && !actual.isMissingNode();
    String type = rule.get("type").asText();
    String failed = "Validation failed for " + path + ", ";
    if (type.equals("fixed")) {
      JsonNode value = rule.get("value");
      if (!present) {
        write(request, path, value);
      } else if (!same(actual, value)) {
        out.add(
            failed + "the value must be " + value.asText() + " (is \"" + actual.asText() + "\")");
      }
      return;
    }
    if (type.equals("forbidden")) {
      if (present) {
        out.add(failed + "the value must not be present (is \"" + actual.asText() + "\")");
      }
      return;
    }
    if (!present) {
      if (applyDefaults && rule.has("defaultValue")) {
        write(request, path, resolve(path, rule.get("defaultValue")));
      } else if (!rule.path("isOptional").asBoolean(false)) {
        out.add(
            mapKey(path) != null
                ? "Validation failed for "
                    + mapKey(path)[0]
                    + ", "
                    + mapKey(path)[1]
                    + " must be present"
                : failed + "the value must be present");
      }
      return;
    }
    String is = " (is \"" + actual.asText() + "\")";
    switch (type) {
      case "allowlist" -> {
        if (!contains(rule.get("values"), actual)) {
          out.add(failed + "the value must be one of " + list(rule.get("values")) + is);
        }
      }
      case "blocklist" -> {
        if (contains(rule.get("values"), actual)) {
          out.add(failed + "the value must not be one of " + list(rule.get("values")) + is);
        }
      }
      case "regex" -> {
        // "The regex is always anchored to the beginning and end of the string value"
        if (!Pattern.compile(rule.get("pattern").asText()).matcher(actual.asText()).matches()) {
          out.add(
              failed
                  + "the value must match the regular expression "
                  + rule.get("pattern").asText()
                  + is);
        }
      }
      case "range" -> {
        BigDecimal v = number(actual);
        if (v == null) {
          out.add(failed + "the value must be a number" + is);
        } else if (rule.path("minValue").isNumber()
            && v.compareTo(rule.get("minValue").decimalValue()) < 0) {
          out.add(failed + "the value must be at least " + rule.get("minValue").asText() + is);
        } else if (rule.path("maxValue").isNumber()
            && v.compareTo(rule.get("maxValue").decimalValue()) > 0) {
          out.add(failed + "the value must be at most " + rule.get("maxValue").asText() + is);
        }
      }
      default -> {}
    }
  }

  /** {@code auto:latest-lts} and {@code auto:latest-lts-ml}, as a policy's default runtime. */
  private static JsonNode resolve(String path, JsonNode value) {
    if (path.equals("spark_version") && value.isTextual()) {
      switch (value.asText()) {
        case "auto:latest-lts", "auto:latest" -> {
          return new TextNode(ComputeOfferings.LATEST_LTS);
        }
        case "auto:latest-lts-ml", "auto:latest-ml" -> {
          return new TextNode(ComputeOfferings.LATEST_LTS.replace(".x-", ".x-cpu-ml-"));
        }
        default -> {}
      }
    }
    return value;
  }

  private static String[] mapKey(String path) {
    int dot = path.indexOf('.');
    return dot > 0 && MAPS.contains(path.substring(0, dot))
        ? new String[] {path.substring(0, dot), path.substring(dot + 1)}
        : null;
  }

  private static JsonNode read(ObjectNode request, String path) {
    String[] map = mapKey(path);
    if (map != null) {
      return request.path(map[0]).get(map[1]);
    }
    JsonNode node = request;
    for (String step : path.split("\\.")) {
      node = node.path(step);
    }
    return node.isMissingNode() ? null : node;
  }

  private static void write(ObjectNode request, String path, JsonNode value) {
    String[] map = mapKey(path);
    if (map != null) {
      ObjectNode m =
          request.path(map[0]).isObject()
              ? (ObjectNode) request.get(map[0])
              : request.putObject(map[0]);
      m.set(map[1], value.isTextual() ? value : new TextNode(value.asText()));
      return;
    }
    String[] steps = path.split("\\.");
    ObjectNode node = request;
    for (int i = 0; i < steps.length - 1; i++) {
      node =
          node.path(steps[i]).isObject()
              ? (ObjectNode) node.get(steps[i])
              : node.putObject(steps[i]);
    }
    node.set(steps[steps.length - 1], value);
  }

  private static boolean same(JsonNode a, JsonNode b) {
    BigDecimal x = number(a);
    BigDecimal y = number(b);
    if (x != null && y != null) {
      return x.compareTo(y) == 0;
    }
    return a.asText().equals(b.asText());
  }

  private static boolean contains(JsonNode values, JsonNode actual) {
    for (JsonNode v : values) {
      if (same(v, actual)) {
        return true;
      }
    }
    return false;
  }

  private static String list(JsonNode values) {
    List<String> out = new ArrayList<>();
    values.forEach(v -> out.add(v.asText()));
    return out.toString();
  }

  private static BigDecimal number(JsonNode n) {
    if (n.isNumber()) {
      return n.decimalValue();
    }
    if (n.isTextual()) {
      try {
        return new BigDecimal(n.asText().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }
}
