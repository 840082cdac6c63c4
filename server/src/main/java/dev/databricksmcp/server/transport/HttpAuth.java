package dev.databricksmcp.server.transport;

import dev.databricksmcp.server.oauth.OAuthSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How HTTP callers prove who they are.
 *
 * @param mode none (loopback only), token (bearer tokens) or databricks-apps (forwarded user)
 * @param tokens principal name → token, for token mode
 * @param appsServicePrincipalFallback databricks-apps: serve calls without a forwarded user token
 *     as the app's own service principal (otherwise they get 401)
 * @param appsOutsideDatabricksApp databricks-apps: the operator accepts listening beyond loopback
 *     outside a Databricks App, where no Apps proxy stands between the network and this server
 * @param oauth databricks-oauth: the custom OAuth app integration users sign in through; else null
 */
public record HttpAuth(
    Mode mode,
    Map<String, String> tokens,
    boolean appsServicePrincipalFallback,
    boolean appsOutsideDatabricksApp,
    OAuthSettings oauth) {
  public enum Mode {
    NONE,
    TOKEN,
    DATABRICKS_APPS,
    DATABRICKS_OAUTH
  }

  public HttpAuth {
    if (mode == Mode.DATABRICKS_OAUTH && oauth == null) {
      throw new IllegalArgumentException(
          "--auth databricks-oauth needs the workspace's custom OAuth app integration"
              + " (DATABRICKS_MCP_OAUTH_CLIENT_ID, DATABRICKS_MCP_OAUTH_CLIENT_SECRET)");
    }
    tokens = Map.copyOf(tokens);
    if (mode == Mode.TOKEN && tokens.isEmpty()) {
      throw new IllegalArgumentException(
          // no "token:" followed by a word: the redactor would take the word for a token
          "--auth token needs at least one token (set DATABRICKS_MCP_AUTH_TOKENS or"
              + " --auth-tokens-file)");
    }
    for (String token : tokens.values()) {
      if (token.length() < 16) {
        throw new IllegalArgumentException("HTTP auth tokens must be at least 16 characters long");
      }
    }
  }

  /** Without databricks-oauth settings. */
  public HttpAuth(
      Mode mode,
      Map<String, String> tokens,
      boolean appsServicePrincipalFallback,
      boolean appsOutsideDatabricksApp) {
    this(mode, tokens, appsServicePrincipalFallback, appsOutsideDatabricksApp, null);
  }

  /** Signing users in with Databricks through this custom OAuth app integration. */
  public static HttpAuth databricksOAuth(OAuthSettings oauth) {
    return new HttpAuth(Mode.DATABRICKS_OAUTH, Map.of(), false, false, oauth);
  }

  /** Not opted in to databricks-apps outside a Databricks App. */
  public HttpAuth(Mode mode, Map<String, String> tokens, boolean appsServicePrincipalFallback) {
    this(mode, tokens, appsServicePrincipalFallback, false);
  }

  public static HttpAuth none() {
    return new HttpAuth(Mode.NONE, Map.of(), false);
  }

  /**
   * True inside a Databricks App: its runtime sets both variables (docs.databricks.com, "Databricks
   * Apps system environment"), and its proxy is then the only way in.
   */
  public static boolean insideDatabricksApp(Map<String, String> env) {
    return present(env.get("DATABRICKS_APP_NAME")) && present(env.get("DATABRICKS_APP_PORT"));
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  /**
   * Tokens from text: comma- or newline-separated entries, each {@code token} or {@code
   * name=token}. Unnamed tokens are called token-1, token-2, … in logs.
   */
  public static Map<String, String> parseTokens(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    int n = 0;
    for (String raw : text == null ? new String[0] : text.split("[,\\n]")) {
      String entry = raw.trim();
      if (entry.isEmpty() || entry.startsWith("#")) {
        continue;
      }
      n++;
      int eq = entry.indexOf('=');
      // base64 padding ("…==") ends a bare token; it does not make the token a name
      if (eq > 0 && !entry.substring(eq).matches("=+")) {
        out.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
      } else {
        out.put("token-" + n, entry);
      }
    }
    return out;
  }

  static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
