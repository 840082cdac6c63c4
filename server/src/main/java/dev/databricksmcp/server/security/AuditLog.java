package dev.databricksmcp.server.security;

import dev.databricksmcp.server.core.Jsons;
import dev.databricksmcp.server.core.Redactor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One JSON line per tool call: time, principal, tool, arguments (sensitive values redacted, long
 * values cut), outcome, error code, duration, correlation id and Databricks request id when known.
 */
public final class AuditLog implements AutoCloseable {
  /** Argument names whose values never reach the audit line. */
  private static final Pattern SENSITIVE =
      Pattern.compile(
          "(?i).*(token|secret|password|credential|private_key|string_value|bytes_value|content).*");

  private static final int MAX_VALUE_CHARS = 200;

  private final PrintStream out;
  private final boolean ownsStream;

  private AuditLog(PrintStream out, boolean ownsStream) {
    this.out = out;
    this.ownsStream = ownsStream;
  }

  public static AuditLog toStderr() {
    return new AuditLog(System.err, false);
  }

  public static AuditLog toFile(Path file) {
    try {
      OutputStream stream = new FileOutputStream(file.toFile(), true);
      return new AuditLog(new PrintStream(stream, true, StandardCharsets.UTF_8), true);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot open the audit log " + file + ": " + e.getMessage());
    }
  }

  /** An audit log that writes nowhere (for embedding and tests that do not check it). */
  public static AuditLog discard() {
    return new AuditLog(new PrintStream(OutputStream.nullOutputStream()), true);
  }

  /** One call, as it ended. */
  public record Entry(
      String principal,
      String tool,
      Map<String, Object> args,
      String outcome,
      String errorCode,
      long durationMs,
      String correlationId,
      String databricksRequestId) {}

  public void record(Entry entry) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("audit", "tool_call");
    line.put("time", Instant.now().toString());
    line.put("principal", entry.principal());
    line.put("tool", entry.tool());
    line.put("args", safeArgs(entry.args()));
    line.put("outcome", entry.outcome());
    if (entry.errorCode() != null) {
      line.put("error_code", entry.errorCode());
    }
    line.put("duration_ms", entry.durationMs());
    line.put("correlation_id", entry.correlationId());
    if (entry.databricksRequestId() != null) {
      line.put("databricks_request_id", entry.databricksRequestId());
    }
    // encoded before the stream's lock, written in one call: under load 64 request threads queued
    // on that lock while each holder encoded its line and wrote it in two system calls
    byte[] bytes = (Redactor.redact(Jsons.write(line)) + "\n").getBytes(StandardCharsets.UTF_8);
    out.write(bytes, 0, bytes.length);
  }

  static Map<String, Object> safeArgs(Map<String, Object> args) {
    Map<String, Object> out = new LinkedHashMap<>();
    args.forEach(
        (name, value) -> {
          if (SENSITIVE.matcher(name).matches()) {
            out.put(name, "[REDACTED]");
          } else {
            String text = value instanceof String s ? s : Jsons.write(value);
            out.put(
                name,
                text.length() > MAX_VALUE_CHARS ? text.substring(0, MAX_VALUE_CHARS) + "…" : value);
          }
        });
    return out;
  }

  @Override
  public void close() {
    if (ownsStream) {
      out.close();
    }
  }
}
