package dev.databricksmcp.server.tracing;

import dev.databricksmcp.server.connection.DatabricksCallObserver;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.net.URI;
import java.util.function.Supplier;

/**
 * A client span per request sent to Databricks, under the tool call's span (current on the sending
 * thread), following the HTTP client conventions (semantic-conventions docs/http/http-spans.md):
 * named {@code {method} {url.template}}, with the method, the endpoint's template (no names, ids or
 * query string), the status, the server's address and Databricks' request id. No body, no header
 * but the request id, no exception message.
 */
final class DatabricksSpans implements DatabricksCallObserver {
  static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  static final AttributeKey<String> URL_TEMPLATE = AttributeKey.stringKey("url.template");
  static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("databricks.request_id");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  private final Tracer tracer;
  private volatile Supplier<String> host = () -> null;
  private volatile URI server;

  DatabricksSpans(Tracer tracer) {
    this.tracer = tracer;
  }

  void host(Supplier<String> host) {
    this.host = host;
  }

  @Override
  public Call started(String method, String pathTemplate) {
    SpanBuilder builder =
        tracer
            .spanBuilder(method + " " + pathTemplate)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute(METHOD, method)
            .setAttribute(URL_TEMPLATE, pathTemplate);
    URI where = server();
    if (where != null) {
      builder.setAttribute(SERVER_ADDRESS, where.getHost());
      builder.setAttribute(SERVER_PORT, (long) port(where));
    }
    Span span = builder.startSpan();
    return (status, requestId, failure) -> {
      if (status > 0) {
        span.setAttribute(STATUS, (long) status);
      }
      if (requestId != null && requestId.length() <= 128) {
        span.setAttribute(REQUEST_ID, requestId);
      }
      if (failure != null) {
        span.setAttribute(ERROR_TYPE, failure.getClass().getName());
        span.setStatus(StatusCode.ERROR);
      } else if (status >= 400) {
        span.setAttribute(ERROR_TYPE, Integer.toString(status));
        span.setStatus(StatusCode.ERROR);
      }
      span.end();
    };
  }

  /** The workspace URL once it is known (a sandbox may still be starting); never its path. */
  private URI server() {
    URI known = server;
    if (known != null) {
      return known;
    }
    try {
      String url = host.get();
      if (url == null) {
        return null;
      }
      URI uri = URI.create(url.contains("://") ? url : "https://" + url);
      if (uri.getHost() == null) {
        return null;
      }
      server = uri;
      return uri;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static int port(URI uri) {
    if (uri.getPort() > 0) {
      return uri.getPort();
    }
    return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
  }
}
