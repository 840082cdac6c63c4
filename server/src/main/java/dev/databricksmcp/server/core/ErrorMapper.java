package dev.databricksmcp.server.core;

import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.DatabricksException;
import com.databricks.sdk.core.error.platform.AlreadyExists;
import com.databricks.sdk.core.error.platform.BadRequest;
import com.databricks.sdk.core.error.platform.Cancelled;
import com.databricks.sdk.core.error.platform.DeadlineExceeded;
import com.databricks.sdk.core.error.platform.InvalidState;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.error.platform.NotImplemented;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.core.error.platform.ResourceConflict;
import com.databricks.sdk.core.error.platform.ResourceExhausted;
import com.databricks.sdk.core.error.platform.TemporarilyUnavailable;
import com.databricks.sdk.core.error.platform.TooManyRequests;
import com.databricks.sdk.core.error.platform.Unauthenticated;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The one place where exceptions become error envelopes: Databricks SDK errors to our codes, with
 * the Databricks error code and request id kept as details and every message redacted. Nothing here
 * ever returns a stack trace or the name of a Java class.
 */
public final class ErrorMapper {
  /**
   * Whether a stack frame belongs to the SDK's configuration and credential code: a plain
   * DatabricksException thrown there means the connection could not be configured or authenticated.
   */
  private static boolean isConfigOrAuthFrame(String className) {
    if (!className.startsWith("com.databricks.sdk.core.")) {
      return false;
    }
    String rest = className.substring("com.databricks.sdk.core.".length());
    return rest.startsWith("oauth.")
        || rest.startsWith("ConfigLoader")
        || rest.startsWith("DatabricksConfig")
        || rest.contains("Credentials")
        || rest.contains("TokenSource");
  }

  /**
   * How the Jobs and Clusters APIs answer an unknown id: 400 INVALID_PARAMETER_VALUE "Job 12 does
   * not exist." The SDK's own ErrorOverrides make these ResourceDoesNotExist on the get routes
   * only; the same answer on every other route (update, delete, run-now, runs/cancel …) is the same
   * fact, so it is NOT_FOUND too. The patterns are the SDK's.
   */
  private static final Pattern UNKNOWN_ID =
      Pattern.compile("(Cluster|Job|Run) .* does not exist|Run: .* in job: .* doesn't exist");

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
        || findCause(failure, InterruptedIOException.class) != null
        || findCause(failure, InterruptedException.class) != null) {
      return new MappedError(
          ErrorCode.TIMEOUT,
          "The request to Databricks timed out; try again, or narrow the request.",
          Map.of());
    }
    if (findCause(failure, ConnectException.class) != null
        || findCause(failure, UnknownHostException.class) != null) {
      return new MappedError(
          ErrorCode.UNAVAILABLE,
          "Cannot reach the Databricks workspace: " + Redactor.redact(rootMessage(failure)),
          Map.of());
    }
    if (failure instanceof DatabricksException) {
      return fromPlainSdkException(failure);
    }
    return new MappedError(
        ErrorCode.INTERNAL_ERROR,
        "Internal error; see the server log for the correlation id.",
        Map.of());
  }

  /**
   * A DatabricksException that is not an API error: the SDK could not configure or authenticate the
   * connection (thrown from its configuration and credential classes), gave up after retries, or
   * could not read what the workspace answered.
   */
  private static MappedError fromPlainSdkException(Throwable failure) {
    String message = Redactor.redact(firstLine(failure.getMessage()));
    if (thrownFromConfigOrAuth(failure)) {
      return new MappedError(ErrorCode.AUTHENTICATION_ERROR, message, Map.of());
    }
    if (message.contains("failed after") && message.contains("retries")) {
      return new MappedError(
          ErrorCode.UNAVAILABLE,
          message + " (retried by the Databricks SDK before giving up)",
          Map.of());
    }
    if (findCause(failure, IOException.class) != null || message.startsWith("IO error")) {
      return new MappedError(
          ErrorCode.UNAVAILABLE,
          "The Databricks workspace could not be read: " + message,
          Map.of());
    }
    return new MappedError(
        ErrorCode.INTERNAL_ERROR, "The Databricks SDK failed: " + message, Map.of());
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
    String message = Redactor.redact(apiMessage(e));
    boolean retried = outer != e && String.valueOf(outer.getMessage()).contains("retries");
    ErrorCode code = codeFor(e);
    if (code == ErrorCode.RATE_LIMITED) {
      long retryAfter =
          e.getErrorDetails() == null
              ? 0
              : e.getErrorDetails().retryInfo().map(r -> r.retryDelay().toSeconds()).orElse(0L);
      if (retryAfter > 0) {
        details.put("retry_after_seconds", retryAfter);
        message = message + " Retry after " + retryAfter + "s.";
      } else if (e instanceof ResourceExhausted) {
        message =
            message
                + " A rate limit or quota of the workspace was reached: wait before retrying; if it"
                + " keeps happening, the quota must be raised or usage lowered.";
      } else {
        message = message + " Databricks is rate limiting; wait a few seconds before retrying.";
      }
    }
    if (code == ErrorCode.NOT_SUPPORTED) {
      message = message + " This workspace does not offer the operation; retrying will not help.";
    }
    if (retried) {
      message = message + " (retried by the Databricks SDK before giving up)";
    }
    return new MappedError(code, message, details);
  }

  static ErrorCode codeFor(DatabricksError e) {
    int status = e.getStatusCode();
    String errorCode = String.valueOf(e.getErrorCode());
    if (e instanceof Unauthenticated || status == 401) {
      return ErrorCode.AUTHENTICATION_ERROR;
    }
    if (e instanceof PermissionDenied || status == 403) {
      return ErrorCode.PERMISSION_DENIED;
    }
    if (e instanceof NotFound
        || status == 404
        || "INVALID_PARAMETER_VALUE".equals(errorCode)
            && UNKNOWN_ID.matcher(String.valueOf(e.getMessage())).find()) {
      return ErrorCode.NOT_FOUND;
    }
    // before ResourceConflict: both already-exists classes extend it
    if (e instanceof ResourceAlreadyExists
        || e instanceof AlreadyExists
        || errorCode.endsWith("ALREADY_EXISTS")) {
      return ErrorCode.ALREADY_EXISTS;
    }
    // an object in the wrong state for the operation (e.g. a stopped cluster): a conflict, not bad
    // input
    if (e instanceof InvalidState || e instanceof ResourceConflict || status == 409) {
      return ErrorCode.CONFLICT;
    }
    if (e instanceof NotImplemented || status == 501) {
      return ErrorCode.NOT_SUPPORTED;
    }
    if (e instanceof TooManyRequests || status == 429) {
      return ErrorCode.RATE_LIMITED;
    }
    if (e instanceof DeadlineExceeded || e instanceof Cancelled || status == 504 || status == 408) {
      return ErrorCode.TIMEOUT;
    }
    if (e instanceof TemporarilyUnavailable || status == 503 || status == 502 || status == 523) {
      return ErrorCode.UNAVAILABLE;
    }
    if (e instanceof BadRequest
        || status == 400
        || status == 413
        || status == 414
        || status == 422) {
      return ErrorCode.VALIDATION_ERROR;
    }
    return ErrorCode.INTERNAL_ERROR;
  }

  /**
   * The API error's first line; a web page (a proxy's 414 or 502 page) becomes one plain sentence,
   * never HTML for the model.
   */
  private static String apiMessage(DatabricksError e) {
    String message = firstLine(e.getMessage());
    String lower = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    if (lower.contains("<html") || lower.contains("<!doctype") || lower.contains("<body")) {
      int status = e.getStatusCode();
      if (status == 413 || status == 414) {
        return "The request was too large for Databricks (HTTP "
            + status
            + "); shorten the arguments.";
      }
      return "Databricks answered HTTP " + status + " with a web page instead of an API error.";
    }
    return message;
  }

  private static boolean thrownFromConfigOrAuth(Throwable failure) {
    for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
      for (StackTraceElement frame : c.getStackTrace()) {
        if (isConfigOrAuthFrame(frame.getClassName())) {
          return true;
        }
      }
    }
    return false;
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
    return firstLine(root.getMessage() == null ? "no details" : root.getMessage());
  }

  /** The first line with text on it, at most 1000 characters. */
  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    String text = message.strip();
    int nl = text.indexOf('\n');
    String line = nl == -1 ? text : text.substring(0, nl).strip();
    return line.length() > 1000 ? line.substring(0, 1000) + "…" : line;
  }
}
