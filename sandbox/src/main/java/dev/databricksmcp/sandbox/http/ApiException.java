package dev.databricksmcp.sandbox.http;

/**
 * Thrown by an API handler; rendered as {@code {"error_code": …, "message": …}} with the code's
 * status.
 */
public final class ApiException extends RuntimeException {
  private final ErrorCode code;

  public ApiException(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
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
