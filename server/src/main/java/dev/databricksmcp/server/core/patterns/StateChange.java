package dev.databricksmcp.server.core.patterns;

import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolHandler;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.WorkHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A start/stop tool as a declaration: ask for the change on the object with this id, record the
 * handle (so a failure or TIMEOUT says how to check), then, when an {@link Await} is declared, wait
 * up to the caller's {@code wait_seconds} for the new state through it. Without one the tool
 * answers as soon as the change was asked for.
 */
public final class StateChange implements ToolHandler {
  /** Asks Databricks for the change. */
  @FunctionalInterface
  public interface Act {
    void change(String id, ToolContext context) throws Exception;
  }

  /**
   * Waits up to {@code wait} (zero: just read the state once) for the new state and answers with
   * the state reached. How to wait is the resource's own.
   */
  @FunctionalInterface
  public interface Await {
    ToolResult await(String id, Duration wait, ToolContext context) throws Exception;
  }

  private final String action;
  private final Param<String> id;
  private final Act act;
  private final Function<String, WorkHandle> handle;
  private final Param<Integer> waitSeconds;
  private final Await await;

  private StateChange(
      String action,
      Param<String> id,
      Act act,
      Function<String, WorkHandle> handle,
      Param<Integer> waitSeconds,
      Await await) {
    this.action = Objects.requireNonNull(action, "action");
    this.id = Objects.requireNonNull(id, "id");
    this.act = Objects.requireNonNull(act, "act");
    this.handle = handle;
    this.waitSeconds = waitSeconds;
    this.await = await;
    if (waitSeconds != null && waitSeconds.defaultValue().isEmpty()) {
      throw new IllegalArgumentException(waitSeconds.name() + ": a wait needs a default");
    }
  }

  /**
   * @param action what is asked, for the message: e.g. "start warehouse"
   * @param id the object's id parameter
   */
  public static StateChange of(String action, Param<String> id, Act act) {
    return new StateChange(action, id, act, null, null, null);
  }

  /** Records this handle as soon as the change was asked for. */
  public StateChange tracking(Function<String, WorkHandle> handleOf) {
    return new StateChange(action, id, act, handleOf, waitSeconds, await);
  }

  /** Waits up to {@code seconds} (a parameter with a default) for the new state. */
  public StateChange awaiting(Param<Integer> seconds, Await waiter) {
    return new StateChange(
        action, id, act, handle, Objects.requireNonNull(seconds), Objects.requireNonNull(waiter));
  }

  /** The parameters: the id, and the wait when there is one. */
  public List<Param<?>> params() {
    List<Param<?>> all = new ArrayList<>();
    all.add(id);
    if (waitSeconds != null) {
      all.add(waitSeconds);
    }
    return all;
  }

  /** The input schema. */
  public Schema.ObjectBuilder input() {
    return Schema.object().params(params());
  }

  @Override
  public ToolResult handle(Args args, ToolContext context) throws Exception {
    String target = id.of(args);
    Duration wait = waitSeconds == null ? null : Duration.ofSeconds(waitSeconds.of(args));
    act.change(target, context);
    if (handle != null) {
      context.track(handle.apply(target));
    }
    if (await != null) {
      return await.await(target, wait, context);
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put(id.name(), target);
    data.put("requested", action);
    return ToolResult.of(data, "Asked to " + action + " " + target + ".");
  }
}
