package dev.databricksmcp.server.metrics;

import dev.databricksmcp.server.core.ErrorCode;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolInvoker;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Map;

/** Counts each tool call by its envelope; the principal is only counted, never a label. */
final class ToolCallMetrics implements ToolInvoker.CallObserver {
  private final ServerMetrics metrics;
  private final boolean confirmationGate;

  ToolCallMetrics(ServerMetrics metrics, boolean confirmationGate) {
    this.metrics = metrics;
    this.confirmationGate = confirmationGate;
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
      String confirmation = Confirmations.resultOf(tool, args, result, code, confirmationGate);
      if (confirmation != null) {
        metrics.confirmations.labelValues(tool.name(), confirmation).inc();
      }
    } catch (RuntimeException e) {
      // metrics never fail a call
    }
  }

  @Override
  public void waitHandedBack(ToolDef tool, ToolContext context) {
    metrics.waitsHandedBack.labelValues(tool.name()).inc();
  }

  /** A confirmation given through elicitation leaves no token in the call: counted here. */
  @Override
  public void userConfirmed(ToolDef tool, ToolContext context) {
    try {
      metrics.confirmations.labelValues(tool.name(), Confirmations.GIVEN).inc();
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
    for (ErrorCode c : ErrorCode.values()) {
      if (c.name().equals(outcome)) {
        return outcome;
      }
    }
    return "error";
  }
}
