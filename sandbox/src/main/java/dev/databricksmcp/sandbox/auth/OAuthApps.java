package dev.databricksmcp.sandbox.auth;

import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.state.SandboxState;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OAuth app integrations of the sandbox workspace and what the user-to-machine flow has handed
 * out: authorization codes (single use, short-lived) and refresh tokens (single use: each refresh
 * issues a new one and invalidates the old, as Databricks does for custom app integrations with
 * single-use refresh tokens, docs.databricks.com/aws/en/integrations/single-use-tokens).
 *
 * <p>Two integrations are seeded: {@value #MCP_APP_CLIENT_ID}, a confidential custom app (secret
 * {@value #MCP_APP_SECRET}, documented: the sandbox only listens on loopback) for a self-hosted
 * databricks-mcp with {@code --auth databricks-oauth}; and {@value #CLI_CLIENT_ID}, the public
 * client the Databricks CLI and SDKs sign in with. Both take redirect URIs on loopback only.
 */
public final class OAuthApps implements SandboxState {
  public static final String MCP_APP_CLIENT_ID = "databricks-mcp-sandbox";
  public static final String MCP_APP_SECRET = "dose-sandbox-mcp-app-secret";
  public static final String CLI_CLIENT_ID = "databricks-cli";

  /**
   * One app integration (Custom App Integration API: client_id, confidential, redirect_urls).
   *
   * @param secret the client secret of a confidential app; null for a public one
   */
  public record App(String clientId, String secret, List<String> redirectUrls) {
    public boolean confidential() {
      return secret != null;
    }

    /**
     * Exact match, except that the port of a loopback redirect is not compared: a native client
     * listens on whatever port is free (RFC 8252 section 7.3).
     */
    public boolean allowsRedirect(String redirectUri) {
      if (redirectUrls.contains(redirectUri)) {
        return true;
      }
      URI wanted = parse(redirectUri);
      if (wanted == null || !isLoopback(wanted.getHost())) {
        return false;
      }
      for (String registered : redirectUrls) {
        URI r = parse(registered);
        if (r != null
            && r.getScheme().equals(wanted.getScheme())
            && r.getHost().equals(wanted.getHost())
            && r.getRawPath().equals(wanted.getRawPath())
            && wanted.getRawQuery() == null
            && wanted.getRawFragment() == null) {
          return true;
        }
      }
      return false;
    }

    private static URI parse(String uri) {
      try {
        URI u = URI.create(uri);
        return u.getScheme() == null || u.getHost() == null ? null : u;
      } catch (IllegalArgumentException e) {
        return null;
      }
    }

    private static boolean isLoopback(String host) {
      return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]");
    }
  }

  /** A code handed to a client: who consented, for which client, redirect and PKCE challenge. */
  public record Code(
      String clientId,
      String redirectUri,
      String codeChallenge,
      Principal principal,
      String scope,
      long expiresAtMillis) {}

  /** A refresh token: whose, for which client, until when. */
  public record Refresh(String clientId, Principal principal, String scope, long expiresAtMillis) {}

  private final SandboxOptions.OAuthLifetimes lifetimes;
  private final Map<String, App> apps = new ConcurrentHashMap<>();
  private final Map<String, Code> codes = new ConcurrentHashMap<>();
  private final Map<String, Refresh> refreshTokens = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  public OAuthApps(SandboxOptions.OAuthLifetimes lifetimes) {
    this.lifetimes = lifetimes;
    add(
        new App(
            MCP_APP_CLIENT_ID,
            MCP_APP_SECRET,
            List.of("http://127.0.0.1/oauth/callback", "http://localhost/oauth/callback")));
    // the Databricks CLI's public client signs in through a listener on localhost:8020
    add(new App(CLI_CLIENT_ID, null, List.of("http://localhost:8020", "http://127.0.0.1:8020")));
  }

  public SandboxOptions.OAuthLifetimes lifetimes() {
    return lifetimes;
  }

  /** Registers an app integration (tests: a custom app with other redirect URLs). */
  public void add(App app) {
    apps.put(app.clientId(), app);
  }

  public Optional<App> app(String clientId) {
    return clientId == null ? Optional.empty() : Optional.ofNullable(apps.get(clientId));
  }

  /** A new single-use code for this consent. */
  public String issueCode(
      String clientId, String redirectUri, String challenge, Principal who, String scope) {
    String code = "dcode-" + randomToken();
    long expires = System.currentTimeMillis() + lifetimes.code().toMillis();
    codes.put(code, new Code(clientId, redirectUri, challenge, who, scope, expires));
    return code;
  }

  /** The code, removed whatever comes next: a code is good for one attempt only. */
  public Optional<Code> redeemCode(String code) {
    Code found = code == null ? null : codes.remove(code);
    if (found == null || System.currentTimeMillis() > found.expiresAtMillis()) {
      return Optional.empty();
    }
    return Optional.of(found);
  }

  public String issueRefreshToken(String clientId, Principal who, String scope) {
    String token = "dref-" + randomToken();
    long expires = System.currentTimeMillis() + lifetimes.refreshToken().toMillis();
    refreshTokens.put(token, new Refresh(clientId, who, scope, expires));
    return token;
  }

  /** The refresh token, invalidated by this use (rotation). */
  public Optional<Refresh> redeemRefreshToken(String token) {
    Refresh found = token == null ? null : refreshTokens.remove(token);
    if (found == null || System.currentTimeMillis() > found.expiresAtMillis()) {
      return Optional.empty();
    }
    return Optional.of(found);
  }

  /** Forgets every refresh token of this principal (tests: a session Databricks has ended). */
  public void revokeRefreshTokens(Principal who) {
    refreshTokens.values().removeIf(r -> r.principal().id().equals(who.id()));
  }

  public String randomToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
