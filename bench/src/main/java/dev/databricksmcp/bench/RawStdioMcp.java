package dev.databricksmcp.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A stdio server process driven with hand-written JSON-RPC lines: this process only writes requests
 * and reads answers; the server talks to the sandbox, another process.
 */
final class RawStdioMcp implements AutoCloseable {
  private final ServerProcess server;
  private final OutputStream in;
  private final BufferedReader out;
  private long nextId = 1;

  RawStdioMcp(ServerProcess server) throws Exception {
    this.server = server;
    in = server.process.getOutputStream();
    out =
        new BufferedReader(
            new InputStreamReader(server.process.getInputStream(), StandardCharsets.UTF_8));
    send(
        "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
            + "\"clientInfo\":{\"name\":\"bench-stdio\",\"version\":\"1\"}}}");
    readUntilId(0);
    send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
  }

  /** Calls a tool; returns the response line. Fails unless the tool answered a success envelope. */
  String call(String tool, String argumentsJson) throws Exception {
    long id = nextId++;
    send(
        "{\"jsonrpc\":\"2.0\",\"id\":"
            + id
            + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
            + tool
            + "\",\"arguments\":"
            + argumentsJson
            + "}}");
    String line = readUntilId(id);
    if (!line.contains("\"isError\":false")) {
      throw new IllegalStateException("tools/call " + tool + " failed: " + line);
    }
    return line;
  }

  /** tools/list; returns the response line. */
  String listTools() throws Exception {
    long id = nextId++;
    send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/list\"}");
    return readUntilId(id);
  }

  private void send(String line) throws Exception {
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  private String readUntilId(long id) throws Exception {
    for (String line; (line = out.readLine()) != null; ) {
      if (line.contains("\"id\":" + id + ",") || line.contains("\"id\":" + id + "}")) {
        return line;
      }
    }
    throw new IllegalStateException("the server closed stdout before answering request " + id);
  }

  @Override
  public void close() throws Exception {
    in.close(); // end of input: the server answers what is in flight and exits
    server.close();
  }
}
