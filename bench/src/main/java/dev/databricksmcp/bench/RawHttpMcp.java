package dev.databricksmcp.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal Streamable HTTP MCP client: one session, JSON-RPC bodies written by hand, the response
 * read as JSON or as one SSE event. It adds as little as a client can, so what it measures is the
 * server (the MCP Java SDK client is measured separately, as a real client's cost).
 */
final class RawHttpMcp {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final URI endpoint;
  private final String session;
  private final AtomicLong ids = new AtomicLong(1);

  RawHttpMcp(String url) throws Exception {
    endpoint = URI.create(url);
    HttpResponse<String> init = post(null,
        "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
            + "\"clientInfo\":{\"name\":\"bench-raw\",\"version\":\"1\"}}}");
    session = init.headers().firstValue("mcp-session-id").orElse(null);
    post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
  }

  /** Calls a tool; returns the JSON-RPC response text. Fails when the tool answered an error. */
  String call(String tool, String argumentsJson) throws Exception {
    long id = ids.incrementAndGet();
    HttpResponse<String> r = post(session,
        "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":" + argumentsJson + "}}");
    String body = payload(r);
    if (r.statusCode() != 200 || !body.contains("\"isError\":false")) {
      throw new IllegalStateException("tools/call " + tool + " failed: HTTP " + r.statusCode() + " " + body);
    }
    return body;
  }

  /** GET /healthz: an HTTP round trip through Jetty with no MCP and no tool — the transport's floor. */
  void healthz() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/healthz")).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("healthz answered " + r.statusCode());
    }
  }

  private HttpResponse<String> post(String sessionId, String json) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(endpoint)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    if (sessionId != null) {
      b.header("mcp-session-id", sessionId).header("mcp-protocol-version", "2025-06-18");
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The JSON of a plain response, or the data of the SSE event carrying it. */
  private static String payload(HttpResponse<String> r) {
    String body = r.body();
    if (r.headers().firstValue("content-type").orElse("").startsWith("text/event-stream")) {
      StringBuilder data = new StringBuilder();
      for (String line : body.split("\n")) {
        if (line.startsWith("data:")) {
          data.append(line.substring(5).strip());
        }
      }
      return data.toString();
    }
    return body;
  }
}
