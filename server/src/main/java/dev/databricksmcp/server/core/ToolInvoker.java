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
 * envelope. Nothing thrown escapes, so no failure becomes a JSON-RPC error carrying internal messages.
 * Every call is answered exactly once and ends with one audit record.
 *
 * <p>The handler runs on the thread that makes the call ({@link #call}): a Jetty request thread over
 * HTTP, a worker over stdio. {@link CallDeadlines} answers TIMEOUT for it when its deadline passes
 * and interrupts it; whatever the handler returns after that is dropped.
 */
public final class ToolInvoker {
  private static final Logger LOG = LoggerFactory.getLogger(ToolInvoker.class);

  /** How a finished call is reported (the audit log); gets the envelope's outcome. */
  public interface CallObserver {
    void ended(ToolDef tool, Map<String, Object> args, ToolContext context, CallToolResult result, long durationMs);
  }

  private final boolean readOnly;
  private final List<CallPolicy> policies;
  private final Semaphore concurrency;
  private final Function<String, Duration> timeouts;
  private final CallObserver observer;
  private final CallDeadlines deadlines = CallDeadlines.SHARED;

  /** No policies, no limits: for tests and embedding. */
  public ToolInvoker(boolean readOnly) {
    this(readOnly, List.of(), Integer.MAX_VALUE, tool -> Duration.ofMinutes(10), (t, a, c, r, d) -> {});
  }

  public ToolInvoker(
      boolean readOnly, List<CallPolicy> policies, int maxConcurrent, Function<String, Duration> timeouts, CallObserver observer) {
    this.readOnly = readOnly;
    this.policies = List.copyOf(policies);
    this.concurrency = new Semaphore(maxConcurrent);
    this.timeouts = timeouts;
    this.observer = observer;
  }

  /**
   * The call, run on the subscribing thread when subscribed; the answer comes from that thread, or
   * from the deadline watcher when the deadline passes first.
   */
  public Mono<CallToolResult> call(ToolDef tool, Map<String, Object> rawArgs, ToolContext context) {
    return Mono.create(sink -> new Call(tool, rawArgs == null ? Map.of() : rawArgs, context, sink::success).run());
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

    Call(ToolDef tool, Map<String, Object> args, ToolContext context, Consumer<CallToolResult> deliver) {
      this.tool = tool;
      this.args = args;
      this.context = context;
      this.deliver = deliver;
    }

    void run() {
      MDC.put("cid", context.correlationId());
      try {
        CallToolResult result = execute();
        if (result != null) {
          answer(result);
        }
      } catch (Throwable failure) {
        if (!answered.get()) {
          answer(failureResult(tool, failure, context));
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
            "The server runs in read-only mode; " + tool.name() + " changes the workspace and is refused.");
      }
      ArgsValidator.validate(tool.inputSchema(), args);
      Args parsed = new Args(args);
      for (CallPolicy policy : policies) {
        policy.before(tool, args, parsed, context);
      }
      if (!concurrency.tryAcquire(30, TimeUnit.SECONDS)) {
        throw new ToolException(ErrorCode.UNAVAILABLE, "The server is busy with other tool calls; retry in a few seconds.");
      }
      try {
        Duration timeout = timeouts.apply(tool.name());
        CallDeadlines.Watch watch = deadlines.watch(timeout, () -> expired(timeout));
        ToolResult result;
        try {
          result = tool.handler().handle(parsed, context);
        } catch (Throwable failure) {
          if (watch.finish()) {
            LOG.debug("tool={} ended after its deadline: {}", tool.name(), failure.toString());
            return null;
          }
          throw failure;
        }
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

    /** On the deadline watcher's thread. */
    private void expired(Duration timeout) {
      MDC.put("cid", context.correlationId());
      try {
        answer(Envelope.error(
            ErrorCode.TIMEOUT,
            tool.name() + " did not finish within " + timeout.toSeconds() + "s and was stopped; "
                + "narrow the request, or use a tool that returns a handle to resume (e.g. a statement id).",
            Map.of("timeout_seconds", timeout.toSeconds())));
      } finally {
        MDC.remove("cid");
      }
    }

    private void answer(CallToolResult result) {
      if (answered.compareAndSet(false, true)) {
        long durationMs = (System.nanoTime() - start) / 1_000_000;
        LOG.debug("tool={} outcome={} duration_ms={}", tool.name(), outcomeOf(result), durationMs);
        observer.ended(tool, args, context, result, durationMs);
        deliver.accept(result);
      }
    }
  }

  private static CallToolResult failureResult(ToolDef tool, Throwable failure, ToolContext context) {
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
      return Envelope.error(mapped.code(), mapped.message(), details);
    }
    return Envelope.error(mapped);
  }

  /** Where it was thrown, without a stack trace: enough to find the line, nothing more. */
  private static String origin(Throwable t) {
    StackTraceElement[] trace = t.getStackTrace();
    return trace.length == 0 ? "" : " at " + trace[0].getClassName() + "." + trace[0].getMethodName() + ":" + trace[0].getLineNumber();
  }

  /** "success" or the envelope's error code. */
  public static String outcomeOf(CallToolResult result) {
    if (Boolean.TRUE.equals(result.isError()) && result.structuredContent() instanceof Map<?, ?> m && m.get("error_code") != null) {
      return String.valueOf(m.get("error_code"));
    }
    return Boolean.TRUE.equals(result.isError()) ? "error" : "success";
  }
}
