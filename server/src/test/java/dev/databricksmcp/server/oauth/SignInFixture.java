package dev.databricksmcp.server.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.auth.OAuthApps;
import dev.databricksmcp.server.connection.OnBehalfOfUserProvider;
import dev.databricksmcp.server.core.ServerSettings;
import dev.databricksmcp.server.core.ToolSelection;
import dev.databricksmcp.server.core.Toolsets;
import dev.databricksmcp.server.mcp.McpServerFactory;
import dev.databricksmcp.server.security.AuditLog;
import dev.databricksmcp.server.security.CallPolicies;
import dev.databricksmcp.server.security.SecuritySettings;
import dev.databricksmcp.server.transport.HttpAuth;
import dev.databricksmcp.server.transport.HttpSettings;
import dev.databricksmcp.server.transport.HttpTransport;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A databricks-mcp server with {@code --auth databricks-oauth} on a sandbox, and a headless client
 * of it: registration, the authorization request (every redirect followed by hand, the sandbox's
 * consent form posted as a chosen user), the token endpoint, and MCP calls with a bearer token.
 */
public final class SignInFixture implements AutoCloseable {
  static final String REDIRECT = "http://127.0.0.1:47999/callback";
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  final Sandbox sandbox;
  final HttpTransport server;

  /** The URL clients reach the server at (its resource and issuer). */
  public final String base;

  /** Where this very server listens (another replica's public URL may be {@link #base}). */
  public final String own;

  public SignInFixture(Sandbox sandbox, byte[] key, Duration accessTtl, Duration refreshTtl) {
    this(sandbox, key, accessTtl, refreshTtl, null, false);
  }

  /**
   * @param publicUrl the URL clients reach the server at (another replica's, to play one of several
   *     behind a load balancer); null for this server's own
   */
  SignInFixture(
      Sandbox sandbox,
      byte[] key,
      Duration accessTtl,
      Duration refreshTtl,
      String publicUrl,
      boolean stateless) {
    this.sandbox = sandbox;
    OAuthSettings settings =
        new OAuthSettings(
            OAuthApps.MCP_APP_CLIENT_ID,
            OAuthApps.MCP_APP_SECRET,
            publicUrl,
            key,
            accessTtl,
            refreshTtl);
    OnBehalfOfUserProvider perUser = new OnBehalfOfUserProvider(sandbox::host, null, true);
    ToolSelection selection =
        new ToolSelection(List.of("all"), java.util.Set.of(), java.util.Set.of(), false);
    McpServerFactory factory =
        new McpServerFactory(
            Toolsets.discovered()
                .inventory(new ServerSettings(selection, true, false, "databricks_oauth"))
                .select(selection),
            perUser,
            false,
            CallPolicies.invoker(false, SecuritySettings.defaults(), AuditLog.discard()));
    this.server =
        HttpTransport.start(
            new HttpSettings(
                "127.0.0.1",
                0,
                stateless,
                List.of(),
                List.of(),
                1 << 20,
                HttpAuth.databricksOAuth(settings)),
            factory,
            perUser.identities(),
            sandbox::host);
    this.own = "http://127.0.0.1:" + server.port();
    this.base = publicUrl != null ? publicUrl : own;
  }

  public String resource() {
    return base + "/mcp";
  }

  /** RFC 7591 registration; the client id. */
  String register(String... redirects) throws Exception {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(URI.create(own + OAuthServer.REGISTER_PATH))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(
                            Map.of(
                                "client_name",
                                "test client",
                                "redirect_uris",
                                List.of(redirects))))));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body()).get("client_id").asText();
  }

  /** The authorization request's URL for this client, verifier and resource. */
  String authorizeUrl(String clientId, String redirect, String verifier, String resource) {
    return own
        + OAuthServer.AUTHORIZE_PATH
        + "?response_type=code&client_id="
        + enc(clientId)
        + "&redirect_uri="
        + enc(redirect)
        + "&code_challenge="
        + Pkce.challenge(verifier)
        + "&code_challenge_method=S256&state=client-state"
        + (resource == null ? "" : "&resource=" + enc(resource));
  }

  /**
   * Follows the whole browser part of the flow as {@code user}: this server's authorize endpoint,
   * Databricks' (the sandbox's) consent page, the callback; the query the client's redirect URI
   * receives.
   */
  Map<String, String> signIn(String clientId, String verifier, String user) throws Exception {
    HttpResponse<String> toDatabricks = get(authorizeUrl(clientId, REDIRECT, verifier, resource()));
    assertThat(toDatabricks.statusCode()).as(toDatabricks.body()).isEqualTo(302);
    HttpResponse<String> page = get(location(toDatabricks));
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    HttpResponse<String> toCallback =
        post(sandbox.host() + "/oidc/v1/authorize", consentForm(page.body(), user));
    assertThat(toCallback.statusCode()).isEqualTo(302);
    HttpResponse<String> toClient = get(location(toCallback));
    assertThat(toClient.statusCode()).as(toClient.body()).isEqualTo(302);
    String back = location(toClient);
    assertThat(back).startsWith(REDIRECT);
    return query(back);
  }

  /**
   * Signs {@code user} in with a new client; the token answer, with the client id added as {@code
   * test_client_id} (for the refresh requests that must name it).
   */
  JsonNode tokensFor(String user) throws Exception {
    String clientId = register(REDIRECT);
    String verifier = Pkce.verifier();
    Map<String, String> back = signIn(clientId, verifier, user);
    Answer answer = token(codeForm(clientId, back.get("code"), verifier));
    assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
    return ((com.fasterxml.jackson.databind.node.ObjectNode) answer.json())
        .put("test_client_id", clientId);
  }

  /** A refresh request for the tokens {@link #tokensFor} answered. */
  Map<String, String> refreshForm(JsonNode tokens) {
    return Map.of(
        "grant_type", "refresh_token",
        "refresh_token", tokens.get("refresh_token").asText(),
        "client_id", tokens.get("test_client_id").asText(),
        "resource", resource());
  }

  Map<String, String> codeForm(String clientId, String code, String verifier) {
    Map<String, String> f = new HashMap<>();
    f.put("grant_type", "authorization_code");
    f.put("client_id", clientId);
    f.put("code", code);
    f.put("code_verifier", verifier);
    f.put("redirect_uri", REDIRECT);
    f.put("resource", resource());
    return f;
  }

  record Answer(int status, JsonNode json) {}

  Answer token(Map<String, String> form) throws Exception {
    HttpResponse<String> r = post(own + OAuthServer.TOKEN_PATH, form(form));
    return new Answer(r.statusCode(), JSON.readTree(r.body()));
  }

  Answer revoke(String token) throws Exception {
    HttpResponse<String> r = post(own + OAuthServer.REVOKE_PATH, "token=" + enc(token));
    return new Answer(r.statusCode(), JSON.readTree(r.body().isEmpty() ? "{}" : r.body()));
  }

  /** An initialize request to /mcp with this bearer token (or none). */
  HttpResponse<String> initialize(String bearer) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(own + "/mcp"))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                        + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                        + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}"));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return send(b);
  }

  /** The MCP SDK's own client with this access token. */
  McpSyncClient mcp(String accessToken) {
    McpSyncClient client =
        McpClient.sync(
                HttpClientStreamableHttpTransport.builder(own)
                    .endpoint("/mcp")
                    .requestBuilder(
                        HttpRequest.newBuilder().header("Authorization", "Bearer " + accessToken))
                    .build())
            .requestTimeout(Duration.ofSeconds(60))
            .build();
    client.initialize();
    return client;
  }

  HttpResponse<String> get(String url) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  HttpResponse<String> post(String url, String form) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  static HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String location(HttpResponse<?> r) {
    return r.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location"));
  }

  /** The sandbox's consent form, filled in as {@code user}. */
  static String consentForm(String page, String user) {
    StringBuilder form = new StringBuilder("user=" + enc(user));
    Matcher hidden =
        Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")
            .matcher(page);
    while (hidden.find()) {
      form.append('&')
          .append(enc(unescape(hidden.group(1))))
          .append('=')
          .append(enc(unescape(hidden.group(2))));
    }
    return form.toString();
  }

  static Map<String, String> query(String location) {
    Map<String, String> out = new HashMap<>();
    String q = URI.create(location).getRawQuery();
    for (String pair : q == null ? new String[0] : q.split("&")) {
      int eq = pair.indexOf('=');
      out.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  static String form(Map<String, String> values) {
    StringBuilder out = new StringBuilder();
    values.forEach(
        (k, v) -> {
          if (v != null) {
            out.append(out.length() == 0 ? "" : "&").append(enc(k)).append('=').append(enc(v));
          }
        });
    return out.toString();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String unescape(String s) {
    return s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  @Override
  public void close() {
    server.close();
  }
}
