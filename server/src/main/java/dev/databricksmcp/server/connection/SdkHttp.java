package dev.databricksmcp.server.connection;

import com.databricks.sdk.core.DatabricksConfig;

/**
 * The HTTP client every workspace client of the server uses: the SDK's own, with two repairs.
 * Writes are not sent twice when the first may have been carried out ({@link WriteRetryGuard}), and
 * percent-encoded path segments survive the SDK adding query parameters ({@link
 * PathPreservingHttpClient}).
 */
public final class SdkHttp {
  private SdkHttp() {}

  /**
   * Sets the repaired client on {@code config}, before a WorkspaceClient is built from it; returns
   * it.
   */
  public static DatabricksConfig install(DatabricksConfig config) {
    return config.setHttpClient(new PathPreservingHttpClient(WriteRetryGuard.forConfig(config)));
  }
}
