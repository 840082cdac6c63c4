package dev.databricksmcp.server.core.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.ConfirmationTarget;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.testing.RecordingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The target is resolved once, shown in the confirmation, and that same object is deleted. */
class DeletionTest {
  private record Thing(String name, int generation) {}

  private final AtomicInteger lookups = new AtomicInteger();
  private final List<Thing> deleted = new ArrayList<>();

  private Deletion<Thing> deletion() {
    return Deletion.of(
        (args, ctx) -> new Thing(args.string("name"), lookups.incrementAndGet()),
        (t, args, ctx) ->
            new ConfirmationTarget(
                "delete " + t.name() + " in " + ctx.workspaceHost(),
                t.name() + "|" + t.generation()),
        (t, args, ctx) -> {
          deleted.add(t);
          return ToolResult.of(Map.of("name", t.name(), "deleted", true), "Deleted " + t.name());
        });
  }

  @Test
  void theConfirmedTargetIsTheOneDeletedWithoutASecondLookup() throws Exception {
    Deletion<Thing> d = deletion();
    Args args = new Args(Map.of("name", "t"));
    RecordingContext ctx = new RecordingContext();

    ConfirmationTarget target = d.describe(args, ctx);
    ToolResult r = d.handle(args, ctx);

    assertThat(target.description()).isEqualTo("delete t in https://test.example");
    assertThat(target.fingerprint()).isEqualTo("t|1");
    assertThat(lookups).hasValue(1);
    assertThat(deleted).containsExactly(new Thing("t", 1));
    assertThat(r.message()).isEqualTo("Deleted t");
  }

  @Test
  void withoutAConfirmationTheHandlerResolvesItself() throws Exception {
    Deletion<Thing> d = deletion();
    d.handle(new Args(Map.of("name", "t")), new RecordingContext());

    assertThat(lookups).hasValue(1);
    assertThat(deleted).containsExactly(new Thing("t", 1));
  }

  @Test
  void eachCallResolvesItsOwnTarget() throws Exception {
    Deletion<Thing> d = deletion();
    Args first = new Args(Map.of("name", "a"));
    Args second = new Args(Map.of("name", "a"));
    RecordingContext ctx = new RecordingContext();

    d.describe(first, ctx);
    d.describe(second, ctx);
    d.handle(second, ctx);
    d.handle(first, ctx);

    assertThat(deleted).containsExactly(new Thing("a", 2), new Thing("a", 1));
  }

  @Test
  void aResolvedTargetIsUsedOnceOnly() throws Exception {
    Deletion<Thing> d = deletion();
    Args args = new Args(Map.of("name", "t"));
    RecordingContext ctx = new RecordingContext();

    d.describe(args, ctx);
    d.handle(args, ctx);
    d.handle(args, ctx);

    assertThat(deleted).containsExactly(new Thing("t", 1), new Thing("t", 2));
  }
}
