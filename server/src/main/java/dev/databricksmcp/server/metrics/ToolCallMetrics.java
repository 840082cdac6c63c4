package dev.databricksmcp.server.metrics;

import dev.databricksmcp.server.core.ConfirmationStep;
import dev.databricksmcp.server.core.ErrorCode;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolInvoker;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Counts each tool call by its envelope, and what it met at the confirmation gate as the gate tells
 * it; the principal is only counted, never a label.
 */
final class ToolCallMetrics implements ToolInvoker.CallObserver {
  /** Our error codes: the only ones that become a label. */
  private static final Set<String> CODES =
      Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());

  private final ServerMetrics metrics;

  ToolCallMetrics(ServerMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public ToolInvoker.Scope started(ToolDef tool, ToolContext context) {
    metrics.principals.seen(context.principal());
    return ToolInvoker.Scope.NONE;
  }

  @Override
  public void ended(
      ToolDef tool,
      Map<String, Object> args,
      ToolContext context,
      CallToolResult result,
      long durationMs) {
    try {
      // before counting: the minute's first call marks where the status page's windows begin
      metrics.history.tick();
      String code = errorCode(ToolInvoker.outcomeOf(result));
      metrics
          .toolCalls
          .labelValues(
              tool.name(), code == null ? "success" : "error", code == null ? "none" : code)
          .inc();
      metrics.toolDuration.labelValues(tool.name()).observe(durationMs / 1000.0);
      if (ErrorCode.RATE_LIMITED.name().equals(code)) {
        metrics.rateLimited.labelValues(tool.name()).inc();
      }
    } catch (RuntimeException e) {
      // metrics never fail a call
    }
  }

  @Override
  public void waitHandedBack(ToolDef tool, ToolContext context) {
    metrics.waitsHandedBack.labelValues(tool.name()).inc();
  }

  @Override
  public void confirmation(ToolDef tool, ToolContext context, ConfirmationStep step) {
    try {
      metrics.confirmations.labelValues(tool.name(), step.name().toLowerCase(Locale.ROOT)).inc();
    } catch (RuntimeException e) {
      // metrics never fail a call, least of all one the user just allowed
    }
  }

  /**
   * Null for success, else the envelope's code when it is one of ours, "error" otherwise (bounded:
   * nothing from the answer's text).
   */
  static String errorCode(String outcome) {
    if ("success".equals(outcome)) {
      return null;
    }
    return CODES.contains(outcome) ? outcome : "error";
  }
}
