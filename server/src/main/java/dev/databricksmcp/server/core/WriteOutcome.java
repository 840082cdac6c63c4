package dev.databricksmcp.server.core;

import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.DatabricksException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.UnknownHostException;

/**
 * Whether a request that failed may still have been carried out by Databricks. Only an answer that
 * refuses the request (4xx, 501) or a failure before anything was sent (no connection) proves that
 * nothing happened; a timeout, a lost connection or a 5xx proves nothing either way.
 */
public final class WriteOutcome {
  /** What the SDK reports for an I/O failure (no HTTP answer at all). */
  static final int SDK_IO_ERROR = 523;

  private WriteOutcome() {}

  /** True when the failure leaves open whether the request took effect. */
  public static boolean uncertain(Throwable failure) {
    if (failure instanceof ToolException || failure instanceof InterruptedException) {
      return false; // a verdict of the tool's own, or the deadline's interrupt
    }
    DatabricksError api = find(failure, DatabricksError.class);
    if (api != null && api.getStatusCode() > 0 && api.getStatusCode() != SDK_IO_ERROR) {
      int status = api.getStatusCode();
      return !(status >= 400 && status < 500 || status == 501);
    }
    if (find(failure, IOException.class) != null) {
      return !neverSent(failure);
    }
    if (api == null && failure instanceof DatabricksException) {
      return false; // configuration and authentication: nothing was sent
    }
    return true; // our own failure, possibly after the request went out
  }

  /** The connection was never made, so the request never left. */
  private static boolean neverSent(Throwable failure) {
    return find(failure, ConnectException.class) != null
        || find(failure, UnknownHostException.class) != null
        || find(failure, NoRouteToHostException.class) != null
        || find(failure, PortUnreachableException.class) != null;
  }

  static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }
}
