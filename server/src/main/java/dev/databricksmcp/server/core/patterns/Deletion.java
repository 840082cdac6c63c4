package dev.databricksmcp.server.core.patterns;

import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.ConfirmationTarget;
import dev.databricksmcp.server.core.TargetDescriber;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolHandler;
import dev.databricksmcp.server.core.ToolResult;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;

/**
 * A delete tool as a declaration: the target is resolved once per call (looked up by its name or
 * id), that object is what the confirmation shows and fingerprints, and that same object is what
 * the deletion acts on. Use it as both the tool's {@link TargetDescriber} and its {@link
 * ToolHandler}: {@code .confirmTarget(deletion).handler(deletion)}.
 *
 * <p>The confirmation gate describes the target with the call's {@link Args} before the handler
 * runs with the same Args; the resolved target is kept for that Args (weakly, so a call that ends
 * at the confirmation leaves nothing behind). A handler run without a confirmation (no gate, or
 * called directly) resolves the target itself.
 *
 * @param <T> what a target resolves to (the API's object)
 */
public final class Deletion<T> implements TargetDescriber, ToolHandler {
  /** Looks up the object the call names. */
  @FunctionalInterface
  public interface Resolve<T> {
    T resolve(Args args, ToolContext context) throws Exception;
  }

  /** The words and fingerprint of the confirmation, from the resolved object. */
  @FunctionalInterface
  public interface Describe<T> {
    ConfirmationTarget describe(T target, Args args, ToolContext context) throws Exception;
  }

  /** Deletes the resolved object. */
  @FunctionalInterface
  public interface Act<T> {
    ToolResult delete(T target, Args args, ToolContext context) throws Exception;
  }

  private final Resolve<T> resolve;
  private final Describe<T> describe;
  private final Act<T> act;
  private final Map<Args, T> resolved = Collections.synchronizedMap(new WeakHashMap<>());

  private Deletion(Resolve<T> resolve, Describe<T> describe, Act<T> act) {
    this.resolve = Objects.requireNonNull(resolve, "resolve");
    this.describe = Objects.requireNonNull(describe, "describe");
    this.act = Objects.requireNonNull(act, "act");
  }

  public static <T> Deletion<T> of(Resolve<T> resolve, Describe<T> describe, Act<T> act) {
    return new Deletion<>(resolve, describe, act);
  }

  @Override
  public ConfirmationTarget describe(Args args, ToolContext context) throws Exception {
    T target = resolve.resolve(args, context);
    resolved.put(args, target);
    return describe.describe(target, args, context);
  }

  @Override
  public ToolResult handle(Args args, ToolContext context) throws Exception {
    T target = resolved.remove(args);
    if (target == null) {
      target = resolve.resolve(args, context);
    }
    return act.delete(target, args, context);
  }
}
