package dev.databricksmcp.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.server.testing.OfflineContext;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Observers see each call start on the handler's thread, with a scope held open around the handler
 * (where traces make their span current) and closed in reverse order, and end once with the
 * outcome: also for a call refused before its handler and one answered by the deadline watcher.
 */
@Timeout(30)
class CallObserverScopeTest {
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final OfflineContext ctx = new OfflineContext();

  private ToolInvoker.CallObserver observer(String name) {
    return new ToolInvoker.CallObserver() {
      @Override
      public ToolInvoker.Scope started(ToolDef tool, ToolContext context) {
        events.add(name + " started " + tool.name());
        return () -> events.add(name + " closed");
      }

      @Override
      public void ended(
          ToolDef tool,
          Map<String, Object> args,
          ToolContext context,
          CallToolResult result,
          long durationMs) {
        events.add(name + " ended " + ToolInvoker.outcomeOf(result));
      }
    };
  }

  /** The caller has its answer once delivered; the call's thread closes the scopes right after. */
  private void awaitClosed() throws InterruptedException {
    for (int i = 0; i < 200 && !events.contains("a closed"); i++) {
      Thread.sleep(25);
    }
  }

  private ToolInvoker invoker(boolean readOnly, Duration timeout) {
    return new ToolInvoker(
        readOnly,
        List.of(),
        4,
        tool -> timeout,
        ToolInvoker.CallObserver.all(List.of(observer("a"), observer("b"))));
  }

  private static ToolDef tool(ToolHints hints, ToolHandler handler) {
    return ToolDef.builder("test", "observed_tool")
        .title("Observed")
        .description("A test tool.")
        .input(Schema.object())
        .hints(hints)
        .handler(handler)
        .build();
  }

  @Test
  void theHandlerRunsInsideEveryScopeAndScopesCloseInReverse() throws Exception {
    ToolDef tool =
        tool(
            ToolHints.read(),
            (args, context) -> {
              events.add("handler");
              return ToolResult.of("done", "done");
            });
    invoker(false, Duration.ofSeconds(10)).invoke(tool, Map.of(), ctx);
    awaitClosed();
    assertThat(events)
        .containsExactly(
            "a started observed_tool",
            "b started observed_tool",
            "handler",
            "a ended success",
            "b ended success",
            "b closed",
            "a closed");
  }

  @Test
  void aRefusedCallIsStartedClosedAndEndedWithItsErrorCode() throws Exception {
    ToolDef write = tool(ToolHints.write(false), (args, context) -> ToolResult.of("x", "x"));
    invoker(true, Duration.ofSeconds(10)).invoke(write, Map.of(), ctx);
    awaitClosed();
    assertThat(events)
        .containsExactly(
            "a started observed_tool",
            "b started observed_tool",
            "a ended READ_ONLY",
            "b ended READ_ONLY",
            "b closed",
            "a closed");
  }

  @Test
  void aCallPastItsDeadlineEndsWithTimeoutBeforeItsScopeCloses() throws Exception {
    ToolDef slow =
        tool(
            ToolHints.read(),
            (args, context) -> {
              Thread.sleep(10_000);
              return ToolResult.of("late", "late");
            });
    CallToolResult result = invoker(false, Duration.ofMillis(200)).invoke(slow, Map.of(), ctx);
    assertThat(ToolInvoker.outcomeOf(result)).isEqualTo("TIMEOUT");
    // the handler is interrupted; its thread then closes the scopes
    awaitClosed();
    assertThat(events)
        .containsExactly(
            "a started observed_tool",
            "b started observed_tool",
            "a ended TIMEOUT",
            "b ended TIMEOUT",
            "b closed",
            "a closed");
  }
}
