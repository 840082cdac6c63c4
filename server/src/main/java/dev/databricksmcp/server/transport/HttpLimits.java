package dev.databricksmcp.server.transport;

import java.time.Duration;

/**
 * What one HTTP client may hold of the server.
 *
 * @param requestBodyTimeout how long a client may take to send a request body; it is read without
 *     holding a thread, and cut off (408, connection closed) when late
 * @param maxConnectionsPerClient open connections per client address; 0 for no limit (behind a
 *     proxy every client shares the proxy's address)
 */
public record HttpLimits(Duration requestBodyTimeout, int maxConnectionsPerClient) {
  /**
   * For a server embedded on loopback (tests, the conformance fixture): no per-address limit, as
   * the command line decides there too (ServeOptions.connectionsPerClient); the body deadline
   * applies.
   */
  public static final HttpLimits DEFAULT = new HttpLimits(Duration.ofSeconds(30), 0);

  public HttpLimits {
    if (requestBodyTimeout == null
        || requestBodyTimeout.isNegative()
        || requestBodyTimeout.isZero()) {
      throw new IllegalArgumentException("the request body timeout must be at least 1 second");
    }
    if (maxConnectionsPerClient < 0) {
      throw new IllegalArgumentException("the connections per client must be 0 (no limit) or more");
    }
  }
}
