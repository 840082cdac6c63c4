package dev.databricksmcp.server.security;

import dev.databricksmcp.server.core.CallPolicy;
import dev.databricksmcp.server.core.ErrorCode;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolInvoker;
import dev.databricksmcp.server.core.WriteListener;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the tool invoker with every control of {@link SecuritySettings} in place. */
public final class CallPolicies {
  private CallPolicies() {}

  public static ToolInvoker invoker(boolean readOnly, SecuritySettings settings, AuditLog audit) {
    return invoker(readOnly, settings, audit, tool -> {});
  }

  /**
   * @param writes told after every write call (the server's {@link
   *     dev.databricksmcp.server.core.SharedServices})
   */
  public static ToolInvoker invoker(
      boolean readOnly, SecuritySettings settings, AuditLog audit, WriteListener writes) {
    return invoker(readOnly, settings, audit, writes, List.of());
  }

  /**
   * @param observers told of every call after the audit log (metrics, traces)
   */
  public static ToolInvoker invoker(
      boolean readOnly,
      SecuritySettings settings,
      AuditLog audit,
      WriteListener writes,
      List<ToolInvoker.CallObserver> observers) {
    List<CallPolicy> policies = new ArrayList<>();
    RateLimiter limiter =
        new RateLimiter(settings.rateLimitPerMinute(), settings.rateLimitBurst(), System::nanoTime);
    if (limiter.enabled()) {
      policies.add(
          (tool, raw, args, ctx) -> {
            long wait = limiter.acquire(ctx.principal());
            if (wait > 0) {
              throw new ToolException(
                  ErrorCode.RATE_LIMITED,
                  "Too many tool calls; retry after " + wait + "s.",
                  Map.of("retry_after_seconds", wait));
            }
          });
    }
    if (settings.confirmDestructive()) {
      ConfirmationGate gate =
          new ConfirmationGate(
              new ConfirmationTokens(
                  settings.confirmationTtl(), Clock.systemUTC(), settings.confirmationKey()));
      policies.add(
          (tool, raw, args, ctx) -> {
            if (tool.hints().destructive()) {
              gate.check(tool, raw, args, ctx);
            }
          });
    }
    return new ToolInvoker(
        readOnly,
        policies,
        settings.maxConcurrentCalls(),
        settings::timeoutFor,
        ToolInvoker.CallObserver.all(concat(auditing(audit), observers)),
        writes);
  }

  private static ToolInvoker.CallObserver auditing(AuditLog audit) {
    return (tool, args, ctx, result, durationMs) ->
        audit.record(
            new AuditLog.Entry(
                ctx.principal(),
                tool.name(),
                args,
                Boolean.TRUE.equals(result.isError()) ? "error" : "success",
                Boolean.TRUE.equals(result.isError()) ? ToolInvoker.outcomeOf(result) : null,
                durationMs,
                ctx.correlationId(),
                requestId(result)));
  }

  private static List<ToolInvoker.CallObserver> concat(
      ToolInvoker.CallObserver first, List<ToolInvoker.CallObserver> rest) {
    List<ToolInvoker.CallObserver> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }

  private static String requestId(CallToolResult result) {
    if (result.structuredContent() instanceof Map<?, ?> body
        && body.get("details") instanceof Map<?, ?> details) {
      Object id = details.get("request_id");
      return id == null ? null : String.valueOf(id);
    }
    return null;
  }
}
