package dev.databricksmcp.server.cli;

import dev.databricksmcp.server.oauth.OAuthSettings;
import dev.databricksmcp.server.transport.HttpAuth;
import dev.databricksmcp.server.transport.HttpLimits;
import dev.databricksmcp.server.transport.HttpSettings;
import dev.databricksmcp.server.transport.HttpTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Transport options of {@code serve} (also accepted without the word serve, as it is the default).
 */
public final class ServeOptions {
  enum Transport {
    stdio,
    http
  }

  static final OptionSpec TRANSPORT =
      OptionSpec.value(
          "--transport",
          "stdio|http",
          "DATABRICKS_MCP_TRANSPORT",
          "stdio",
          "stdio (desktop clients) or http (Streamable HTTP at /mcp).");
  static final OptionSpec HOST =
      OptionSpec.value(
          "--host",
          "HOST",
          "HOST",
          "127.0.0.1",
          "HTTP: interface to bind; beyond loopback only with --auth token or databricks-apps.");
  static final OptionSpec PORT =
      OptionSpec.value("--port", "PORT", "PORT", "8000", "HTTP: port (default 8000).");
  static final OptionSpec STATELESS =
      OptionSpec.flag(
          "--stateless",
          "DATABRICKS_MCP_STATELESS",
          "HTTP: no sessions, for several replicas behind a load balancer.");
  static final OptionSpec ALLOWED_ORIGINS =
      OptionSpec.list(
          "--allowed-origins",
          "LIST",
          "DATABRICKS_MCP_ALLOWED_ORIGINS",
          "HTTP: extra allowed Origin values (loopback is always allowed), e.g."
              + " https://app.example.com.");
  static final OptionSpec ALLOWED_HOSTS =
      OptionSpec.list(
          "--allowed-hosts",
          "LIST",
          "DATABRICKS_MCP_ALLOWED_HOSTS",
          "HTTP: extra allowed Host header values (loopback is always allowed), e.g."
              + " mcp.example.com:*.");
  static final OptionSpec AUTH =
      OptionSpec.value(
          "--auth",
          "MODE",
          "DATABRICKS_MCP_AUTH",
          "none",
          "HTTP authentication: none (loopback only), token, databricks-apps, or databricks-oauth"
              + " (users sign in with Databricks).");
  static final OptionSpec AUTH_TOKENS_FILE =
      OptionSpec.value(
          "--auth-tokens-file",
          "FILE",
          "DATABRICKS_MCP_AUTH_TOKENS_FILE",
          null,
          "--auth token: file with one token (or name=token) per line; or set"
              + " DATABRICKS_MCP_AUTH_TOKENS.");
  static final OptionSpec APPS_SP_FALLBACK =
      OptionSpec.flag(
          "--apps-service-principal-fallback",
          "DATABRICKS_MCP_APPS_SP_FALLBACK",
          "--auth databricks-apps: serve requests without a forwarded user as the app's service"
              + " principal.");
  static final OptionSpec APPS_OUTSIDE_APP =
      OptionSpec.flag(
          "--allow-apps-auth-outside-app",
          "DATABRICKS_MCP_ALLOW_APPS_AUTH_OUTSIDE_APP",
          "--auth databricks-apps beyond loopback outside a Databricks App: only behind a proxy you"
              + " run that signs users in.");
  static final OptionSpec OAUTH_CLIENT_ID =
      OptionSpec.value(
          "--oauth-client-id",
          "ID",
          "DATABRICKS_MCP_OAUTH_CLIENT_ID",
          null,
          "--auth databricks-oauth: client id of the workspace's custom OAuth app integration"
              + " (its secret only from DATABRICKS_MCP_OAUTH_CLIENT_SECRET or _FILE).");
  static final OptionSpec PUBLIC_URL =
      OptionSpec.value(
          "--public-url",
          "URL",
          "DATABRICKS_MCP_PUBLIC_URL",
          null,
          "--auth databricks-oauth: the URL clients reach this server at, e.g."
              + " https://mcp.example.com (required beyond loopback).");
  static final OptionSpec MAX_REQUEST_BYTES =
      OptionSpec.value(
          "--max-request-bytes",
          "BYTES",
          "DATABRICKS_MCP_MAX_REQUEST_BYTES",
          "4194304",
          "HTTP: largest request body accepted (default 4 MiB).");

  static final OptionSpec REQUEST_BODY_TIMEOUT =
      OptionSpec.value(
          "--request-body-timeout",
          "SECONDS",
          "DATABRICKS_MCP_REQUEST_BODY_TIMEOUT",
          "30",
          "HTTP: a client slower to send a request body is cut off (408) (default 30).");

  /** Per client address when listening beyond loopback outside a Databricks App. */
  static final int DEFAULT_CONNECTIONS_PER_CLIENT = 32;

  static final OptionSpec MAX_CONNECTIONS_PER_CLIENT =
      OptionSpec.value(
          "--max-connections-per-client",
          "N",
          "DATABRICKS_MCP_MAX_CONNECTIONS_PER_CLIENT",
          null,
          "HTTP: open connections per client address, 0 for none (default "
              + DEFAULT_CONNECTIONS_PER_CLIENT
              + " beyond loopback; none on loopback or inside a Databricks App, where every client"
              + " has one address).");

  static final OptionSpec METRICS_PORT =
      OptionSpec.value(
          "--metrics-port",
          "PORT",
          "DATABRICKS_MCP_METRICS_PORT",
          null,
          "HTTP: also serve /metrics and the status page on this port without authentication,"
              + " for a scraper (on --metrics-host); /metrics on --port always needs it.");
  static final OptionSpec METRICS_HOST =
      OptionSpec.value(
          "--metrics-host",
          "HOST",
          "DATABRICKS_MCP_METRICS_HOST",
          "127.0.0.1",
          "HTTP: interface for --metrics-port; beyond loopback only inside a private network.");

  static final List<OptionSpec> SPECS =
      List.of(
          TRANSPORT,
          HOST,
          PORT,
          STATELESS,
          ALLOWED_ORIGINS,
          ALLOWED_HOSTS,
          AUTH,
          AUTH_TOKENS_FILE,
          APPS_SP_FALLBACK,
          APPS_OUTSIDE_APP,
          OAUTH_CLIENT_ID,
          PUBLIC_URL,
          MAX_REQUEST_BYTES,
          REQUEST_BODY_TIMEOUT,
          MAX_CONNECTIONS_PER_CLIENT,
          METRICS_PORT,
          METRICS_HOST);

  Transport transport;
  String host;
  int port;
  boolean stateless;
  List<String> allowedOrigins;
  List<String> allowedHosts;
  String auth;
  Path authTokensFile;
  boolean appsServicePrincipalFallback;
  boolean appsOutsideApp;
  String oauthClientId;
  String publicUrl;
  int maxRequestBytes;
  int requestBodyTimeoutSeconds;

  /** Null: not given, decided by where the server listens ({@link #connectionsPerClient}). */
  Integer maxConnectionsPerClient;

  /** Null: /metrics only on the MCP listener, behind its authentication. */
  Integer metricsPort;

  String metricsHost;

  static ServeOptions from(ParsedArgs args) {
    ServeOptions o = new ServeOptions();
    String transport = args.string(TRANSPORT).trim().toLowerCase(Locale.ROOT);
    o.transport =
        switch (transport) {
          case "stdio" -> Transport.stdio;
          case "http" -> Transport.http;
          default ->
              throw new UsageProblem("--transport must be stdio or http (got '" + transport + "')");
        };
    o.host = args.string(HOST);
    o.port = args.integer(PORT);
    o.stateless = args.flag(STATELESS);
    o.allowedOrigins = args.list(ALLOWED_ORIGINS);
    o.allowedHosts = args.list(ALLOWED_HOSTS);
    o.auth = args.string(AUTH);
    o.authTokensFile = args.path(AUTH_TOKENS_FILE);
    o.appsServicePrincipalFallback = args.flag(APPS_SP_FALLBACK);
    o.appsOutsideApp = args.flag(APPS_OUTSIDE_APP);
    o.oauthClientId = args.string(OAUTH_CLIENT_ID);
    o.publicUrl = args.string(PUBLIC_URL);
    o.maxRequestBytes = args.integer(MAX_REQUEST_BYTES);
    o.requestBodyTimeoutSeconds = args.integer(REQUEST_BODY_TIMEOUT);
    o.maxConnectionsPerClient =
        args.string(MAX_CONNECTIONS_PER_CLIENT) == null
            ? null
            : args.integer(MAX_CONNECTIONS_PER_CLIENT);
    o.metricsPort = args.string(METRICS_PORT) == null ? null : args.integer(METRICS_PORT);
    o.metricsHost = args.string(METRICS_HOST);
    return o;
  }

  /**
   * Refuses a metrics listener that would clash with the MCP one or has no valid port. Beyond
   * loopback it is the operator's explicit choice (--metrics-host), as it has no authentication.
   */
  void checkMetricsListener() {
    if (metricsPort == null) {
      return;
    }
    if (metricsPort < 0 || metricsPort > 65535) {
      throw new UsageProblem(
          "--metrics-port must be between 0 and 65535 (got " + metricsPort + ")");
    }
    if (metricsPort != 0 && metricsPort == port) {
      throw new UsageProblem(
          "--metrics-port must differ from --port: /metrics on --port is served already, behind"
              + " its authentication");
    }
  }

  HttpSettings httpSettings() {
    return new HttpSettings(
        host,
        port,
        stateless,
        allowedOrigins,
        allowedHosts,
        maxRequestBytes,
        httpAuth(),
        new HttpLimits(
            Duration.ofSeconds(requestBodyTimeoutSeconds), connectionsPerClient(System.getenv())));
  }

  /**
   * The per-address connection limit. Unless given, none where every client has the same address —
   * on loopback (all of them this machine's, its user's) and inside a Databricks App (all of them
   * the Apps proxy) — where a limit would cap the number of clients instead of what one client can
   * hold.
   */
  int connectionsPerClient(Map<String, String> env) {
    if (maxConnectionsPerClient != null) {
      return maxConnectionsPerClient;
    }
    return HttpTransport.isLoopback(host) || HttpAuth.insideDatabricksApp(env)
        ? 0
        : DEFAULT_CONNECTIONS_PER_CLIENT;
  }

  /**
   * The custom OAuth app integration and the sealing key. Secrets come only from the environment
   * (or a file it names), never from the command line, where any local user could read them.
   */
  OAuthSettings oauthSettings(Map<String, String> env) {
    return new OAuthSettings(
        oauthClientId,
        OAuthSettings.secretFromEnvironment(env, "DATABRICKS_MCP_OAUTH_CLIENT_SECRET", 1),
        publicUrl,
        OAuthSettings.keyFromEnvironment(env),
        null,
        null);
  }

  HttpAuth httpAuth() {
    HttpAuth.Mode mode;
    switch (auth.trim().toLowerCase(Locale.ROOT)) {
      case "none" -> mode = HttpAuth.Mode.NONE;
      case "token" -> mode = HttpAuth.Mode.TOKEN;
      case "databricks-apps" -> mode = HttpAuth.Mode.DATABRICKS_APPS;
      case "databricks-oauth" -> {
        return HttpAuth.databricksOAuth(oauthSettings(System.getenv()));
      }
      default ->
          throw new IllegalArgumentException(
              "--auth must be none, token, databricks-apps or databricks-oauth (got '"
                  + auth
                  + "')");
    }
    Map<String, String> tokens = new LinkedHashMap<>();
    if (mode == HttpAuth.Mode.TOKEN) {
      tokens.putAll(HttpAuth.parseTokens(System.getenv("DATABRICKS_MCP_AUTH_TOKENS")));
      if (authTokensFile != null) {
        try {
          tokens.putAll(HttpAuth.parseTokens(Files.readString(authTokensFile)));
        } catch (IOException e) {
          throw new IllegalArgumentException(
              "cannot read --auth-tokens-file " + authTokensFile + ": " + e.getMessage());
        }
      }
    }
    return new HttpAuth(mode, tokens, appsServicePrincipalFallback, appsOutsideApp);
  }
}
