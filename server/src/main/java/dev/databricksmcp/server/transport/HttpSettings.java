package dev.databricksmcp.server.transport;

import java.util.List;

/**
 * Streamable HTTP settings.
 *
 * @param host interface to bind; 127.0.0.1 unless told otherwise
 * @param port TCP port, 0 for a free one
 * @param stateless no sessions: every request stands alone (for replicas behind a load balancer)
 * @param allowedOrigins extra Origin values accepted besides loopback ones (wildcard port "http://h:*")
 * @param allowedHosts extra Host values accepted besides loopback ones ("h:*")
 * @param maxRequestBytes largest request body accepted
 */
public record HttpSettings(
    String host, int port, boolean stateless, List<String> allowedOrigins, List<String> allowedHosts, int maxRequestBytes) {
  public static final int DEFAULT_MAX_REQUEST_BYTES = 4 * 1024 * 1024;

  public HttpSettings {
    allowedOrigins = List.copyOf(allowedOrigins);
    allowedHosts = List.copyOf(allowedHosts);
  }

  public static HttpSettings loopback(int port) {
    return new HttpSettings("127.0.0.1", port, false, List.of(), List.of(), DEFAULT_MAX_REQUEST_BYTES);
  }
}
