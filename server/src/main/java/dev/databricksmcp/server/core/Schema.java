package dev.databricksmcp.server.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small builder for the JSON Schemas of tool inputs. Hand-written schemas stay short, which keeps
 * the tool list cheap in a model's context.
 */
public final class Schema {
  private Schema() {}

  public static ObjectBuilder object() {
    return new ObjectBuilder();
  }

  /** An object schema of declared parameters, in this order. */
  public static ObjectBuilder of(Param<?>... params) {
    return new ObjectBuilder().params(params);
  }

  /** Adds the optional confirmation_token every destructive tool accepts. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> withConfirmationToken(Map<String, Object> schema) {
    Map<String, Object> out = new LinkedHashMap<>(schema);
    Map<String, Object> properties =
        new LinkedHashMap<>((Map<String, Object>) schema.getOrDefault("properties", Map.of()));
    Map<String, Object> token = new LinkedHashMap<>();
    token.put("type", "string");
    token.put(
        "description",
        "Token from a CONFIRMATION_REQUIRED result; repeat the call with it to proceed");
    properties.put(ToolDef.CONFIRMATION_TOKEN, token);
    out.put("properties", properties);
    return out;
  }

  /** An object schema: properties in declaration order, required ones listed. */
  public static final class ObjectBuilder {
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final List<String> required = new ArrayList<>();

    public ObjectBuilder string(String name, String description, boolean required) {
      return property(name, prop("string", description), required);
    }

    /** A string longer than the default cap of {@link ArgsValidator} (SQL text, file content). */
    public ObjectBuilder longString(
        String name, String description, int maxLength, boolean required) {
      Map<String, Object> p = prop("string", description);
      p.put("maxLength", maxLength);
      return property(name, p, required);
    }

    public ObjectBuilder enumeration(
        String name, String description, List<String> values, boolean required) {
      Map<String, Object> p = prop("string", description);
      p.put("enum", List.copyOf(values));
      return property(name, p, required);
    }

    public ObjectBuilder integer(
        String name, String description, Integer min, Integer max, boolean required) {
      Map<String, Object> p = prop("integer", description);
      if (min != null) {
        p.put("minimum", min);
      }
      if (max != null) {
        p.put("maximum", max);
      }
      return property(name, p, required);
    }

    public ObjectBuilder bool(String name, String description) {
      return property(name, prop("boolean", description), false);
    }

    public ObjectBuilder stringArray(String name, String description, boolean required) {
      Map<String, Object> p = prop("array", description);
      p.put("items", Map.of("type", "string"));
      return property(name, p, required);
    }

    /** A free-form object (e.g. named SQL parameters). */
    public ObjectBuilder map(String name, String description, boolean required) {
      return property(name, prop("object", description), required);
    }

    public ObjectBuilder property(String name, Map<String, Object> schema, boolean isRequired) {
      if (properties.put(name, schema) != null) {
        throw new IllegalArgumentException("duplicate property " + name);
      }
      if (isRequired) {
        required.add(name);
      }
      return this;
    }

    /** A declared parameter: its schema, required or not. */
    public ObjectBuilder param(Param<?> param) {
      return property(param.name(), param.schema(), param.isRequired());
    }

    /** Declared parameters, in this order. */
    public ObjectBuilder params(Param<?>... params) {
      for (Param<?> p : params) {
        param(p);
      }
      return this;
    }

    /** Declared parameters, in this order. */
    public ObjectBuilder params(List<? extends Param<?>> params) {
      params.forEach(this::param);
      return this;
    }

    public Map<String, Object> build() {
      Map<String, Object> schema = new LinkedHashMap<>();
      schema.put("type", "object");
      schema.put("properties", new LinkedHashMap<>(properties));
      if (!required.isEmpty()) {
        schema.put("required", List.copyOf(required));
      }
      schema.put("additionalProperties", false);
      return schema;
    }

    private static Map<String, Object> prop(String type, String description) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("type", type);
      p.put("description", description);
      return p;
    }
  }
}
