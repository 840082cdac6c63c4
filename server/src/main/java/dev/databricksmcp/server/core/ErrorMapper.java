package dev.databricksmcp.server.core;

import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.DatabricksException;
import com.databricks.sdk.core.error.platform.BadRequest;
import com.databricks.sdk.core.error.platform.Cancelled;
import com.databricks.sdk.core.error.platform.DeadlineExceeded;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.error.platform.NotImplemented;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.core.error.platform.ResourceConflict;
import com.databricks.sdk.core.error.platform.TemporarilyUnavailable;
import com.databricks.sdk.core.error.platform.TooManyRequests;
import com.databricks.sdk.core.error.platform.Unauthenticated;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The one place where exceptions become error envelopes: Databricks SDK errors to our codes, with
 * the Databricks error code and request id kept as details and every message redacted. Nothing here
 * ever returns a stack trace.
 */
public final class ErrorMapper {
  private ErrorMapper() {}

  /** A mapped error: code, message for the model, details. */
  public record MappedError(ErrorCode code, String message, Map<String, Object> details) {}

  public static MappedError map(Throwable failure) {
    if (failure instanceof ToolException te) {
      return new MappedError(te.code(), Redactor.redact(te.getMessage()), te.details());
    }
    DatabricksError api = findCause(failure, DatabricksError.class);
    if (api != null) {
      return fromDatabricks(api, failure);
    }
    if (findCause(failure, SocketTimeoutException.class) != null
        || findCause(failure, TimeoutException.class) != null
        || findCause(failure, InterruptedIOException.class) != null) {
      return new MappedError(ErrorCode.TIMEOUT, "The request to Databricks timed out; try again, or narrow the request.", Map.of());
    }
    if (findCause(failure, ConnectException.class) != null || findCause(failure, UnknownHostException.class) != null) {
      return new MappedError(
          ErrorCode.UNAVAILABLE, "Cannot reach the Databricks workspace: " + Redactor.redact(rootMessage(failure)), Map.of());
    }
    if (failure instanceof DatabricksException) {
      // configuration and authentication problems surface as plain DatabricksException
      return new MappedError(ErrorCode.AUTHENTICATION_ERROR, Redactor.redact(firstLine(failure.getMessage())), Map.of());
    }
    return new MappedError(
        ErrorCode.INTERNAL_ERROR,
        "Internal error (" + failure.getClass().getSimpleName() + "); see the server log for the correlation id.",
        Map.of());
  }

  private static MappedError fromDatabricks(DatabricksError e, Throwable outer) {
    Map<String, Object> details = new LinkedHashMap<>();
    if (e.getErrorCode() != null) {
      details.put("databricks_error_code", e.getErrorCode());
    }
    if (e.getStatusCode() > 0) {
      details.put("http_status", e.getStatusCode());
    }
    if (e.getErrorDetails() != null) {
      e.getErrorDetails().requestInfo().ifPresent(r -> details.put("request_id", r.requestId()));
    }
    String message = Redactor.redact(firstLine(e.getMessage()));
    ErrorCode code = codeFor(e);
    if (code == ErrorCode.RATE_LIMITED) {
      long retryAfter =
          e.getErrorDetails() == null
              ? 0
              : e.getErrorDetails().retryInfo().map(r -> r.retryDelay().toSeconds()).orElse(0L);
      if (retryAfter > 0) {
        details.put("retry_after_seconds", retryAfter);
        message = message + " Retry after " + retryAfter + "s.";
      } else {
        message = message + " Databricks is rate limiting; the client already retried. Wait a few seconds before retrying.";
      }
    }
    if (code == ErrorCode.UNAVAILABLE && outer != e) {
      message = message + " (retried by the Databricks SDK before giving up)";
    }
    return new MappedError(code, message, details);
  }

  static ErrorCode codeFor(DatabricksError e) {
    if (e instanceof Unauthenticated || e.getStatusCode() == 401) {
      return ErrorCode.AUTHENTICATION_ERROR;
    }
    if (e instanceof PermissionDenied || e.getStatusCode() == 403) {
      return ErrorCode.PERMISSION_DENIED;
    }
    if (e instanceof NotFound || e.getStatusCode() == 404) {
      return ErrorCode.NOT_FOUND;
    }
    if (e instanceof ResourceAlreadyExists || "RESOURCE_ALREADY_EXISTS".equals(e.getErrorCode())
        || String.valueOf(e.getErrorCode()).endsWith("_ALREADY_EXISTS")) {
      return ErrorCode.ALREADY_EXISTS;
    }
    if (e instanceof ResourceConflict || e.getStatusCode() == 409) {
      return ErrorCode.CONFLICT;
    }
    if (e instanceof TooManyRequests || e.getStatusCode() == 429) {
      return ErrorCode.RATE_LIMITED;
    }
    if (e instanceof DeadlineExceeded || e instanceof Cancelled || e.getStatusCode() == 504) {
      return ErrorCode.TIMEOUT;
    }
    if (e instanceof TemporarilyUnavailable || e.getStatusCode() == 503 || e.getStatusCode() == 523
        || e.getStatusCode() == 502) {
      return ErrorCode.UNAVAILABLE;
    }
    if (e instanceof BadRequest || e.getStatusCode() == 400 || e instanceof NotImplemented) {
      return ErrorCode.VALIDATION_ERROR;
    }
    return ErrorCode.INTERNAL_ERROR;
  }

  private static <T extends Throwable> T findCause(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return firstLine(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    String line = nl < 0 ? message : message.substring(0, nl);
    return line.length() > 1000 ? line.substring(0, 1000) + "…" : line;
  }
}
