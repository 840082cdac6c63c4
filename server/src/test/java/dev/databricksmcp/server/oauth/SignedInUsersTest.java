package dev.databricksmcp.server.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.ListWarehousesRequest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.auth.OAuthApps;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Users signed in with Databricks work as themselves: two at once see only what their own Unity
 * Catalog grants allow (every call went to Databricks with that user's token: had the client's
 * token been passed through, the sandbox would have refused it); sessions belong to whoever opened
 * them; the Databricks tokens are refreshed on the server; when Databricks no longer honours the
 * refresh token the client is told to sign in again (invalid_grant, never a server error); and a
 * token issued by one replica is honoured by another that shares the key.
 */
@Timeout(240)
class SignedInUsersTest {
  private static final byte[] KEY =
      "another-test-key-of-thirty-two-characters-or-more".getBytes(StandardCharsets.UTF_8);
  private static Sandbox sandbox;
  private static SignInFixture fx;

  @BeforeAll
  static void start() {
    // Databricks access tokens of three seconds: the server must refresh them itself
    sandbox =
        Sandbox.start(
            SandboxOptions.inMemory()
                .withOAuthLifetimes(
                    new SandboxOptions.OAuthLifetimes(
                        Duration.ofMinutes(1), Duration.ofSeconds(3), Duration.ofHours(1))));
    fx = new SignInFixture(sandbox, KEY, Duration.ofMinutes(10), Duration.ofDays(1));
    WorkspaceClient admin =
        new WorkspaceClient(
            new DatabricksConfig()
                .setHost(sandbox.host())
                .setToken(Identities.ADMIN_TOKEN)
                .setAuthType("pat"));
    String warehouse =
        admin.warehouses().list(new ListWarehousesRequest()).iterator().next().getId();
    admin
        .statementExecution()
        .executeStatement(
            new ExecuteStatementRequest()
                .setWarehouseId(warehouse)
                .setStatement("CREATE TABLE main.default.payroll AS SELECT 4200 AS salary")
                .setWaitTimeout("30s"));
  }

  @AfterAll
  static void stop() {
    fx.close();
    sandbox.close();
  }

  @Test
  void twoUsersAtOnceSeeOnlyWhatTheirGrantsAllow() throws Exception {
    McpSyncClient analyst =
        fx.mcp(fx.tokensFor("analyst@sandbox.local").get("access_token").asText());
    McpSyncClient admin = fx.mcp(fx.tokensFor("admin@sandbox.local").get("access_token").asText());
    try {
      assertThat(data(analyst.callTool(new CallToolRequest("get_workspace_info", Map.of()))))
          .containsEntry("current_user", "analyst@sandbox.local");
      assertThat(data(admin.callTool(new CallToolRequest("get_workspace_info", Map.of()))))
          .containsEntry("current_user", "admin@sandbox.local");
      Map<String, Object> query = Map.of("statement", "SELECT salary FROM main.default.payroll");
      CallToolResult asAnalyst = analyst.callTool(new CallToolRequest("execute_sql", query));
      CallToolResult asAdmin = admin.callTool(new CallToolRequest("execute_sql", query));
      assertThat(asAnalyst.isError()).isTrue();
      assertThat(((Map<?, ?>) asAnalyst.structuredContent()).get("error_code"))
          .isEqualTo("PERMISSION_DENIED");
      assertThat(asAdmin.isError()).as(String.valueOf(asAdmin.structuredContent())).isFalse();
      assertThat(asAdmin.structuredContent().toString()).contains("4200");
    } finally {
      analyst.closeGracefully();
      admin.closeGracefully();
    }
  }

  @Test
  void aSessionAnswersOnlyTheUserWhoOpenedIt() throws Exception {
    String analyst = fx.tokensFor("analyst@sandbox.local").get("access_token").asText();
    String admin = fx.tokensFor("admin@sandbox.local").get("access_token").asText();
    HttpResponse<String> opened = fx.initialize(analyst);
    String session = opened.headers().firstValue("Mcp-Session-Id").orElseThrow();
    HttpResponse<String> hijack =
        SignInFixture.send(
            HttpRequest.newBuilder(URI.create(fx.own + "/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + admin)
                .header("Mcp-Session-Id", session)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}")));
    assertThat(hijack.statusCode()).isEqualTo(404);
  }

  @Test
  void theServerRefreshesDatabricksTokensAndAnExpiredDatabricksSignInMeansSignInAgain()
      throws Exception {
    JsonNode tokens = fx.tokensFor("analyst@sandbox.local");
    // the access token lives no longer than the Databricks token inside it
    assertThat(tokens.get("expires_in").asLong()).isLessThanOrEqualTo(3);
    Thread.sleep(3500);
    assertThat(fx.initialize(tokens.get("access_token").asText()).statusCode()).isEqualTo(401);
    SignInFixture.Answer refreshed = fx.token(fx.refreshForm(tokens));
    assertThat(refreshed.status()).as(refreshed.json().toString()).isEqualTo(200);
    McpSyncClient client = fx.mcp(refreshed.json().get("access_token").asText());
    try {
      assertThat(data(client.callTool(new CallToolRequest("get_workspace_info", Map.of()))))
          .containsEntry("current_user", "analyst@sandbox.local");
    } finally {
      client.closeGracefully();
    }

    // Databricks ends the user's sign-in (its refresh token expired or was revoked)
    sandbox.state(OAuthApps.class).revokeRefreshTokens(Identities.ANALYST);
    Thread.sleep(3500);
    SignInFixture.Answer refused =
        fx.token(
            Map.of(
                "grant_type", "refresh_token",
                "refresh_token", refreshed.json().get("refresh_token").asText(),
                "client_id", tokens.get("test_client_id").asText()));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("error").asText()).isEqualTo("invalid_grant");
    assertThat(fx.tokensFor("analyst@sandbox.local").has("access_token"))
        .as("signing in again works")
        .isTrue();
  }

  @Test
  void replicasSharingTheKeyHonourEachOthersTokens() throws Exception {
    try (SignInFixture a =
            new SignInFixture(
                sandbox, KEY, Duration.ofMinutes(10), Duration.ofDays(1), null, true);
        SignInFixture b =
            new SignInFixture(
                sandbox, KEY, Duration.ofMinutes(10), Duration.ofDays(1), a.base, true)) {
      // registered and authorized at replica b; Databricks sends the user back to the public URL
      JsonNode tokens = b.tokensFor("admin@sandbox.local");
      assertThat(a.initialize(tokens.get("access_token").asText()).statusCode()).isEqualTo(200);
      assertThat(b.initialize(tokens.get("access_token").asText()).statusCode()).isEqualTo(200);
      assertThat(a.token(b.refreshForm(tokens)).status()).isEqualTo(200);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(CallToolResult result) {
    assertThat(result.isError()).as(String.valueOf(result.structuredContent())).isFalse();
    return (Map<String, Object>) ((Map<String, Object>) result.structuredContent()).get("data");
  }
}
