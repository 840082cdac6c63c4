package dev.databricksmcp.server.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** MCP over HTTP by hand, for tests that send what a well-behaved client never would. */
public final class RawHttpMcp {
  public static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
  public static final String INITIALIZED =
      "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI endpoint;

  public RawHttpMcp(int port) {
    this.endpoint = URI.create("http://127.0.0.1:" + port + "/mcp");
  }

  public static String callTool(int id, String tool) {
    return callTool(id, tool, "{}");
  }

  public static String callTool(int id, String tool, String arguments) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
        + tool
        + "\",\"arguments\":"
        + arguments
        + "}}";
  }

  /**
   * Initializes a session with these headers and returns its id (asserting the server gave one).
   */
  public String openSession(Map<String, String> headers) throws Exception {
    HttpResponse<String> init = post(null, headers, INITIALIZE);
    if (init.statusCode() != 200) {
      throw new AssertionError("initialize answered " + init.statusCode() + ": " + init.body());
    }
    String session =
        init.headers()
            .firstValue("Mcp-Session-Id")
            .orElseThrow(() -> new AssertionError("no session id"));
    post(session, headers, INITIALIZED);
    return session;
  }

  public HttpResponse<String> post(String session, Map<String, String> headers, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    return send(request, session, headers);
  }

  public HttpResponse<String> send(String method, String session, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json, text/event-stream")
            .method(method, HttpRequest.BodyPublishers.noBody());
    return send(request, session, headers);
  }

  private HttpResponse<String> send(
      HttpRequest.Builder request, String session, Map<String, String> headers) throws Exception {
    if (session != null) {
      request.header("Mcp-Session-Id", session);
    }
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
