package dev.databricksmcp.server.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tool call's arguments with typed accessors. Every failure is a VALIDATION_ERROR naming the
 * field, so the model can correct its call. Shapes were already checked against the schema by
 * {@link ArgsValidator}, and {@code "10"} and {@code "true"} coerced; these accessors add the
 * semantic checks, and coerce the same way for arguments that did not pass through it.
 */
public final class Args {
  private final Map<String, Object> values;

  public Args(Map<String, Object> values) {
    this.values = values == null ? Map.of() : Map.copyOf(withoutNulls(values));
  }

  private static Map<String, Object> withoutNulls(Map<String, Object> in) {
    java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
    in.forEach(
        (k, v) -> {
          if (v != null) {
            out.put(k, v);
          }
        });
    return out;
  }

  public Map<String, Object> asMap() {
    return values;
  }

  /**
   * These arguments with the string {@code name} replaced by {@code change} of it (a name resolved
   * to an id, say); the same arguments when it is absent, blank or unchanged.
   */
  public Args withString(String name, java.util.function.UnaryOperator<String> change) {
    if (!(values.get(name) instanceof String given) || given.isBlank()) {
      return this;
    }
    String changed = change.apply(given);
    if (changed.equals(given)) {
      return this;
    }
    Map<String, Object> copy = new java.util.LinkedHashMap<>(values);
    copy.put(name, changed);
    return new Args(copy);
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public String string(String name) {
    return optionalString(name).orElseThrow(() -> ToolException.validation(name, "is required"));
  }

  public Optional<String> optionalString(String name) {
    Object v = values.get(name);
    if (v == null) {
      return Optional.empty();
    }
    String number = ArgsValidator.wholeNumberText(v);
    if (number != null) {
      return Optional.of(number);
    }
    if (!(v instanceof String s)) {
      throw ToolException.validation(name, "must be a string");
    }
    if (s.isBlank()) {
      throw ToolException.validation(name, "must not be empty");
    }
    return Optional.of(s);
  }

  public String string(String name, String defaultValue) {
    return optionalString(name).orElse(defaultValue);
  }

  public Optional<Integer> optionalInt(String name, int min, int max) {
    Object v = values.get(name);
    if (v == null) {
      return Optional.empty();
    }
    long n = ArgsValidator.wholeNumber(name, v).longValue();
    if (n < min || n > max) {
      throw ToolException.validation(
          name, "must be between " + min + " and " + max + " (got " + n + ")");
    }
    return Optional.of((int) n);
  }

  public int integer(String name, int defaultValue, int min, int max) {
    return optionalInt(name, min, max).orElse(defaultValue);
  }

  public boolean bool(String name, boolean defaultValue) {
    Object v = values.get(name);
    if (v == null) {
      return defaultValue;
    }
    return ArgsValidator.bool(name, v);
  }

  public List<String> stringList(String name) {
    Object v = values.get(name);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
      throw ToolException.validation(name, "must be a list of strings");
    }
    return list.stream().map(String.class::cast).toList();
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> object(String name) {
    Object v = values.get(name);
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw ToolException.validation(name, "must be an object");
    }
    return (Map<String, Object>) m;
  }

  /** One of the allowed values, case-insensitive, returned upper-case. */
  public Optional<String> choice(String name, List<String> allowed) {
    return optionalString(name)
        .map(
            s -> {
              String upper = s.trim().toUpperCase(java.util.Locale.ROOT);
              if (allowed.stream().noneMatch(a -> a.equalsIgnoreCase(upper))) {
                throw ToolException.validation(
                    name, "must be one of " + allowed + " (got '" + s + "')");
              }
              return upper;
            });
  }
}
