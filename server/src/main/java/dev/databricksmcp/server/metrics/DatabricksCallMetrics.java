package dev.databricksmcp.server.metrics;

import dev.databricksmcp.server.connection.DatabricksCallObserver;
import java.util.Locale;
import java.util.Set;

/** Counts and times each request to Databricks by method, endpoint template and status. */
final class DatabricksCallMetrics implements DatabricksCallObserver {
  private static final Set<String> METHODS =
      Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");

  private final ServerMetrics metrics;

  DatabricksCallMetrics(ServerMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public Call started(String method, String pathTemplate) {
    long start = System.nanoTime();
    String m = method(method);
    return (status, requestId, failure) -> {
      try {
        metrics.requests.labelValues(m, pathTemplate, status(status)).inc();
        metrics
            .requestDuration
            .labelValues(m, pathTemplate)
            .observe((System.nanoTime() - start) / 1e9);
        metrics.health.ended(status);
      } catch (RuntimeException e) {
        // metrics never fail a request
      }
    };
  }

  static String method(String method) {
    String m = method == null ? "" : method.toUpperCase(Locale.ROOT);
    return METHODS.contains(m) ? m : "OTHER";
  }

  /** The status code, bounded to HTTP's range; "none" when no response came. */
  static String status(int status) {
    if (status == 0) {
      return "none";
    }
    return status >= 100 && status <= 599 ? Integer.toString(status) : "other";
  }
}
