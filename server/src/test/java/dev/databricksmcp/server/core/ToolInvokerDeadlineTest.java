package dev.databricksmcp.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.server.testing.OfflineContext;
import dev.databricksmcp.server.tools.workspace.WorkspaceToolset;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Handlers run on the caller's thread, and a call is answered by its deadline even when its handler
 * ignores the interrupt — once, with one audit record — and the thread comes back uninterrupted.
 */
@Timeout(30)
class ToolInvokerDeadlineTest {
  private final List<String> audited = new CopyOnWriteArrayList<>();

  private ToolInvoker invoker(Duration timeout) {
    return new ToolInvoker(
        false,
        List.of(),
        8,
        tool -> timeout,
        (tool, args, ctx, result, ms) -> audited.add(ToolInvoker.outcomeOf(result)));
  }

  private static ToolDef tool(ToolHandler handler) {
    return ToolDef.builder(WorkspaceToolset.ID, "test_tool")
        .title("Test")
        .description("A test tool.")
        .hints(ToolHints.read())
        .handler(handler)
        .build();
  }

  @Test
  void theHandlerRunsOnTheThreadThatSubscribes() {
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    CallToolResult result =
        invoker(Duration.ofSeconds(5))
            .call(
                tool(
                    (args, ctx) -> {
                      ranOn.set(Thread.currentThread());
                      return ToolResult.of("ok", "ok");
                    }),
                Map.of(),
                new OfflineContext())
            .block();

    assertThat(result.isError()).isFalse();
    assertThat(ranOn.get()).isSameAs(Thread.currentThread());
    assertThat(audited).containsExactly("success");
  }

  @Test
  void theHandlerSeesItsCallsDeadlineAndItsWaitsEndAMarginBeforeIt() {
    AtomicReference<CallDeadline> seen = new AtomicReference<>();
    invoker(Duration.ofSeconds(5))
        .invoke(
            tool(
                (args, ctx) -> {
                  seen.set(ctx.deadline());
                  return ToolResult.of("ok", "ok");
                }),
            Map.of(),
            new OfflineContext());

    assertThat(seen.get().remaining()).isLessThanOrEqualTo(Duration.ofSeconds(5));
    assertThat(seen.get().cap(Duration.ofMinutes(5)))
        .as("a wait longer than the call")
        .isLessThanOrEqualTo(Duration.ofSeconds(4));
    assertThat(new OfflineContext().deadline().remaining())
        .as("outside the invoker")
        .isGreaterThan(Duration.ofDays(300));
  }

  @Test
  void aHandlerThatIgnoresTheInterruptIsAnsweredAtItsDeadlineAndItsLateAnswerDropped()
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<Boolean> interruptedInHandler = new AtomicReference<>();
    AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
    CountDownLatch threadDone = new CountDownLatch(1);
    // waits as a blocking socket read does: an interrupt neither ends the wait nor is cleared by it
    ToolDef stubborn =
        tool(
            (args, ctx) -> {
              while (release.getCount() > 0) {
                LockSupport.parkNanos(1_000_000);
                if (Thread.currentThread().isInterrupted()) {
                  interruptedInHandler.set(true);
                }
              }
              return ToolResult.of("late", "late");
            });
    AtomicReference<CallToolResult> answer = new AtomicReference<>();
    CountDownLatch answered = new CountDownLatch(1);
    long start = System.nanoTime();
    Thread caller =
        new Thread(
            () -> {
              invoker(Duration.ofSeconds(1))
                  .call(stubborn, Map.of(), new OfflineContext())
                  .subscribe(
                      r -> {
                        answer.set(r);
                        answered.countDown();
                      });
              interruptedAfter.set(Thread.currentThread().isInterrupted());
              threadDone.countDown();
            });
    caller.start();

    assertThat(answered.await(5, TimeUnit.SECONDS))
        .as("answered while the handler is still running")
        .isTrue();
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(elapsedMs).isBetween(900L, 4000L);
    assertThat(answer.get().isError()).isTrue();
    assertThat(((Map<?, ?>) answer.get().structuredContent()).get("error_code"))
        .isEqualTo("TIMEOUT");
    assertThat(threadDone.getCount()).as("the handler is still running").isEqualTo(1);
    long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (interruptedInHandler.get() == null && System.nanoTime() < waitUntil) {
      Thread.sleep(10);
    }
    assertThat(interruptedInHandler.get()).as("the handler was interrupted").isTrue();

    release.countDown();
    assertThat(threadDone.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(interruptedAfter.get()).as("the caller's thread comes back uninterrupted").isFalse();
    assertThat(audited).containsExactly("TIMEOUT");
  }

  @Test
  void anInterruptibleHandlerStopsAndTheBlockingFormReturnsAtTheDeadline() {
    CallToolResult result =
        invoker(Duration.ofSeconds(1))
            .invoke(
                tool(
                    (args, ctx) -> {
                      Thread.sleep(60_000);
                      return ToolResult.of("late", "late");
                    }),
                Map.of(),
                new OfflineContext());

    assertThat(((Map<?, ?>) result.structuredContent()).get("error_code")).isEqualTo("TIMEOUT");
    assertThat(audited).containsExactly("TIMEOUT");
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }
}
