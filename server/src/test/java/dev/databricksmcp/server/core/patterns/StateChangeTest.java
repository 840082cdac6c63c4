package dev.databricksmcp.server.core.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Params;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.WorkHandle;
import dev.databricksmcp.server.testing.RecordingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Start/stop: ask, record the handle, then wait through the resource's own Await, if any. */
class StateChangeTest {
  private static final Param<String> ID = Params.id("thing_id", "Thing id");
  private static final Param<Integer> WAIT =
      Param.integer("wait_seconds", "Wait ({min}-{max})").range(0, 120).withDefault(30);

  private final List<String> events = new ArrayList<>();

  private StateChange change() {
    return StateChange.of("start thing", ID, (id, ctx) -> events.add("start " + id))
        .tracking(id -> new WorkHandle("thing_id", id, "get_thing"));
  }

  private StateChange waiting() {
    return change()
        .awaiting(
            WAIT,
            (id, wait, ctx) -> {
              events.add("await " + id + " " + wait);
              return ToolResult.of(Map.of("state", "RUNNING"), "Thing " + id + " is RUNNING.");
            });
  }

  @Test
  void withoutAnAwaitItAnswersOnceAsked() throws Exception {
    RecordingContext ctx = new RecordingContext();
    ToolResult r = change().handle(new Args(Map.of("thing_id", "t1")), ctx);

    assertThat(events).containsExactly("start t1");
    assertThat(ctx.tracked).containsExactly(new WorkHandle("thing_id", "t1", "get_thing"));
    assertThat(r.data()).isEqualTo(Map.of("thing_id", "t1", "requested", "start thing"));
    assertThat(r.message()).isEqualTo("Asked to start thing t1.");
    assertThat(change().params()).containsExactly(ID);
  }

  @Test
  void withAnAwaitItWaitsTheDefaultAfterAsking() throws Exception {
    RecordingContext ctx = new RecordingContext();
    ToolResult r = waiting().handle(new Args(Map.of("thing_id", "t1")), ctx);

    assertThat(events).containsExactly("start t1", "await t1 " + Duration.ofSeconds(30));
    assertThat(ctx.tracked).hasSize(1);
    assertThat(r.message()).isEqualTo("Thing t1 is RUNNING.");
  }

  @Test
  void theCallersWaitIsPassedOnAndZeroMeansJustLook() throws Exception {
    waiting().handle(new Args(Map.of("thing_id", "t1", "wait_seconds", 0)), new RecordingContext());
    waiting()
        .handle(new Args(Map.of("thing_id", "t2", "wait_seconds", 120)), new RecordingContext());

    assertThat(events)
        .containsExactly(
            "start t1",
            "await t1 " + Duration.ZERO,
            "start t2",
            "await t2 " + Duration.ofSeconds(120));
  }

  @Test
  void aBadWaitOrIdChangesNothing() {
    assertThatThrownBy(
            () ->
                waiting()
                    .handle(
                        new Args(Map.of("thing_id", "t1", "wait_seconds", 121)),
                        new RecordingContext()))
        .isInstanceOf(ToolException.class)
        .hasMessage("wait_seconds: must be between 0 and 120 (got 121)");
    assertThatThrownBy(
            () -> waiting().handle(new Args(Map.of("thing_id", "a b")), new RecordingContext()))
        .isInstanceOf(ToolException.class);
    assertThat(events).isEmpty();
  }

  @Test
  void withoutTrackingNothingIsTracked() throws Exception {
    RecordingContext ctx = new RecordingContext();
    StateChange.of("stop thing", ID, (id, c) -> events.add("stop " + id))
        .handle(new Args(Map.of("thing_id", "t1")), ctx);
    assertThat(ctx.tracked).isEmpty();
    assertThat(events).containsExactly("stop t1");
  }

  @SuppressWarnings("unchecked")
  @Test
  void theSchemaIsTheIdAndTheWait() {
    Map<String, Object> schema = waiting().input().build();
    assertThat(((Map<String, ?>) schema.get("properties")).keySet())
        .containsExactly("thing_id", "wait_seconds");
    assertThat(schema.get("required")).isEqualTo(List.of("thing_id"));
    assertThatThrownBy(() -> change().awaiting(WAIT.optional(), (id, w, c) -> null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
