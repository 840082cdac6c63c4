package dev.databricksmcp.server.oauth;

import dev.databricksmcp.server.connection.ForwardedUserIdentities;
import dev.databricksmcp.server.core.Redactor;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code --auth databricks-oauth}: this server is an OAuth 2.1 protected resource and its own
 * authorization server, as the MCP authorization specification (2025-11-25) describes, and signs
 * users in through Databricks (the workspace's custom OAuth app integration). Each MCP client gets
 * this server's own short-lived access tokens, bound to this server's resource URL (RFC 8707
 * audience, checked on every request) and never forwarded anywhere; the user's Databricks tokens
 * travel only sealed inside them ({@link SealedTokens}), are opened by this server alone, and are
 * used for that user's tool calls.
 */
public final class OAuthServer {
  public static final String PRM_PATH = "/.well-known/oauth-protected-resource";
  public static final String AS_METADATA_PATH = "/.well-known/oauth-authorization-server";
  public static final String REGISTER_PATH = "/oauth/register";
  public static final String AUTHORIZE_PATH = "/oauth/authorize";
  public static final String CALLBACK_PATH = "/oauth/callback";
  public static final String TOKEN_PATH = "/oauth/token";
  public static final String REVOKE_PATH = "/oauth/revoke";

  /** Who a valid access token names, and the Databricks access token it carries. */
  public record Caller(String principal, String databricksAccessToken) {
    @Override
    public String toString() {
      return "Caller[" + principal + "]";
    }
  }

  /** Refusal of a bearer token: why, for the WWW-Authenticate error (RFC 6750 section 3). */
  public record Refusal(boolean tokenPresented, String description) {}

  final OAuthSettings settings;
  final SealedTokens sealed;
  final DatabricksSignIn databricks;
  final Function<String, ForwardedUserIdentities.Resolution> users;
  final SpentTokens spent;
  final Clock clock;
  private final Supplier<String> baseUrl;

  /**
   * @param baseUrl the server's URL as clients reach it (the public URL, or http://host:port)
   * @param databricksHost the workspace URL
   * @param users who a Databricks access token belongs to (SCIM Me)
   */
  public OAuthServer(
      OAuthSettings settings,
      Supplier<String> baseUrl,
      Supplier<String> databricksHost,
      Function<String, ForwardedUserIdentities.Resolution> users,
      Clock clock) {
    this.settings = settings;
    this.baseUrl = baseUrl;
    this.sealed = new SealedTokens(settings.key());
    this.databricks =
        new DatabricksSignIn(databricksHost, settings.clientId(), settings.clientSecret());
    this.users = users;
    this.spent = new SpentTokens(OAuthSettings.CODE_TTL, settings.refreshTokenTtl());
    this.clock = clock;
    if (settings.clientSecret() != null) {
      Redactor.registerSecret(settings.clientSecret());
    }
  }

  public String baseUrl() {
    return baseUrl.get();
  }

  /** The resource URL clients ask tokens for: the MCP endpoint. */
  public String resource() {
    return baseUrl() + "/mcp";
  }

  public String resourceMetadataUrl() {
    return baseUrl() + PRM_PATH + "/mcp";
  }

  /**
   * The caller an {@code Authorization} header names, or why not: only an access token this server
   * sealed, unexpired, for this resource, of a grant not signed out.
   */
  public Optional<Caller> verify(String authorization, Refusal[] why) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      why[0] = new Refusal(false, "sign in with Databricks");
      return Optional.empty();
    }
    Map<String, Object> at =
        sealed.open(SealedTokens.Kind.ACCESS, authorization.substring(7).trim()).orElse(null);
    String problem = null;
    if (at == null) {
      problem = "the access token is not one this server issued";
    } else if (number(at, "exp") <= clock.millis()) {
      problem = "the access token has expired";
    } else if (!resource().equals(at.get("aud"))) {
      problem = "the access token was issued for another resource";
    } else if (spent.revoked(text(at, "gid"))) {
      problem = "the sign-in was revoked";
    }
    if (problem != null) {
      why[0] = new Refusal(true, problem);
      return Optional.empty();
    }
    String dat = text(at, "dat");
    // neither the bearer token nor the Databricks token inside it may appear in a result or a log
    Redactor.registerCallerSecret(authorization.substring(7).trim());
    Redactor.registerCallerSecret(dat);
    return Optional.of(new Caller(text(at, "sub"), dat));
  }

  /** WWW-Authenticate for a 401 (MCP authorization, "Protected Resource Metadata Discovery"). */
  public String challenge(Refusal refusal) {
    StringBuilder out =
        new StringBuilder("Bearer resource_metadata=\"").append(resourceMetadataUrl()).append('"');
    if (refusal != null && refusal.tokenPresented()) {
      out.append(", error=\"invalid_token\", error_description=\"")
          .append(refusal.description())
          .append('"');
    }
    return out.toString();
  }

  /** RFC 9728 section 2. */
  Map<String, Object> protectedResourceMetadata() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("resource", resource());
    out.put("authorization_servers", List.of(baseUrl()));
    out.put("bearer_methods_supported", List.of("header"));
    out.put("resource_name", "databricks-mcp");
    return out;
  }

  /** RFC 8414 section 2; dynamic client registration (RFC 7591), PKCE S256 only, public clients. */
  Map<String, Object> authorizationServerMetadata() {
    String base = baseUrl();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("issuer", base);
    out.put("authorization_endpoint", base + AUTHORIZE_PATH);
    out.put("token_endpoint", base + TOKEN_PATH);
    out.put("registration_endpoint", base + REGISTER_PATH);
    out.put("revocation_endpoint", base + REVOKE_PATH);
    out.put("response_types_supported", List.of("code"));
    out.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
    out.put("code_challenge_methods_supported", List.of("S256"));
    out.put("token_endpoint_auth_methods_supported", List.of("none"));
    out.put("revocation_endpoint_auth_methods_supported", List.of("none"));
    return out;
  }

  static String text(Map<String, Object> claims, String name) {
    Object v = claims.get(name);
    return v == null ? null : v.toString();
  }

  static long number(Map<String, Object> claims, String name) {
    Object v = claims.get(name);
    return v instanceof Number n ? n.longValue() : 0L;
  }
}
