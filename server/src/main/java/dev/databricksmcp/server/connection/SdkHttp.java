package dev.databricksmcp.server.connection;

import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.http.HttpClient;

/**
 * The HTTP client every workspace client of the server uses: the SDK's own, with two repairs.
 * Writes are not sent twice when the first may have been carried out ({@link WriteRetryGuard}), and
 * percent-encoded path segments survive the SDK adding query parameters ({@link
 * PathPreservingHttpClient}). Every request is told to the server's {@link DatabricksCallObserver}
 * (metrics, traces).
 */
public final class SdkHttp {
  private SdkHttp() {}

  /**
   * Sets the repaired client on {@code config}, before a WorkspaceClient is built from it; returns
   * it.
   */
  public static DatabricksConfig install(DatabricksConfig config) {
    return install(config, DatabricksCallObserver.NONE);
  }

  /** As {@link #install(DatabricksConfig)}, each request told to {@code observer}. */
  public static DatabricksConfig install(DatabricksConfig config, DatabricksCallObserver observer) {
    HttpClient client = new PathPreservingHttpClient(WriteRetryGuard.forConfig(config));
    return config.setHttpClient(
        observer == DatabricksCallObserver.NONE
            ? client
            : new ObservedHttpClient(client, observer));
  }
}
