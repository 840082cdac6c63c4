package dev.databricksmcp.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The packaged server over stdio, driven with hand-written JSON-RPC lines: the server process talks to
 * the sandbox (another process), this process only writes requests and reads answers.
 */
final class RawStdioMcp implements AutoCloseable {
  private final Process process;
  private final OutputStream in;
  private final BufferedReader out;
  private long ids = 1;

  RawStdioMcp(Path jar, String sandboxHost) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(List.of(SandboxProcess.java(), "-jar", jar.toString(), "--toolsets", "all", "--log-level", "warn"))
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(Map.of("DATABRICKS_HOST", sandboxHost, "DATABRICKS_TOKEN", "dapi-sandbox-admin-token",
        "DATABRICKS_MCP_AUDIT_LOG", "/dev/null", "DATABRICKS_MCP_RATE_LIMIT", "0"));
    process = pb.start();
    in = process.getOutputStream();
    out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    send("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
        + "\"clientInfo\":{\"name\":\"bench-stdio\",\"version\":\"1\"}}}");
    readUntilId(0);
    send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
  }

  String call(String tool, String argumentsJson) throws Exception {
    long id = ids++;
    send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":" + argumentsJson + "}}");
    String line = readUntilId(id);
    if (!line.contains("\"isError\":false")) {
      throw new IllegalStateException("tools/call " + tool + " failed: " + line);
    }
    return line;
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
    in.close();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
