package dev.databricksmcp.server.cli;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.util.Map;

/**
 * The container image's health check (the Dockerfile's {@code HEALTHCHECK}): asks the server in the
 * same container for {@code GET /healthz} and exits 0 when it answers 200, 1 otherwise. A class of
 * its own instead of curl, so the image needs nothing beside the JRE, and instead of a command of
 * {@link Main}, so a probe every half minute loads no more than it needs. It finds the server the
 * way the server finds its address, from {@code HOST} and {@code PORT} (the image is configured by
 * environment only).
 */
public final class HealthCheck {
  private static final int TIMEOUT_MILLIS = 3_000;

  private HealthCheck() {}

  public static void main(String[] args) {
    System.exit(probe(System.getenv()) ? 0 : 1);
  }

  /** True when the server HOST and PORT name answers /healthz with 200; says why not on stderr. */
  static boolean probe(Map<String, String> env) {
    URI uri = healthUri(env);
    try {
      // never through a proxy: the server is in this container
      HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
      connection.setConnectTimeout(TIMEOUT_MILLIS);
      connection.setReadTimeout(TIMEOUT_MILLIS);
      int status = connection.getResponseCode();
      connection.disconnect();
      if (status != 200) {
        System.err.println("databricks-mcp health check: " + uri + " answered " + status);
      }
      return status == 200;
    } catch (IOException | RuntimeException e) {
      System.err.println("databricks-mcp health check: " + uri + ": " + e.getMessage());
      return false;
    }
  }

  /**
   * {@code http://HOST:PORT/healthz} as the server resolves them (variable, else default); a
   * wildcard HOST (0.0.0.0, ::), on which nothing can be reached, is asked on loopback.
   */
  static URI healthUri(Map<String, String> env) {
    ParsedArgs args = ParsedArgs.parse(new String[0], env);
    String host = args.string(ServeOptions.HOST).trim();
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      host = "127.0.0.1";
    } else if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + args.integer(ServeOptions.PORT) + "/healthz");
  }
}
