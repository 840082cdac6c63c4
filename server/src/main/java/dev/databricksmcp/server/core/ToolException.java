package dev.databricksmcp.server.core;

import java.util.Map;

/**
 * A failure a tool reports to the model as an error envelope. The message is shown as is, so it
 * must say what went wrong and what to do, and must not carry secrets.
 */
public final class ToolException extends RuntimeException {
  private final ErrorCode code;
  private final Map<String, Object> details;

  public ToolException(ErrorCode code, String message) {
    this(code, message, Map.of());
  }

  public ToolException(ErrorCode code, String message, Map<String, Object> details) {
    super(message, null, false, false);
    this.code = code;
    this.details = Map.copyOf(details);
  }

  public ErrorCode code() {
    return code;
  }

  public Map<String, Object> details() {
    return details;
  }

  /** Bad input: names the field so the model can fix its call. */
  public static ToolException validation(String field, String problem) {
    return new ToolException(
        ErrorCode.VALIDATION_ERROR, field + ": " + problem, Map.of("field", field));
  }

  public static ToolException notFound(String what) {
    return new ToolException(ErrorCode.NOT_FOUND, what + " was not found");
  }
}
