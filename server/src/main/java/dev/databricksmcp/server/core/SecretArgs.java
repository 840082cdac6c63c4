package dev.databricksmcp.server.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The arguments a tool declares secret ({@link Param#secret()}: {@code writeOnly} in its input
 * schema), kept out of everything the server writes: the audit line gets {@code [REDACTED]} in
 * their place, and their values are handed to the {@link Redactor} so that no result, error or log
 * line repeats them either (a value shorter than the redactor's minimum is too short to mask
 * without masking ordinary words; the audit line still never has it).
 */
public final class SecretArgs {
  static final String MASK = "[REDACTED]";

  private SecretArgs() {}

  /** The arguments with every secret one's value replaced by {@code [REDACTED]}. */
  public static Map<String, Object> masked(Map<String, Object> schema, Map<String, Object> args) {
    Map<String, Object> out = new LinkedHashMap<>(args);
    args.keySet()
        .forEach(
            name -> {
              if (isSecret(schema, name)) {
                out.put(name, MASK);
              }
            });
    return out;
  }

  /** Has the redactor mask the secret arguments' values wherever they would appear. */
  public static void hide(Map<String, Object> schema, Map<String, Object> args) {
    args.forEach(
        (name, value) -> {
          if (value != null && isSecret(schema, name)) {
            Redactor.registerCallerSecret(String.valueOf(value));
          }
        });
  }

  @SuppressWarnings("unchecked")
  private static boolean isSecret(Map<String, Object> schema, String name) {
    return schema.get("properties") instanceof Map<?, ?> properties
        && properties.get(name) instanceof Map<?, ?> property
        && Boolean.TRUE.equals(((Map<String, Object>) property).get("writeOnly"));
  }
}
