package dev.databricksmcp.server.core.patterns;

import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolHandler;
import dev.databricksmcp.server.core.ToolResult;
import java.util.Objects;
import java.util.function.Function;

/**
 * A get tool as a declaration: one object by its name or id (a checked {@link Param}), shown as the
 * API gives it or shaped, with a one-line message.
 *
 * @param <T> the API's object type
 */
public final class Lookup<T> implements ToolHandler {
  /** Fetches the object with this (checked) key. */
  @FunctionalInterface
  public interface Fetch<T> {
    T fetch(String key, ToolContext context) throws Exception;
  }

  private final Param<String> key;
  private final Fetch<T> fetch;
  private final Function<? super T, String> message;
  private final Function<? super T, ?> shape;

  private Lookup(
      Param<String> key,
      Fetch<T> fetch,
      Function<? super T, String> message,
      Function<? super T, ?> shape) {
    this.key = Objects.requireNonNull(key, "key");
    this.fetch = Objects.requireNonNull(fetch, "fetch");
    this.message = Objects.requireNonNull(message, "message");
    this.shape = shape;
  }

  /** Looks up by {@code key}; the result is the object as fetched, {@code message} says what. */
  public static <T> Lookup<T> of(
      Param<String> key, Fetch<T> fetch, Function<? super T, String> message) {
    return new Lookup<>(key, fetch, message, null);
  }

  /** The object shown as {@code shape} makes it (e.g. a detail view). */
  public Lookup<T> shape(Function<? super T, ?> shape) {
    return new Lookup<>(key, fetch, message, shape);
  }

  /** The key parameter. */
  public Param<String> key() {
    return key;
  }

  /** The input schema: the key. */
  public Schema.ObjectBuilder input() {
    return Schema.of(key);
  }

  @Override
  public ToolResult handle(Args args, ToolContext context) throws Exception {
    T found = fetch.fetch(key.of(args), context);
    return ToolResult.of(shape == null ? found : shape.apply(found), message.apply(found));
  }
}
