package dev.databricksmcp.sandbox.http;

/**
 * Thrown by an API handler; rendered as {@code {"error_code": …, "message": …}} with the code's
 * status.
 */
public final class ApiException extends RuntimeException {
  private final ErrorCode code;
  private final int status;

  public ApiException(ErrorCode code, String message) {
    this(code, code.httpStatus(), message);
  }

  /**
   * An error a service answers with another status than the code's usual one (the Workspace API
   * sends RESOURCE_ALREADY_EXISTS with 400, not 409).
   */
  public ApiException(ErrorCode code, int status, String message) {
    super(message, null, false, false);
    this.code = code;
    this.status = status;
  }

  public ErrorCode code() {
    return code;
  }

  /** The HTTP status sent with it. */
  public int status() {
    return status;
  }

  public static ApiException notFound(ErrorCode code, String message) {
    return new ApiException(code, message);
  }

  public static ApiException invalid(String message) {
    return new ApiException(ErrorCode.INVALID_PARAMETER_VALUE, message);
  }

  public static ApiException denied(String message) {
    return new ApiException(ErrorCode.PERMISSION_DENIED, message);
  }
}
