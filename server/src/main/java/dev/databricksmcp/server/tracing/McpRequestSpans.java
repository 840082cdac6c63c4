package dev.databricksmcp.server.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;

/**
 * A server span per MCP request or notification received on {@code /mcp}, as the MCP semantic
 * conventions define it (semantic-conventions-genai docs/gen-ai/mcp.md, "Server"): kind SERVER,
 * named {@code {mcp.method.name}} or {@code tools/call {gen_ai.tool.name}}, with {@code
 * mcp.method.name}, {@code jsonrpc.request.id}, {@code network.transport}; {@code error.type} =
 * {@code tool_error} and status ERROR when a tool call answers with an error. Its parent is the
 * trace context the client put in {@code params._meta}, else the HTTP request's {@code
 * traceparent}.
 *
 * <p>The span is current while the MCP SDK's servlet handles the request: a request's handler runs
 * on this same Jetty thread (the servlet blocks on it), so the tool call's span is its child. The
 * body was read in full before any servlet ran ({@code BufferedBodyHandler}), so reading it here
 * costs no wait; the servlet gets the same bytes.
 */
public final class McpRequestSpans implements Filter {
  static final AttributeKey<String> MCP_METHOD = AttributeKey.stringKey("mcp.method.name");
  static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("jsonrpc.request.id");
  static final AttributeKey<String> NETWORK_TRANSPORT = AttributeKey.stringKey("network.transport");
  static final AttributeKey<String> NETWORK_PROTOCOL =
      AttributeKey.stringKey("network.protocol.name");
  static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  private static final ContextKey<Request> KEY = ContextKey.named("databricks-mcp.request");

  private final Tracer tracer;
  private final TextMapPropagator propagator;

  McpRequestSpans(Tracer tracer, TextMapPropagator propagator) {
    this.tracer = tracer;
    this.propagator = propagator;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) req;
    if (!"POST".equals(http.getMethod())) {
      chain.doFilter(req, res);
      return;
    }
    byte[] body = http.getInputStream().readAllBytes();
    HttpServletRequest replay = new BodyReplay(http, body);
    JsonRpcPeek peek = JsonRpcPeek.of(body);
    if (!peek.isRequest()) {
      chain.doFilter(replay, res);
      return;
    }
    Context transportContext = propagator.extract(Context.root(), http, HEADERS);
    Context parent = transportContext;
    SpanContext link = null;
    if (!peek.traceContext().isEmpty()) {
      parent = propagator.extract(Context.root(), peek.traceContext(), MAP);
      // the conventions: the message's context is the parent, the transport's a link
      SpanContext transportSpan = Span.fromContext(transportContext).getSpanContext();
      if (transportSpan.isValid()) {
        link = transportSpan;
      }
    }
    Request request = start(parent, peek, link);
    request.span.setAttribute(NETWORK_PROTOCOL, "http");
    try (Scope ignored = parent.with(request.span).with(KEY, request).makeCurrent()) {
      chain.doFilter(replay, res);
    } catch (IOException | ServletException | RuntimeException e) {
      request.failed(e.getClass().getName());
      throw e;
    } finally {
      request.span.setAttribute(HTTP_STATUS, (long) ((HttpServletResponse) res).getStatus());
      request.span.end();
    }
  }

  private Request start(Context parent, JsonRpcPeek peek, SpanContext link) {
    SpanBuilder builder =
        tracer
            .spanBuilder(peek.method())
            .setParent(parent)
            .setSpanKind(SpanKind.SERVER)
            .setAttribute(MCP_METHOD, peek.method())
            .setAttribute(NETWORK_TRANSPORT, "tcp"); // a filter on /mcp: HTTP only
    if (peek.requestId() != null) {
      builder.setAttribute(REQUEST_ID, peek.requestId());
    }
    if (link != null) {
      builder.addLink(link);
    }
    return new Request(peek.method(), builder.startSpan());
  }

  /** One MCP request's span, which the tool call under it names and marks failed. */
  static final class Request {
    private final String method;
    private final Span span;

    private Request(String method, Span span) {
      this.method = method;
      this.span = span;
    }

    /** The request whose span is current in {@code context}, or null. */
    static Request in(Context context) {
      return context.get(KEY);
    }

    /** Named after the tool the server knows (never a name the client made up). */
    void tool(String name) {
      span.updateName(method + " " + name);
      span.setAttribute(ToolSpans.TOOL, name);
      span.setAttribute(ToolSpans.OPERATION, "execute_tool");
    }

    /** The conventions' value for a CallToolResult with isError. */
    void toolFailed() {
      failed("tool_error");
    }

    void failed(String errorType) {
      span.setAttribute(ERROR_TYPE, errorType);
      span.setStatus(StatusCode.ERROR);
    }
  }

  private static final TextMapGetter<HttpServletRequest> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpServletRequest carrier) {
          return Collections.list(carrier.getHeaderNames());
        }

        @Override
        public String get(HttpServletRequest carrier, String key) {
          return carrier == null ? null : carrier.getHeader(key);
        }
      };

  private static final TextMapGetter<Map<String, String>> MAP =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };
}
