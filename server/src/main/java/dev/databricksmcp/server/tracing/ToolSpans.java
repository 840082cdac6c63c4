package dev.databricksmcp.server.tracing;

import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolInvoker;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A span per tool call, named and attributed as the GenAI conventions' {@code execute_tool} span
 * ({@code execute_tool {gen_ai.tool.name}}, semantic-conventions-genai
 * docs/gen-ai/gen-ai-spans.md), current on the handler's thread so the Databricks requests it sends
 * become its children. It ends with the answer: its outcome, the error code, and the audit log's
 * correlation id. The arguments, the caller and the result are never recorded.
 */
final class ToolSpans implements ToolInvoker.CallObserver {
  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
  static final AttributeKey<String> TOOL = AttributeKey.stringKey("gen_ai.tool.name");
  static final AttributeKey<String> TOOLSET = AttributeKey.stringKey("databricks_mcp.toolset");
  static final AttributeKey<String> CORRELATION_ID =
      AttributeKey.stringKey("databricks_mcp.correlation_id");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("databricks_mcp.outcome");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  private final Tracer tracer;

  /** The span of each call between started and ended; the context object is the call's own. */
  private final Map<ToolContext, Open> open = Collections.synchronizedMap(new IdentityHashMap<>());

  /** A call's span and the MCP request span it runs under (null outside one). */
  private record Open(Span span, McpRequestSpans.Request request) {}

  ToolSpans(Tracer tracer) {
    this.tracer = tracer;
  }

  @Override
  public ToolInvoker.Scope started(ToolDef tool, ToolContext context) {
    McpRequestSpans.Request request = McpRequestSpans.Request.in(Context.current());
    if (request != null) {
      request.tool(tool.name());
    }
    Span span =
        tracer
            .spanBuilder("execute_tool " + tool.name())
            .setSpanKind(SpanKind.INTERNAL)
            .setAttribute(OPERATION, "execute_tool")
            .setAttribute(TOOL, tool.name())
            .setAttribute(TOOLSET, tool.toolset())
            .setAttribute(CORRELATION_ID, context.correlationId())
            .startSpan();
    open.put(context, new Open(span, request));
    io.opentelemetry.context.Scope current = span.makeCurrent();
    return current::close;
  }

  @Override
  public void ended(
      ToolDef tool,
      Map<String, Object> args,
      ToolContext context,
      CallToolResult result,
      long durationMs) {
    Open call = open.remove(context);
    if (call == null) {
      return;
    }
    Span span = call.span();
    String outcome = ToolInvoker.outcomeOf(result);
    span.setAttribute(OUTCOME, outcome);
    if (!outcome.equals("success")) {
      span.setAttribute(ERROR_TYPE, outcome);
      span.setStatus(StatusCode.ERROR, outcome);
      if (call.request() != null) {
        call.request().toolFailed();
      }
    }
    span.end();
  }
}
