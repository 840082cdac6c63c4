package dev.databricksmcp.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.service.catalog.CreateCatalog;
import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.server.connection.ConnectionSettings;
import dev.databricksmcp.server.connection.OnBehalfOfUserProvider;
import dev.databricksmcp.server.connection.SharedWorkspaceProvider;
import dev.databricksmcp.server.core.ServerSettings;
import dev.databricksmcp.server.core.ToolSelection;
import dev.databricksmcp.server.core.Toolsets;
import dev.databricksmcp.server.mcp.McpServerFactory;
import dev.databricksmcp.server.transport.HttpAuth;
import dev.databricksmcp.server.transport.HttpSettings;
import dev.databricksmcp.server.transport.HttpTransport;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * databricks-apps mode as an attacker who reaches the server directly (not through the Apps proxy)
 * sees it: identity headers are theirs to forge, so the caller must be whoever Databricks says owns
 * the forwarded token. The sandbox is the Databricks side (SCIM Me answers for its tokens).
 */
@Timeout(120)
class ForwardedIdentityTest {
  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"attacker\",\"version\":\"1\"}}}";
  private static final String ADMIN_ONLY_CATALOG = "admin_only_finance";

  private final HttpClient http = HttpClient.newHttpClient();
  private Sandbox sandbox;
  private HttpTransport server;

  @BeforeEach
  void start() {
    sandbox = Sandbox.start(SandboxOptions.inMemory());
    new SharedWorkspaceProvider(
            new ConnectionSettings(null, sandbox.host(), Identities.ADMIN_TOKEN))
        .client()
        .catalogs()
        .create(new CreateCatalog().setName(ADMIN_ONLY_CATALOG));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    sandbox.close();
  }

  private void startServer(boolean servicePrincipalFallback) {
    SharedWorkspaceProvider app =
        new SharedWorkspaceProvider(
            new ConnectionSettings(null, sandbox.host(), Identities.SERVICE_PRINCIPAL_TOKEN));
    OnBehalfOfUserProvider perUser =
        new OnBehalfOfUserProvider(sandbox::host, servicePrincipalFallback ? app : null, true);
    // one metadata cache for the whole server, as in production
    ServerSettings facts =
        new ServerSettings(ToolSelection.defaults(), true, false, "databricks_apps");
    McpServerFactory factory =
        new McpServerFactory(Toolsets.discovered().inventory(facts).all(), perUser, false);
    HttpAuth auth = new HttpAuth(HttpAuth.Mode.DATABRICKS_APPS, Map.of(), servicePrincipalFallback);
    HttpSettings settings =
        new HttpSettings("127.0.0.1", 0, false, List.of(), List.of(), 1 << 20, auth);
    server = HttpTransport.start(settings, factory, perUser.identities());
  }

  private McpSyncClient client(String token, String forgedEmail) {
    HttpRequest.Builder headers =
        HttpRequest.newBuilder().header("X-Forwarded-Access-Token", token);
    if (forgedEmail != null) {
      headers.header("X-Forwarded-Email", forgedEmail).header("X-Forwarded-User", forgedEmail);
    }
    var transport =
        HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
            .endpoint("/mcp")
            .requestBuilder(headers)
            .build();
    McpSyncClient client = McpClient.sync(transport).build();
    client.initialize();
    return client;
  }

  @Test
  void aForgedEmailWithOnesOwnTokenDoesNotReachAnotherUsersCachedCatalogs() {
    startServer(false);
    McpSyncClient admin = client(Identities.ADMIN_TOKEN, null);
    CallToolResult asAdmin = admin.callTool(new CallToolRequest("list_catalogs", Map.of()));
    assertThat(catalogNames(asAdmin)).contains(ADMIN_ONLY_CATALOG);

    McpSyncClient attacker = client(Identities.USER_TOKEN, "admin@sandbox.local");
    sandbox.requestLog().clear();
    CallToolResult seen = attacker.callTool(new CallToolRequest("list_catalogs", Map.of()));

    assertThat(catalogNames(seen)).isNotEmpty().doesNotContain(ADMIN_ONLY_CATALOG);
    assertThat(sandbox.requestLog().entries())
        .as("answered by the workspace as the analyst, not from the admin's cache")
        .anySatisfy(
            e -> {
              assertThat(e.path()).endsWith("/catalogs");
              assertThat(e.principal()).isEqualTo("analyst@sandbox.local");
            });
    admin.closeGracefully();
    attacker.closeGracefully();
  }

  @Test
  void aTokenDatabricksRejectsGets401WhateverTheHeadersClaim() throws Exception {
    startServer(true); // even with the service-principal fallback on, a bad token is not "no token"
    sandbox.requestLog().clear();

    HttpResponse<String> first =
        initialize("dapi-made-up-token-for-an-attack", "admin@sandbox.local");
    HttpResponse<String> replay =
        initialize("dapi-made-up-token-for-an-attack", "admin@sandbox.local");

    for (HttpResponse<String> response : List.of(first, replay)) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
      assertThat(response.body()).doesNotContain("dapi-made-up-token-for-an-attack");
    }
    // the SDK's own start-up discovery (/.well-known/…) aside
    assertThat(sandbox.requestLog().entries())
        .filteredOn(e -> e.path().startsWith("/api/"))
        .as(
            "one SCIM Me lookup; the refusal is remembered for the replay; no API call was made"
                + " with the token")
        .singleElement()
        .satisfies(e -> assertThat(e.path()).endsWith("/scim/v2/Me"));
  }

  @Test
  void aForgedEmailWithoutATokenIsRefused() throws Exception {
    startServer(false);

    HttpResponse<String> response = initialize(null, "admin@sandbox.local");

    assertThat(response.statusCode()).isEqualTo(401);
  }

  private HttpResponse<String> initialize(String token, String forgedEmail) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/mcp"))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .header("X-Forwarded-Email", forgedEmail)
            .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE));
    if (token != null) {
      request.header("X-Forwarded-Access-Token", token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @SuppressWarnings("unchecked")
  private static List<String> catalogNames(CallToolResult result) {
    Map<String, Object> body = (Map<String, Object>) result.structuredContent();
    assertThat(body).as(String.valueOf(body)).containsEntry("success", true);
    Map<String, Object> data = (Map<String, Object>) body.get("data");
    return ((List<Map<String, Object>>) data.get("items"))
        .stream().map(c -> String.valueOf(c.get("name"))).toList();
  }
}
