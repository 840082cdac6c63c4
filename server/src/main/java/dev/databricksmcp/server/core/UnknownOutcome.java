package dev.databricksmcp.server.core;

import com.databricks.sdk.core.DatabricksError;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer for a call whose effect is not known: a write tool that ran out of time, or whose
 * request failed in a way that does not prove it was refused. Such a call is never reported as not
 * done: the answer says the change may have happened and names the read tool to check with first,
 * because a retry of a write that did happen does it twice.
 */
final class UnknownOutcome {
  private UnknownOutcome() {}

  /** The backstop's TIMEOUT. A read-only tool's may say it was stopped; a write's may not. */
  static CallToolResult timeout(ToolDef tool, Duration timeout, CallNotes notes) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("timeout_seconds", timeout.toSeconds());
    if (tool.readOnly()) {
      addHandles(details, notes);
      return Envelope.error(
          ErrorCode.TIMEOUT,
          tool.name()
              + " did not finish within "
              + timeout.toSeconds()
              + "s and was stopped; narrow the request, or use a tool that returns a handle to"
              + " resume (e.g. a statement id).",
          details);
    }
    String message =
        tool.name()
            + " did not finish within "
            + timeout.toSeconds()
            + "s, and its change may have "
            + "been made anyway: the request may have reached Databricks before the deadline. "
            + checkFirst(tool, notes);
    return Envelope.error(ErrorCode.TIMEOUT, message, unknownDetails(details, tool, notes));
  }

  /**
   * A write tool's failure that leaves its effect open: the request may have been carried out, or
   * work it started (a tracked handle) exists whatever failed after.
   */
  static boolean applies(ToolDef tool, Throwable failure, CallNotes notes) {
    if (tool.readOnly() || !notes.handlerRan() || failure instanceof ToolException) {
      return false;
    }
    return !notes.handles().isEmpty() || WriteOutcome.uncertain(failure);
  }

  static CallToolResult failure(
      ToolDef tool, Throwable failure, ErrorMapper.MappedError mapped, CallNotes notes) {
    WorkHandle started = notes.latest();
    String message =
        started != null
            ? tool.name()
                + " started "
                + started.name()
                + "="
                + started.value()
                + " in Databricks, but a later request "
                + "failed ("
                + reason(failure, mapped)
                + "). It may still be running, or may have taken effect already. "
            : tool.name()
                + " may have changed the workspace anyway: the request may have reached Databricks,"
                + " but no answer confirmed it ("
                + reason(failure, mapped)
                + "). ";
    Map<String, Object> details = new LinkedHashMap<>(mapped.details());
    return Envelope.error(
        mapped.code(), message + checkFirst(tool, notes), unknownDetails(details, tool, notes));
  }

  /** Puts the ids of the work the call started into an error's details. */
  static Map<String, Object> addHandles(Map<String, Object> details, CallNotes notes) {
    for (WorkHandle h : notes.handles()) {
      details.putIfAbsent(h.name(), h.value());
    }
    return details;
  }

  private static Map<String, Object> unknownDetails(
      Map<String, Object> details, ToolDef tool, CallNotes notes) {
    details.put("may_have_changed", true);
    WorkHandle started = notes.latest();
    String checkWith = started != null ? started.checkWith() : tool.checkWith();
    if (checkWith != null) {
      details.put("check_with", checkWith);
    }
    addHandles(details, notes);
    if (notes.target() != null) {
      details.put("target", notes.target());
    }
    return details;
  }

  private static String checkFirst(ToolDef tool, CallNotes notes) {
    WorkHandle started = notes.latest();
    String check =
        started != null
            ? started.howToCheck()
            : tool.checkWith() != null ? tool.checkWith() : "the matching get_ or list_ tool";
    String target = notes.target() == null ? "" : " It was to " + notes.target() + ".";
    return "Before any retry, check with "
        + check
        + " whether it happened; a retry may do it twice."
        + target;
  }

  /** What went wrong, without advice that assumes nothing happened. */
  private static String reason(Throwable failure, ErrorMapper.MappedError mapped) {
    DatabricksError api = WriteOutcome.find(failure, DatabricksError.class);
    if (api != null
        && api.getStatusCode() > 0
        && api.getStatusCode() != WriteOutcome.SDK_IO_ERROR) {
      return "Databricks answered HTTP " + api.getStatusCode() + ": " + mapped.message();
    }
    IOException io = WriteOutcome.find(failure, IOException.class);
    if (io != null) {
      // the exception's words, never its class name: the model gets no Java internals
      String what = io.getMessage() == null ? "the connection ended without one" : io.getMessage();
      return "no answer from Databricks: " + Redactor.redact(firstLine(what));
    }
    return mapped.message();
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }
}
