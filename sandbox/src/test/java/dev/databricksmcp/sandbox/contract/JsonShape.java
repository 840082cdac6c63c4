package dev.databricksmcp.sandbox.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A documented response shape, written like the examples of the Databricks API reference: each
 * value stands for its type, and the matcher checks an actual answer against it.
 *
 * <ul>
 *   <li>a string stands for a string; {@code "A|B|C"} for one of those enum values; a trailing
 *       {@code ?} ({@code "string?"}) allows JSON null (SQL NULL in a result row); {@code "@Name"}
 *       refers to the shape in {@code contract/shapes/Name.json}
 *   <li>an integer ({@code 0}) for an integral number, a fraction ({@code 0.5}) for any number,
 *       {@code true} for a boolean
 *   <li>an object for an object with only those fields (all optional unless {@link #required}); the
 *       empty object {@code {}} for any object (a string map such as {@code properties})
 *   <li>a one-element array for an array of such elements; {@code []} for any array
 *   <li>{@code null} for anything
 * </ul>
 *
 * An actual field the shape does not list is a failure ("undocumented field"): the sandbox must not
 * invent fields. A JSON null where the shape has a type is a failure too: Databricks omits an
 * absent field (every response field of the OpenAPI spec is optional, and its SDKs drop empty ones
 * with {@code omitempty}), it does not send null.
 */
final class JsonShape {
  private static final ObjectMapper PLAIN = new ObjectMapper();

  private final String name;
  private final JsonNode shape;
  private final List<String> required;

  private JsonShape(String name, JsonNode shape, List<String> required) {
    this.name = name;
    this.shape = shape;
    this.required = required;
  }

  /** The shape in {@code contract/shapes/<name>.json} (its {@code "shape"} member). */
  static JsonShape named(String name) {
    return new JsonShape(name, load(name), List.of());
  }

  /** A shape written inline, for small answers. */
  static JsonShape of(String json) {
    try {
      return new JsonShape("inline", PLAIN.readTree(json), List.of());
    } catch (IOException e) {
      throw new IllegalArgumentException("bad shape " + json, e);
    }
  }

  /**
   * Fields that must be present: dotted paths, {@code []} for every element of an array, e.g.
   * {@code "catalogs[].name"}.
   */
  JsonShape required(String... paths) {
    List<String> all = new ArrayList<>(required);
    all.addAll(Arrays.asList(paths));
    return new JsonShape(name, shape, List.copyOf(all));
  }

  /** Fails with every mismatch listed. */
  void check(JsonNode actual) {
    List<String> problems = new ArrayList<>();
    match(shape, actual, "$", problems);
    for (String path : required) {
      present(actual, path.split("\\."), 0, "$", problems);
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(
          "answer does not match the documented shape "
              + name
              + ":\n  "
              + String.join("\n  ", problems)
              + "\nanswer: "
              + actual);
    }
  }

  private static void match(JsonNode shape, JsonNode actual, String path, List<String> problems) {
    if (shape.isNull()) {
      return;
    }
    if (shape.isTextual() && shape.asText().startsWith("@")) {
      match(load(shape.asText().substring(1)), actual, path, problems);
      return;
    }
    if (actual.isNull()) {
      if (!(shape.isTextual() && shape.asText().endsWith("?"))) {
        problems.add(path + ": null, where Databricks omits an absent field");
      }
      return;
    }
    if (shape.isTextual()) {
      matchString(shape.asText(), actual, path, problems);
    } else if (shape.isIntegralNumber()) {
      expect(actual.isIntegralNumber(), "an integer", actual, path, problems);
    } else if (shape.isNumber()) {
      expect(actual.isNumber(), "a number", actual, path, problems);
    } else if (shape.isBoolean()) {
      expect(actual.isBoolean(), "a boolean", actual, path, problems);
    } else if (shape.isArray()) {
      if (expect(actual.isArray(), "an array", actual, path, problems) && shape.size() == 1) {
        for (int i = 0; i < actual.size(); i++) {
          match(shape.get(0), actual.get(i), path + "[" + i + "]", problems);
        }
      }
    } else if (shape.isObject()) {
      if (expect(actual.isObject(), "an object", actual, path, problems) && shape.size() > 0) {
        for (Iterator<Map.Entry<String, JsonNode>> it = actual.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          JsonNode documented = shape.get(field.getKey());
          if (documented == null) {
            problems.add(path + "." + field.getKey() + ": undocumented field");
          } else {
            match(documented, field.getValue(), path + "." + field.getKey(), problems);
          }
        }
      }
    }
  }

  private static void matchString(String spec, JsonNode actual, String path, List<String> out) {
    if (!expect(actual.isTextual(), "a string", actual, path, out)) {
      return;
    }
    String type = spec.endsWith("?") ? spec.substring(0, spec.length() - 1) : spec;
    if (type.contains("|") && !Arrays.asList(type.split("\\|")).contains(actual.asText())) {
      out.add(path + ": '" + actual.asText() + "' is none of the documented values " + type);
    }
  }

  private static boolean expect(
      boolean ok, String what, JsonNode actual, String path, List<String> problems) {
    if (!ok) {
      problems.add(path + ": expected " + what + ", got " + actual.getNodeType() + " " + actual);
    }
    return ok;
  }

  private static void present(
      JsonNode node, String[] steps, int i, String path, List<String> problems) {
    if (i == steps.length) {
      return;
    }
    String step = steps[i];
    boolean each = step.endsWith("[]");
    String field = each ? step.substring(0, step.length() - 2) : step;
    JsonNode child = node.get(field);
    if (child == null || child.isNull()) {
      problems.add(path + "." + field + ": required field missing");
      return;
    }
    if (each) {
      for (int k = 0; k < child.size(); k++) {
        present(child.get(k), steps, i + 1, path + "." + field + "[" + k + "]", problems);
      }
    } else {
      present(child, steps, i + 1, path + "." + field, problems);
    }
  }

  private static JsonNode load(String name) {
    String resource = "/contract/shapes/" + name + ".json";
    try (InputStream in = JsonShape.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no shape " + resource);
      }
      JsonNode file = PLAIN.readTree(in);
      if (!file.has("shape") || !file.has("source")) {
        throw new IllegalArgumentException(resource + " needs a 'source' and a 'shape'");
      }
      return file.get("shape");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + resource, e);
    }
  }
}
