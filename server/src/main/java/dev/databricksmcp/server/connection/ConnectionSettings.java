package dev.databricksmcp.server.connection;

/**
 * How to reach Databricks. With {@code sandboxHost} set the server talks to the local sandbox;
 * otherwise the SDK's unified configuration decides (environment, ~/.databrickscfg profile, OAuth
 * …).
 *
 * @param profile a ~/.databrickscfg profile name, or null
 * @param sandboxHost the sandbox URL when running on the sandbox, else null
 * @param sandboxToken the sandbox token when running on the sandbox, else null
 */
public record ConnectionSettings(String profile, String sandboxHost, String sandboxToken) {
  public boolean sandbox() {
    return sandboxHost != null;
  }
}
