package dev.databricksmcp.server.core;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one tool call, whatever the transport: refuses writes in read-only mode, validates the
 * arguments, calls the handler and turns every outcome into the envelope. Nothing thrown escapes,
 * so no failure becomes a JSON-RPC error carrying internal messages.
 */
public final class ToolInvoker {
  private static final Logger LOG = LoggerFactory.getLogger(ToolInvoker.class);

  private final boolean readOnly;

  public ToolInvoker(boolean readOnly) {
    this.readOnly = readOnly;
  }

  public CallToolResult invoke(ToolDef tool, Map<String, Object> rawArgs, ToolContext context) {
    long start = System.nanoTime();
    MDC.put("cid", context.correlationId());
    MDC.put("tool", tool.name());
    try {
      CallToolResult result = run(tool, rawArgs == null ? Map.of() : rawArgs, context);
      LOG.info(
          "tool={} outcome={} duration_ms={}",
          tool.name(),
          Boolean.TRUE.equals(result.isError()) ? errorCodeOf(result) : "success",
          (System.nanoTime() - start) / 1_000_000);
      return result;
    } finally {
      MDC.remove("cid");
      MDC.remove("tool");
    }
  }

  private CallToolResult run(ToolDef tool, Map<String, Object> rawArgs, ToolContext context) {
    try {
      if (readOnly && !tool.readOnly()) {
        throw new ToolException(
            ErrorCode.READ_ONLY,
            "The server runs in read-only mode; " + tool.name() + " changes the workspace and is refused.");
      }
      ArgsValidator.validate(tool.inputSchema(), rawArgs);
      ToolResult result = tool.handler().handle(new Args(rawArgs), context);
      if (result == null) {
        throw new IllegalStateException(tool.name() + " returned no result");
      }
      return Envelope.success(result);
    } catch (Throwable failure) {
      if (failure instanceof VirtualMachineError vme && !(failure instanceof OutOfMemoryError)) {
        throw vme;
      }
      if (failure instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      ErrorMapper.MappedError mapped = ErrorMapper.map(failure);
      if (mapped.code() == ErrorCode.INTERNAL_ERROR) {
        LOG.error("tool {} failed: {} {}", tool.name(), failure.getClass().getName(), Redactor.redact(String.valueOf(failure.getMessage())) + origin(failure));
        Map<String, Object> details = new LinkedHashMap<>(mapped.details());
        details.put("correlation_id", context.correlationId());
        return Envelope.error(mapped.code(), mapped.message(), details);
      }
      return Envelope.error(mapped);
    }
  }

  /** Where it was thrown, without a stack trace: enough to find the line, nothing more. */
  private static String origin(Throwable t) {
    StackTraceElement[] trace = t.getStackTrace();
    return trace.length == 0 ? "" : " at " + trace[0].getClassName() + "." + trace[0].getMethodName() + ":" + trace[0].getLineNumber();
  }

  private static String errorCodeOf(CallToolResult result) {
    if (result.structuredContent() instanceof Map<?, ?> m && m.get("error_code") != null) {
      return String.valueOf(m.get("error_code"));
    }
    return "error";
  }
}
