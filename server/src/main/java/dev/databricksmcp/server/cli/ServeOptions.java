package dev.databricksmcp.server.cli;

import dev.databricksmcp.server.transport.HttpSettings;
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
      description = "HTTP: interface to bind (env HOST). Only loopback until HTTP authentication is configured.")
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

  HttpSettings httpSettings() {
    return new HttpSettings(
        host,
        port,
        stateless,
        allowedOrigins == null ? List.of() : allowedOrigins,
        allowedHosts == null ? List.of() : allowedHosts,
        HttpSettings.DEFAULT_MAX_REQUEST_BYTES);
  }
}
