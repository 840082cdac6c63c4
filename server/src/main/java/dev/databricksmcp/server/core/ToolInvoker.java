package dev.databricksmcp.server.core;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one tool call, whatever the transport: read-only refusal, argument validation, the call
 * policies (rate limit, confirmation), the handler under a concurrency cap and a timeout, and the
 * envelope. Nothing thrown escapes, so no failure becomes a JSON-RPC error carrying internal messages.
 * Every call ends with one audit record.
 */
public final class ToolInvoker {
  private static final Logger LOG = LoggerFactory.getLogger(ToolInvoker.class);
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final ExecutorService HANDLERS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "tool-call-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
          });

  /** How a finished call is reported (the audit log); gets the envelope's outcome. */
  public interface CallObserver {
    void ended(ToolDef tool, Map<String, Object> args, ToolContext context, CallToolResult result, long durationMs);
  }

  private final boolean readOnly;
  private final List<CallPolicy> policies;
  private final Semaphore concurrency;
  private final Function<String, Duration> timeouts;
  private final CallObserver observer;

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

  public CallToolResult invoke(ToolDef tool, Map<String, Object> rawArgs, ToolContext context) {
    long start = System.nanoTime();
    Map<String, Object> args = rawArgs == null ? Map.of() : rawArgs;
    MDC.put("cid", context.correlationId());
    try {
      CallToolResult result = run(tool, args, context);
      long durationMs = (System.nanoTime() - start) / 1_000_000;
      LOG.debug("tool={} outcome={} duration_ms={}", tool.name(), outcomeOf(result), durationMs);
      observer.ended(tool, args, context, result, durationMs);
      return result;
    } finally {
      MDC.remove("cid");
    }
  }

  private CallToolResult run(ToolDef tool, Map<String, Object> rawArgs, ToolContext context) {
    try {
      if (readOnly && !tool.readOnly()) {
        throw new ToolException(
            ErrorCode.READ_ONLY,
            "The server runs in read-only mode; " + tool.name() + " changes the workspace and is refused.");
      }
      ArgsValidator.validate(tool.inputSchema(), rawArgs);
      Args args = new Args(rawArgs);
      for (CallPolicy policy : policies) {
        policy.before(tool, rawArgs, args, context);
      }
      ToolResult result = runBounded(tool, () -> tool.handler().handle(args, context), context);
      if (result == null) {
        throw new IllegalStateException(tool.name() + " returned no result");
      }
      return Envelope.success(result);
    } catch (Throwable failure) {
      return failureResult(tool, failure, context);
    }
  }

  /** The handler under the concurrency cap and the tool's timeout. */
  private ToolResult runBounded(ToolDef tool, Callable<ToolResult> handler, ToolContext context) throws Exception {
    Duration timeout = timeouts.apply(tool.name());
    if (!concurrency.tryAcquire(30, TimeUnit.SECONDS)) {
      throw new ToolException(ErrorCode.UNAVAILABLE, "The server is busy with other tool calls; retry in a few seconds.");
    }
    String cid = context.correlationId();
    Future<ToolResult> future =
        HANDLERS.submit(
            () -> {
              MDC.put("cid", cid);
              try {
                return handler.call();
              } finally {
                MDC.remove("cid");
              }
            });
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new ToolException(
          ErrorCode.TIMEOUT,
          tool.name() + " did not finish within " + timeout.toSeconds() + "s and was stopped; "
              + "narrow the request, or use a tool that returns a handle to resume (e.g. a statement id).",
          Map.of("timeout_seconds", timeout.toSeconds()));
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    } finally {
      concurrency.release();
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
