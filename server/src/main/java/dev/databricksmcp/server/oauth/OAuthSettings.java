package dev.databricksmcp.server.oauth;

import dev.databricksmcp.server.core.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code --auth databricks-oauth}: the workspace's custom OAuth app integration the server signs
 * users in with, where clients reach the server, and how long what it issues lives.
 *
 * @param clientId the custom app's client id (DATABRICKS_MCP_OAUTH_CLIENT_ID)
 * @param clientSecret its secret (DATABRICKS_MCP_OAUTH_CLIENT_SECRET, environment or file only);
 *     null for a public app
 * @param publicUrl the server's URL as clients reach it, e.g. https://mcp.example.com (no path);
 *     null on loopback, where it is http://host:port
 * @param key the secret that seals tokens (DATABRICKS_MCP_OAUTH_KEY), shared by replicas; null for
 *     a random key of this process
 * @param accessTokenTtl lifetime of an access token the server issues
 * @param refreshTokenTtl lifetime of a refresh token the server issues (each refresh renews it)
 */
public record OAuthSettings(
    String clientId,
    String clientSecret,
    String publicUrl,
    byte[] key,
    Duration accessTokenTtl,
    Duration refreshTokenTtl) {
  public static final Duration DEFAULT_ACCESS_TTL = Duration.ofMinutes(10);
  public static final Duration DEFAULT_REFRESH_TTL = Duration.ofDays(30);
  public static final Duration CODE_TTL = Duration.ofSeconds(60);
  public static final Duration SIGN_IN_TTL = Duration.ofMinutes(10);

  public OAuthSettings {
    if (clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException(
          "--auth databricks-oauth needs the client id of the workspace's custom OAuth app"
              + " integration (--oauth-client-id or DATABRICKS_MCP_OAUTH_CLIENT_ID)");
    }
    if (publicUrl != null) {
      publicUrl = publicUrl.strip();
      while (publicUrl.endsWith("/")) {
        publicUrl = publicUrl.substring(0, publicUrl.length() - 1);
      }
      if (!publicUrl.matches("https?://[^/?#]+")) {
        throw new IllegalArgumentException(
            "--public-url must be a scheme and host (and port) without a path, e.g."
                + " https://mcp.example.com (got '"
                + publicUrl
                + "')");
      }
    }
    if (accessTokenTtl == null) {
      accessTokenTtl = DEFAULT_ACCESS_TTL;
    }
    if (refreshTokenTtl == null) {
      refreshTokenTtl = DEFAULT_REFRESH_TTL;
    }
    key = key == null ? null : key.clone();
  }

  static final String KEY_ENV = "DATABRICKS_MCP_OAUTH_KEY";
  static final int MIN_KEY_LENGTH = 32;

  /** The sealing key from DATABRICKS_MCP_OAUTH_KEY or _FILE, or null for a key of this process. */
  public static byte[] keyFromEnvironment(Map<String, String> env) {
    String key = secretFromEnvironment(env, KEY_ENV, MIN_KEY_LENGTH);
    return key == null ? null : key.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A secret from the variable {@code name}, or from the first line of the file {@code name_FILE}
   * names (a mounted secret); null when neither is set. Registered with the redactor.
   */
  public static String secretFromEnvironment(Map<String, String> env, String name, int minLength) {
    String value = env.get(name);
    String source = name;
    if (value == null || value.isBlank()) {
      String file = env.get(name + "_FILE");
      if (file == null || file.isBlank()) {
        return null;
      }
      source = name + "_FILE (" + file + ")";
      try {
        value =
            Files.readString(Path.of(file), StandardCharsets.UTF_8).lines().findFirst().orElse("");
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read " + source + ": " + e.getMessage());
      }
    }
    String secret = value.strip();
    if (secret.length() < minLength) {
      throw new IllegalArgumentException(
          source
              + " must hold at least "
              + minLength
              + " characters (e.g. the output of: openssl rand -hex 32)");
    }
    Redactor.registerSecret(secret);
    return secret;
  }

  @Override
  public String toString() {
    // never print the secret or the key
    return "OAuthSettings[clientId=" + clientId + ", publicUrl=" + publicUrl + "]";
  }
}
