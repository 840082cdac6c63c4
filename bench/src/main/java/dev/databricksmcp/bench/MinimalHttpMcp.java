package dev.databricksmcp.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A minimal Streamable HTTP MCP client: one session on one kept-alive socket, HTTP/1.1 and JSON-RPC
 * written by hand, the answer read as JSON or as the SSE event carrying it. It costs next to
 * nothing per call (java.net.http's client spent more CPU per call than our server), so what a
 * benchmark measures with it is the server. The MCP Java SDK client is measured separately, as a
 * real client.
 */
final class MinimalHttpMcp implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final String hostHeader;
  private final String path;
  private String session;
  private long nextId = 1;

  MinimalHttpMcp(String url) throws IOException {
    this(url, true);
  }

  /**
   * @param sessions false for a stateless server: initialize answers without a session id, and each
   *     call stands alone
   */
  MinimalHttpMcp(String url, boolean sessions) throws IOException {
    URI uri = URI.create(url);
    socket = new Socket(uri.getHost(), uri.getPort());
    socket.setTcpNoDelay(true);
    in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    hostHeader = uri.getHost() + ":" + uri.getPort();
    path = uri.getPath();
    Response init =
        post(
            "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"bench-minimal\",\"version\":\"1\"}}}");
    if (init.status != 200 || (sessions && init.session == null)) {
      throw new IOException("initialize answered HTTP " + init.status + ": " + init.body);
    }
    session = init.session;
    post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
  }

  /** The MCP session's id; null on a stateless server. */
  String sessionId() {
    return session;
  }

  /**
   * Calls a tool; returns the JSON-RPC response. Fails unless the tool answered a success envelope.
   */
  String call(String tool, String argumentsJson) throws IOException {
    Response r =
        post(
            "{\"jsonrpc\":\"2.0\",\"id\":"
                + nextId++
                + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
                + tool
                + "\",\"arguments\":"
                + argumentsJson
                + "}}");
    if (r.status != 200 || !r.body.contains("\"isError\":false")) {
      throw new IOException("tools/call " + tool + " failed: HTTP " + r.status + " " + r.body);
    }
    return r.body;
  }

  /**
   * GET /healthz on the same connection: an HTTP round trip through Jetty with no MCP and no tool.
   */
  void healthz() throws IOException {
    out.write(
        ("GET /healthz HTTP/1.1\r\nHost: " + hostHeader + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    Response r = read();
    if (r.status != 200) {
      throw new IOException("healthz answered HTTP " + r.status);
    }
  }

  private record Response(int status, String body, String session) {}

  private Response post(String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    StringBuilder head =
        new StringBuilder(256)
            .append("POST ")
            .append(path)
            .append(" HTTP/1.1\r\nHost: ")
            .append(hostHeader)
            .append(
                "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n");
    if (session != null) {
      head.append("Mcp-Session-Id: ")
          .append(session)
          .append("\r\nMcp-Protocol-Version: 2025-06-18\r\n");
    }
    head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
    return read();
  }

  /** One response: status line, headers, then a Content-Length or chunked body. */
  private Response read() throws IOException {
    String status = line();
    int length = -1;
    boolean chunked = false;
    boolean sse = false;
    String sessionId = null;
    for (String header = line(); !header.isEmpty(); header = line()) {
      int colon = header.indexOf(':');
      String name = header.substring(0, colon).trim().toLowerCase();
      String value = header.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> length = Integer.parseInt(value);
        case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
        case "content-type" -> sse = value.startsWith("text/event-stream");
        case "mcp-session-id" -> sessionId = value;
        default -> {}
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (chunked) {
      for (int size = Integer.parseInt(line().trim(), 16);
          size > 0;
          size = Integer.parseInt(line().trim(), 16)) {
        body.write(in.readNBytes(size));
        line();
      }
      line();
    } else if (length > 0) {
      body.write(in.readNBytes(length));
    }
    String text = body.toString(StandardCharsets.UTF_8);
    return new Response(
        Integer.parseInt(status.split(" ")[1]), sse ? sseData(text) : text, sessionId);
  }

  private String line() throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c == -1) {
        throw new EOFException("the server closed the connection");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  private static String sseData(String stream) {
    StringBuilder data = new StringBuilder();
    for (String line : stream.split("\n")) {
      if (line.startsWith("data:")) {
        data.append(line.substring(5).strip());
      }
    }
    return data.toString();
  }

  /**
   * Ends the MCP session (DELETE), so that runs with many clients leave no sessions behind, then
   * the connection.
   */
  @Override
  public void close() throws IOException {
    if (session == null) {
      socket.close();
      return;
    }
    try {
      out.write(
          ("DELETE "
                  + path
                  + " HTTP/1.1\r\nHost: "
                  + hostHeader
                  + "\r\nMcp-Session-Id: "
                  + session
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      read();
    } finally {
      socket.close();
    }
  }
}
