package dev.databricksmcp.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.server.testing.OfflineContext;
import dev.databricksmcp.server.tools.catalog.CacheKey;
import dev.databricksmcp.server.tools.catalog.MetadataCache;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The invoker, not each handler, clears the shared caches after a write tool ran: whatever the
 * outcome (success, tool error, exception, timeout), since the change may have happened; and never
 * for a read tool or a call refused before its handler started.
 */
@Timeout(30)
class WritesClearSharedCachesTest {
  private final SharedServices services = new SharedServices();
  private final MetadataCache cache =
      services.get(
          MetadataCache.class, () -> new MetadataCache(Duration.ofMinutes(5), System::nanoTime));
  private final Counting counting = services.get(Counting.class, Counting::new);
  private final OfflineContext ctx = new OfflineContext();

  /** A shared service that only counts what it is told. */
  static final class Counting implements WriteListener {
    final AtomicInteger writes = new AtomicInteger();

    @Override
    public void afterWrite(ToolDef tool) {
      writes.incrementAndGet();
    }
  }

  private ToolInvoker invoker(boolean readOnly, List<CallPolicy> policies, Duration timeout) {
    return new ToolInvoker(
        readOnly, policies, 8, tool -> timeout, (t, a, c, r, ms) -> {}, services);
  }

  private ToolInvoker invoker() {
    return invoker(false, List.of(), Duration.ofSeconds(10));
  }

  private static ToolDef tool(ToolHints hints, ToolHandler handler) {
    return ToolDef.builder("test", "test_tool")
        .title("Test")
        .description("A test tool.")
        .input(Schema.object().string("name", "A name.", false))
        .hints(hints)
        .handler(handler)
        .build();
  }

  private static ToolDef write(ToolHandler handler) {
    return tool(ToolHints.write(false), handler);
  }

  /** Puts one entry in the cache, as a read tool would. */
  private void cacheSomething() throws Exception {
    cache.get(ctx, new CacheKey.Schemas("main", 50, null), () -> List.of("t1"));
    assertThat(cache.size()).isEqualTo(1);
  }

  private static boolean isError(CallToolResult r) {
    return Boolean.TRUE.equals(r.isError());
  }

  @Test
  void aSuccessfulWriteClearsTheCachesBeforeItIsAnswered() throws Exception {
    cacheSomething();
    CallToolResult r =
        invoker().invoke(write((a, c) -> ToolResult.of("done", "done")), Map.of(), ctx);
    assertThat(isError(r)).isFalse();
    assertThat(cache.size()).isZero();
    assertThat(counting.writes).hasValue(1);
  }

  @Test
  void aWriteThatReportsAToolErrorStillClears() throws Exception {
    cacheSomething();
    CallToolResult r =
        invoker()
            .invoke(
                write(
                    (a, c) -> {
                      throw new ToolException(ErrorCode.CONFLICT, "half done");
                    }),
                Map.of(),
                ctx);
    assertThat(isError(r)).isTrue();
    assertThat(cache.size()).isZero();
    assertThat(counting.writes).hasValue(1);
  }

  @Test
  void aWriteThatThrowsStillClears() throws Exception {
    cacheSomething();
    CallToolResult r =
        invoker()
            .invoke(
                write(
                    (a, c) -> {
                      throw new IllegalStateException("boom");
                    }),
                Map.of(),
                ctx);
    assertThat(isError(r)).isTrue();
    assertThat(cache.size()).isZero();
    assertThat(counting.writes).hasValue(1);
  }

  @Test
  void aWriteThatTimesOutClearsBeforeTheTimeoutAnswerAndAgainWhenItEnds() throws Exception {
    cacheSomething();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch ended = new CountDownLatch(1);
    ToolDef stuck =
        write(
            (a, c) -> {
              try {
                // ignores the interrupt: the write may still land after the TIMEOUT answer
                boolean released = false;
                while (!released) {
                  try {
                    released = release.await(50, TimeUnit.MILLISECONDS);
                  } catch (InterruptedException interrupted) {
                    // the TIMEOUT interrupts the handler; this write goes on regardless
                  }
                }
                cache.get(ctx, new CacheKey.Catalog("stale"), () -> "read during the write");
                return ToolResult.of("late", "late");
              } finally {
                ended.countDown();
              }
            });
    CallToolResult r =
        invoker(false, List.of(), Duration.ofMillis(300)).invoke(stuck, Map.of(), ctx);
    assertThat(ToolInvoker.outcomeOf(r)).isEqualTo("TIMEOUT");
    assertThat(cache.size()).isZero();
    assertThat(counting.writes).hasValue(1);

    release.countDown();
    assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (counting.writes.get() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(counting.writes).as("cleared again when the late write ended").hasValue(2);
    assertThat(cache.size()).isZero();
  }

  @Test
  void aReadToolClearsNothing() throws Exception {
    cacheSomething();
    CallToolResult r =
        invoker().invoke(tool(ToolHints.read(), (a, c) -> ToolResult.of("x", "x")), Map.of(), ctx);
    assertThat(isError(r)).isFalse();
    assertThat(cache.size()).isEqualTo(1);
    assertThat(counting.writes).hasValue(0);
  }

  @Test
  void aCallRefusedBeforeItsHandlerStartedClearsNothing() throws Exception {
    cacheSomething();
    ToolDef write = write((a, c) -> ToolResult.of("done", "done"));

    CallToolResult invalid = invoker().invoke(write, Map.of("name", true), ctx);
    assertThat(ToolInvoker.outcomeOf(invalid)).isEqualTo("VALIDATION_ERROR");

    CallToolResult readOnly =
        invoker(true, List.of(), Duration.ofSeconds(10)).invoke(write, Map.of(), ctx);
    assertThat(ToolInvoker.outcomeOf(readOnly)).isEqualTo("READ_ONLY");

    CallPolicy refuse =
        (tool, raw, args, c) -> {
          throw new ToolException(ErrorCode.RATE_LIMITED, "slow down");
        };
    CallToolResult limited =
        invoker(false, List.of(refuse), Duration.ofSeconds(10)).invoke(write, Map.of(), ctx);
    assertThat(ToolInvoker.outcomeOf(limited)).isEqualTo("RATE_LIMITED");

    assertThat(cache.size()).isEqualTo(1);
    assertThat(counting.writes).hasValue(0);
  }

  @Test
  void aFailingListenerNeitherBreaksTheCallNorSilencesTheOthers() throws Exception {
    SharedServices withBadOne = new SharedServices();
    withBadOne.get(
        WriteListener.class,
        () ->
            tool -> {
              throw new IllegalStateException("listener bug");
            });
    Counting other = withBadOne.get(Counting.class, Counting::new);
    ToolInvoker invoker =
        new ToolInvoker(
            false, List.of(), 8, t -> Duration.ofSeconds(10), (t, a, c, r, ms) -> {}, withBadOne);
    CallToolResult r = invoker.invoke(write((a, c) -> ToolResult.of("ok", "ok")), Map.of(), ctx);
    assertThat(isError(r)).isFalse();
    assertThat(other.writes).hasValue(1);
  }
}
