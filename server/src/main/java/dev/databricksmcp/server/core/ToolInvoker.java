package dev.databricksmcp.server.core;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Runs one tool call, whatever the transport: read-only refusal, argument validation, the call
 * policies (rate limit, confirmation), the handler under a concurrency cap and a deadline, and the
 * envelope. Nothing thrown escapes, so no failure becomes a JSON-RPC error carrying internal
 * messages. Every call is answered exactly once and ends with one audit record.
 *
 * <p>The handler runs on the thread that makes the call ({@link #call}): a Jetty request thread
 * over HTTP, a worker over stdio. {@link CallDeadlines} answers TIMEOUT for it when its deadline
 * passes and interrupts it; whatever the handler returns after that is dropped. The handler sees
 * that deadline ({@link ToolContext#deadline()}) and stops its waits before it, so the TIMEOUT is a
 * backstop; when it does come, or a request fails without proving it was refused, a write tool's
 * answer says the change may have happened ({@link UnknownOutcome}), never that it was not done.
 *
 * <p>After a write tool's handler started, whatever the outcome, the {@link WriteListener} (the
 * shared services: caches of workspace metadata) is told before the answer goes out, so no handler
 * has to remember to clear a cache and a read right after a write never sees stale metadata.
 */
public final class ToolInvoker {
  private static final Logger LOG = LoggerFactory.getLogger(ToolInvoker.class);

  /** How a call is reported (the audit log, metrics, traces); gets the envelope's outcome. */
  public interface CallObserver {
    /**
     * When the call starts, on the thread that runs its policies and handler; the scope returned is
     * closed on that thread once they return, which may be before or after {@link #ended} (a call
     * past its deadline is answered by the watcher's thread first). Traces make their span current
     * here, so the Databricks requests the handler sends become its children.
     */
    default Scope started(ToolDef tool, ToolContext context) {
      return Scope.NONE;
    }

    /** Once per call, with the answer as sent; on the answering thread. Must not throw. */
    void ended(
        ToolDef tool,
        Map<String, Object> args,
        ToolContext context,
        CallToolResult result,
        long durationMs);

    /**
     * A wait of the call ended before the work it waited for; the answer hands back its handle. On
     * the handler's thread, before {@link #ended}. Must not throw.
     */
    default void waitHandedBack(ToolDef tool, ToolContext context) {}

    /**
     * What the call met at the confirmation gate; on the handler's thread, before {@link #ended}.
     * Must not throw.
     */
    default void confirmation(ToolDef tool, ToolContext context, ConfirmationStep step) {}

    /** All of {@code observers}: started in order, their scopes closed in reverse order. */
    static CallObserver all(List<CallObserver> observers) {
      List<CallObserver> list = List.copyOf(observers);
      if (list.size() == 1) {
        return list.get(0);
      }
      return new CallObserver() {
        @Override
        public Scope started(ToolDef tool, ToolContext context) {
          Scope[] scopes = new Scope[list.size()];
          for (int i = 0; i < scopes.length; i++) {
            scopes[i] = list.get(i).started(tool, context);
          }
          return () -> {
            for (int i = scopes.length - 1; i >= 0; i--) {
              scopes[i].close();
            }
          };
        }

        @Override
        public void ended(
            ToolDef tool,
            Map<String, Object> args,
            ToolContext context,
            CallToolResult result,
            long durationMs) {
          list.forEach(o -> o.ended(tool, args, context, result, durationMs));
        }

        @Override
        public void waitHandedBack(ToolDef tool, ToolContext context) {
          list.forEach(o -> o.waitHandedBack(tool, context));
        }

        @Override
        public void confirmation(ToolDef tool, ToolContext context, ConfirmationStep step) {
          list.forEach(o -> o.confirmation(tool, context, step));
        }
      };
    }
  }

  /** What {@link CallObserver#started} holds open while the call runs on its thread. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {
    Scope NONE = () -> {};

    @Override
    void close();
  }

  private final boolean readOnly;
  private final List<CallPolicy> policies;
  private final Semaphore concurrency;
  private final Function<String, Duration> timeouts;
  private final CallObserver observer;
  private final WriteListener writes;
  private final CallDeadlines deadlines = CallDeadlines.SHARED;

  /** No policies, no limits: for tests and embedding. */
  public ToolInvoker(boolean readOnly) {
    this(
        readOnly,
        List.of(),
        Integer.MAX_VALUE,
        tool -> Duration.ofMinutes(10),
        (t, a, c, r, d) -> {});
  }

  public ToolInvoker(
      boolean readOnly,
      List<CallPolicy> policies,
      int maxConcurrent,
      Function<String, Duration> timeouts,
      CallObserver observer) {
    this(readOnly, policies, maxConcurrent, timeouts, observer, tool -> {});
  }

  /**
   * @param writes told after every call of a write tool whose handler started, whatever the
   *     outcome, before the answer goes out (the shared services, which clear their caches)
   */
  public ToolInvoker(
      boolean readOnly,
      List<CallPolicy> policies,
      int maxConcurrent,
      Function<String, Duration> timeouts,
      CallObserver observer,
      WriteListener writes) {
    this.readOnly = readOnly;
    this.policies = List.copyOf(policies);
    this.concurrency = new Semaphore(maxConcurrent);
    this.timeouts = timeouts;
    this.observer = observer;
    this.writes = writes;
  }

  /**
   * The call, run on the subscribing thread when subscribed; the answer comes from that thread, or
   * from the deadline watcher when the deadline passes first.
   */
  public Mono<CallToolResult> call(ToolDef tool, Map<String, Object> rawArgs, ToolContext context) {
    return Mono.create(
        sink -> new Call(tool, rawArgs == null ? Map.of() : rawArgs, context, sink::success).run());
  }

  /**
   * The call, blocking (the CLI, tests): run on a worker so that this thread has its answer at the
   * deadline even when the handler does not return.
   */
  public CallToolResult invoke(ToolDef tool, Map<String, Object> rawArgs, ToolContext context) {
    return call(tool, rawArgs, context).subscribeOn(Schedulers.boundedElastic()).block();
  }

  /** One call in flight: answered once, by its thread or by the deadline watcher. */
  private final class Call {
    private final ToolDef tool;
    private final Map<String, Object> args;
    private final ToolContext context;
    private final Consumer<CallToolResult> deliver;
    private final AtomicBoolean answered = new AtomicBoolean();
    private final long start = System.nanoTime();
    private final CallNotes notes = new CallNotes();

    Call(
        ToolDef tool,
        Map<String, Object> args,
        ToolContext context,
        Consumer<CallToolResult> deliver) {
      this.tool = tool;
      this.args = args;
      this.context = context;
      this.deliver = deliver;
    }

    void run() {
      MDC.put("cid", context.correlationId());
      // the scope stays open until the call is answered here, failures included
      try (Scope scope = observer.started(tool, context)) {
        try {
          SecretArgs.hide(tool.inputSchema(), args);
          CallToolResult result = execute();
          if (result != null) {
            answer(result);
          }
        } catch (Throwable failure) {
          if (!answered.get()) {
            answer(failureResult(tool, failure, context, notes));
          }
        }
      } finally {
        MDC.remove("cid");
      }
    }

    /** The envelope, or null when the deadline passed first and the call is answered already. */
    private CallToolResult execute() throws Exception {
      if (readOnly && !tool.readOnly()) {
        throw new ToolException(
            ErrorCode.READ_ONLY,
            "The server runs in read-only mode; "
                + tool.name()
                + " changes the workspace and is refused.");
      }
      // unknown arguments first, then missing and mistyped ones; "10" and "true" coerced, so the
      // policies (confirmation bindings) and the handler see typed values
      Map<String, Object> checked = ArgsValidator.validate(tool.inputSchema(), args);
      Args parsed = new Args(checked);
      ToolDef observed = keepingTarget(tool, notes);
      Runnable handedBack = () -> observer.waitHandedBack(tool, context);
      Consumer<ConfirmationStep> confirmation = step -> observer.confirmation(tool, context, step);
      // the policies run before the deadline starts (a user may take a while to confirm)
      ToolContext beforeHandler =
          new BoundToolContext(context, context.deadline(), notes, handedBack, confirmation);
      for (CallPolicy policy : policies) {
        policy.before(observed, checked, parsed, beforeHandler);
      }
      if (!concurrency.tryAcquire(30, TimeUnit.SECONDS)) {
        throw new ToolException(
            ErrorCode.UNAVAILABLE,
            "The server is busy with other tool calls; retry in a few seconds.");
      }
      try {
        Duration timeout = timeouts.apply(tool.name());
        CallDeadlines.Watch watch = deadlines.watch(timeout, () -> expired(timeout));
        ToolContext bound =
            new BoundToolContext(
                context,
                CallDeadline.at(watch.deadlineNanos(), timeout),
                notes,
                handedBack,
                confirmation);
        ToolResult result;
        try {
          notes.handlerStarted();
          result = tool.handler().handle(parsed, bound);
        } catch (Throwable failure) {
          writeMayHaveHappened();
          if (watch.finish()) {
            LOG.debug("tool={} ended after its deadline: {}", tool.name(), failure.toString());
            return null;
          }
          throw failure;
        }
        writeMayHaveHappened();
        if (watch.finish()) {
          LOG.debug("tool={} answered after its deadline; the answer is dropped", tool.name());
          return null;
        }
        if (result == null) {
          throw new IllegalStateException(tool.name() + " returned no result");
        }
        return Envelope.success(result);
      } finally {
        concurrency.release();
      }
    }

    /**
     * After a write tool's handler started: the shared caches are cleared before the call is
     * answered, whether it succeeded, failed or ran out of time (then once more when the handler
     * ends, since the write may land after the TIMEOUT answer).
     */
    private void writeMayHaveHappened() {
      if (tool.readOnly() || !notes.handlerRan()) {
        return;
      }
      try {
        writes.afterWrite(tool);
      } catch (RuntimeException e) {
        LOG.warn("tool={} write listeners failed: {}", tool.name(), e.toString());
      }
    }

    /** On the deadline watcher's thread. */
    private void expired(Duration timeout) {
      MDC.put("cid", context.correlationId());
      try {
        writeMayHaveHappened();
        answer(UnknownOutcome.timeout(tool, timeout, notes));
      } finally {
        MDC.remove("cid");
      }
    }

    private void answer(CallToolResult result) {
      if (answered.compareAndSet(false, true)) {
        long durationMs = (System.nanoTime() - start) / 1_000_000;
        LOG.debug("tool={} outcome={} duration_ms={}", tool.name(), outcomeOf(result), durationMs);
        observer.ended(
            tool, SecretArgs.masked(tool.inputSchema(), args), context, result, durationMs);
        deliver.accept(result);
      }
    }
  }

  /**
   * The tool as the policies see it: when a confirmation looks up what the call acts on, the
   * description is kept for the words of an unknown outcome (no second lookup).
   */
  private ToolDef keepingTarget(ToolDef tool, CallNotes notes) {
    TargetDescriber describer = tool.target();
    if (describer == null || tool.readOnly() || policies.isEmpty()) {
      return tool;
    }
    TargetDescriber keeping =
        (args, ctx) -> {
          ConfirmationTarget target = describer.describe(args, ctx);
          if (target != null) {
            notes.target(target.description());
          }
          return target;
        };
    return tool.withTarget(keeping);
  }

  private static CallToolResult failureResult(
      ToolDef tool, Throwable failure, ToolContext context, CallNotes notes) {
    if (failure instanceof VirtualMachineError vme && !(failure instanceof OutOfMemoryError)) {
      throw vme;
    }
    if (failure instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    ErrorMapper.MappedError mapped = ErrorMapper.map(failure);
    if (mapped.code() == ErrorCode.INTERNAL_ERROR) {
      LOG.error(
          "tool {} failed: {} {}{}",
          tool.name(),
          failure.getClass().getName(),
          Redactor.redact(String.valueOf(failure.getMessage())),
          origin(failure));
      Map<String, Object> details = new LinkedHashMap<>(mapped.details());
      details.put("correlation_id", context.correlationId());
      mapped = new ErrorMapper.MappedError(mapped.code(), mapped.message(), details);
    }
    if (UnknownOutcome.applies(tool, failure, notes)) {
      return UnknownOutcome.failure(tool, failure, mapped, notes);
    }
    if (notes.handles().isEmpty()) {
      return Envelope.error(mapped);
    }
    Map<String, Object> details =
        UnknownOutcome.addHandles(new LinkedHashMap<>(mapped.details()), notes);
    return Envelope.error(mapped.code(), mapped.message(), details);
  }

  /** Where it was thrown, without a stack trace: enough to find the line, nothing more. */
  private static String origin(Throwable t) {
    StackTraceElement[] trace = t.getStackTrace();
    return trace.length == 0
        ? ""
        : " at "
            + trace[0].getClassName()
            + "."
            + trace[0].getMethodName()
            + ":"
            + trace[0].getLineNumber();
  }

  /** "success" or the envelope's error code. */
  public static String outcomeOf(CallToolResult result) {
    if (Boolean.TRUE.equals(result.isError())
        && result.structuredContent() instanceof Map<?, ?> m
        && m.get("error_code") != null) {
      return String.valueOf(m.get("error_code"));
    }
    return Boolean.TRUE.equals(result.isError()) ? "error" : "success";
  }
}
