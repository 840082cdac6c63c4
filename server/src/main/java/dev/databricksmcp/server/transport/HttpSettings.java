package dev.databricksmcp.server.transport;

import java.util.List;
import java.util.Map;

/**
 * Streamable HTTP settings.
 *
 * @param host interface to bind; 127.0.0.1 unless told otherwise
 * @param port TCP port, 0 for a free one
 * @param stateless no sessions: every request stands alone (for replicas behind a load balancer)
 * @param allowedOrigins extra Origin values accepted besides loopback ones (wildcard port
 *     "http://h:*")
 * @param allowedHosts extra Host values accepted besides loopback ones ("h:*")
 * @param maxRequestBytes largest request body accepted
 * @param auth how callers authenticate; NONE is accepted on loopback only
 * @param limits what one client may hold: body read time, open connections
 */
public record HttpSettings(
    String host,
    int port,
    boolean stateless,
    List<String> allowedOrigins,
    List<String> allowedHosts,
    int maxRequestBytes,
    HttpAuth auth,
    HttpLimits limits) {
  public static final int DEFAULT_MAX_REQUEST_BYTES = 4 * 1024 * 1024;

  public HttpSettings {
    allowedOrigins = List.copyOf(allowedOrigins);
    allowedHosts = List.copyOf(allowedHosts);
    if (auth == null) {
      auth = HttpAuth.none();
    }
    if (limits == null) {
      limits = HttpLimits.DEFAULT;
    }
  }

  /** With the default limits. */
  public HttpSettings(
      String host,
      int port,
      boolean stateless,
      List<String> allowedOrigins,
      List<String> allowedHosts,
      int maxRequestBytes,
      HttpAuth auth) {
    this(
        host,
        port,
        stateless,
        allowedOrigins,
        allowedHosts,
        maxRequestBytes,
        auth,
        HttpLimits.DEFAULT);
  }

  /** Without authentication (loopback only). */
  public HttpSettings(
      String host,
      int port,
      boolean stateless,
      List<String> allowedOrigins,
      List<String> allowedHosts,
      int maxRequestBytes) {
    this(
        host,
        port,
        stateless,
        allowedOrigins,
        allowedHosts,
        maxRequestBytes,
        HttpAuth.none(),
        HttpLimits.DEFAULT);
  }

  public static HttpSettings loopback(int port) {
    return new HttpSettings(
        "127.0.0.1", port, false, List.of(), List.of(), DEFAULT_MAX_REQUEST_BYTES);
  }

  /** Listening beyond loopback without authentication would hand the workspace to the network. */
  public void checkExposure() {
    checkExposure(System.getenv());
  }

  /**
   * Refuses to listen beyond loopback without authentication, and with databricks-apps outside a
   * Databricks App unless the operator opted in: there no Apps proxy signs users in, so anyone who
   * reaches the port could pass any workspace token through the server, or (with the fallback) act
   * as the app's service principal without any token at all.
   */
  public void checkExposure(Map<String, String> env) {
    if (auth.mode() == HttpAuth.Mode.DATABRICKS_OAUTH && stateless && auth.oauth().key() == null) {
      throw new IllegalArgumentException(
          "--auth databricks-oauth with --stateless needs DATABRICKS_MCP_OAUTH_KEY (or"
              + " DATABRICKS_MCP_OAUTH_KEY_FILE), the same on every replica: each replica must open"
              + " the tokens the others issued");
    }
    if (HttpTransport.isLoopback(host)) {
      return;
    }
    if (auth.mode() == HttpAuth.Mode.DATABRICKS_OAUTH && auth.oauth().publicUrl() == null) {
      throw new IllegalArgumentException(
          "--auth databricks-oauth on "
              + host
              + " needs --public-url (DATABRICKS_MCP_PUBLIC_URL): the URL clients reach this server"
              + " at, which Databricks redirects users back to and every token is bound to");
    }
    if (auth.mode() == HttpAuth.Mode.NONE) {
      throw new IllegalArgumentException(
          "refusing to listen on "
              + host
              + " without authentication: use --auth token (with DATABRICKS_MCP_AUTH_TOKENS or"
              + " --auth-tokens-file) or --auth databricks-apps, or bind 127.0.0.1");
    }
    boolean trustedFront = auth.appsOutsideDatabricksApp() || HttpAuth.insideDatabricksApp(env);
    if (auth.mode() == HttpAuth.Mode.DATABRICKS_APPS && !trustedFront) {
      throw new IllegalArgumentException(
          "refusing --auth databricks-apps on "
              + host
              + " outside a Databricks App (DATABRICKS_APP_NAME and DATABRICKS_APP_PORT are not"
              + " set): without the Apps proxy in front, anyone who reaches the port chooses the"
              + " forwarded headers. Use --auth token, bind 127.0.0.1, or, behind a proxy of your"
              + " own that signs users in and sets X-Forwarded-Access-Token, pass"
              + " --allow-apps-auth-outside-app");
    }
  }
}
