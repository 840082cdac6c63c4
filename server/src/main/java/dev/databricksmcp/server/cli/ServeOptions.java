package dev.databricksmcp.server.cli;

import dev.databricksmcp.server.transport.HttpAuth;
import dev.databricksmcp.server.transport.HttpSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import picocli.CommandLine.Option;

/** Transport options of {@code serve} (also accepted without the word serve, as it is the default). */
public final class ServeOptions {
  enum Transport {
    stdio,
    http
  }

  @Option(
      names = "--transport",
      defaultValue = "${env:DATABRICKS_MCP_TRANSPORT:-stdio}",
      description = "stdio (desktop clients) or http (Streamable HTTP at /mcp) (env DATABRICKS_MCP_TRANSPORT).")
  Transport transport;

  @Option(
      names = "--host",
      defaultValue = "${env:HOST:-127.0.0.1}",
      description = "HTTP: interface to bind (env HOST). Beyond loopback only with --auth token or databricks-apps.")
  String host;

  @Option(names = "--port", defaultValue = "${env:PORT:-8000}", description = "HTTP: port (env PORT, default 8000).")
  int port;

  @Option(
      names = "--stateless",
      defaultValue = "${env:DATABRICKS_MCP_STATELESS:-false}",
      description = "HTTP: no sessions, for several replicas behind a load balancer (env DATABRICKS_MCP_STATELESS).")
  boolean stateless;

  @Option(
      names = "--allowed-origins",
      split = ",",
      paramLabel = "LIST",
      defaultValue = "${env:DATABRICKS_MCP_ALLOWED_ORIGINS}",
      description = "HTTP: extra allowed Origin values (loopback is always allowed), e.g. https://app.example.com.")
  List<String> allowedOrigins;

  @Option(
      names = "--allowed-hosts",
      split = ",",
      paramLabel = "LIST",
      defaultValue = "${env:DATABRICKS_MCP_ALLOWED_HOSTS}",
      description = "HTTP: extra allowed Host header values (loopback is always allowed), e.g. mcp.example.com:*.")
  List<String> allowedHosts;

  @Option(
      names = "--auth",
      defaultValue = "${env:DATABRICKS_MCP_AUTH:-none}",
      description = "HTTP authentication: none (loopback only), token, or databricks-apps (env DATABRICKS_MCP_AUTH).")
  String auth;

  @Option(
      names = "--auth-tokens-file",
      paramLabel = "FILE",
      defaultValue = "${env:DATABRICKS_MCP_AUTH_TOKENS_FILE}",
      description = "--auth token: file with one token (or name=token) per line; or set DATABRICKS_MCP_AUTH_TOKENS.")
  Path authTokensFile;

  @Option(
      names = "--apps-service-principal-fallback",
      defaultValue = "${env:DATABRICKS_MCP_APPS_SP_FALLBACK:-false}",
      description = "--auth databricks-apps: serve requests without a forwarded user as the app's service principal.")
  boolean appsServicePrincipalFallback;

  @Option(
      names = "--max-request-bytes",
      paramLabel = "BYTES",
      defaultValue = "${env:DATABRICKS_MCP_MAX_REQUEST_BYTES:-4194304}",
      description = "HTTP: largest request body accepted (default 4 MiB).")
  int maxRequestBytes;

  HttpSettings httpSettings() {
    return new HttpSettings(
        host,
        port,
        stateless,
        allowedOrigins == null ? List.of() : allowedOrigins,
        allowedHosts == null ? List.of() : allowedHosts,
        maxRequestBytes,
        httpAuth());
  }

  HttpAuth httpAuth() {
    HttpAuth.Mode mode;
    switch (auth.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "none" -> mode = HttpAuth.Mode.NONE;
      case "token" -> mode = HttpAuth.Mode.TOKEN;
      case "databricks-apps" -> mode = HttpAuth.Mode.DATABRICKS_APPS;
      default -> throw new IllegalArgumentException("--auth must be none, token or databricks-apps (got '" + auth + "')");
    }
    Map<String, String> tokens = new LinkedHashMap<>();
    if (mode == HttpAuth.Mode.TOKEN) {
      tokens.putAll(HttpAuth.parseTokens(System.getenv("DATABRICKS_MCP_AUTH_TOKENS")));
      if (authTokensFile != null) {
        try {
          tokens.putAll(HttpAuth.parseTokens(Files.readString(authTokensFile)));
        } catch (IOException e) {
          throw new IllegalArgumentException("cannot read --auth-tokens-file " + authTokensFile + ": " + e.getMessage());
        }
      }
    }
    return new HttpAuth(mode, tokens, appsServicePrincipalFallback);
  }
}
