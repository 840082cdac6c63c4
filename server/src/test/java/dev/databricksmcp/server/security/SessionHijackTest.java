package dev.databricksmcp.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.server.connection.ConnectionSettings;
import dev.databricksmcp.server.connection.OnBehalfOfUserProvider;
import dev.databricksmcp.server.connection.SharedWorkspaceProvider;
import dev.databricksmcp.server.connection.WorkspaceProvider;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.mcp.McpServerFactory;
import dev.databricksmcp.server.testing.RawHttpMcp;
import dev.databricksmcp.server.tools.workspace.WorkspaceToolset;
import dev.databricksmcp.server.transport.HttpAuth;
import dev.databricksmcp.server.transport.HttpSettings;
import dev.databricksmcp.server.transport.HttpTransport;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A session id someone else opened is worth nothing: with their own valid credentials an attacker
 * who learned it gets the 404 of an unknown session, and nothing reaches a tool.
 */
@Timeout(120)
class SessionHijackTest {
  private static final String ALICE = "alice-token-0123456789abcdef";
  private static final String MALLORY = "mallory-token-0123456789abcdef";

  private final List<String> calledBy = new CopyOnWriteArrayList<>();
  private HttpTransport server;
  private Sandbox sandbox;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }

  private static SharedWorkspaceProvider none() {
    return new SharedWorkspaceProvider(
        new ConnectionSettings(null, "http://127.0.0.1:1", "unused"));
  }

  private McpServerFactory factory(WorkspaceProvider workspaces) {
    ToolDef whoAmI =
        ToolDef.builder(WorkspaceToolset.ID, "who_am_i")
            .title("Who am I")
            .description("Records and echoes the principal.")
            .hints(ToolHints.read())
            .handler(
                (args, ctx) -> {
                  calledBy.add(ctx.principal());
                  return ToolResult.of(ctx.principal(), ctx.principal());
                })
            .build();
    return new McpServerFactory(List.of(whoAmI), workspaces, false);
  }

  @Test
  void anotherTokensSessionIsRefusedOnEveryMethod() throws Exception {
    HttpAuth auth =
        new HttpAuth(HttpAuth.Mode.TOKEN, Map.of("alice", ALICE, "mallory", MALLORY), false);
    HttpSettings settings =
        new HttpSettings("127.0.0.1", 0, false, List.of(), List.of(), 1 << 20, auth);
    server = HttpTransport.start(settings, factory(none()));
    RawHttpMcp mcp = new RawHttpMcp(server.port());
    Map<String, String> alice = Map.of("Authorization", "Bearer " + ALICE);
    Map<String, String> mallory = Map.of("Authorization", "Bearer " + MALLORY);
    String aliceSession = mcp.openSession(alice);

    HttpResponse<String> call = mcp.post(aliceSession, mallory, RawHttpMcp.callTool(7, "who_am_i"));
    HttpResponse<String> listen = mcp.send("GET", aliceSession, mallory);
    HttpResponse<String> delete = mcp.send("DELETE", aliceSession, mallory);

    for (HttpResponse<String> response : List.of(call, listen, delete)) {
      assertThat(response.statusCode()).as(response.request().method()).isEqualTo(404);
      assertThat(response.body()).contains("Session not found").doesNotContain("alice");
    }
    assertThat(calledBy).isEmpty();
    HttpResponse<String> own = mcp.post(aliceSession, alice, RawHttpMcp.callTool(8, "who_am_i"));
    assertThat(own.statusCode())
        .as("the owner's session survived the attempt to delete it")
        .isEqualTo(200);
    assertThat(calledBy).containsExactly("alice");
  }

  @Test
  void anotherSignedInUsersSessionIsRefusedInDatabricksAppsMode() throws Exception {
    sandbox = Sandbox.start(SandboxOptions.inMemory());
    OnBehalfOfUserProvider perUser = new OnBehalfOfUserProvider(sandbox::host, null, true);
    HttpAuth auth = new HttpAuth(HttpAuth.Mode.DATABRICKS_APPS, Map.of(), false);
    HttpSettings settings =
        new HttpSettings("127.0.0.1", 0, false, List.of(), List.of(), 1 << 20, auth);
    server = HttpTransport.start(settings, factory(perUser), perUser.identities());
    RawHttpMcp mcp = new RawHttpMcp(server.port());
    String adminSession =
        mcp.openSession(Map.of("X-Forwarded-Access-Token", Identities.ADMIN_TOKEN));

    // the analyst's own valid token, and the admin's name in every header an Apps proxy would set
    Map<String, String> analyst =
        Map.of(
            "X-Forwarded-Access-Token", Identities.USER_TOKEN,
            "X-Forwarded-Email", "admin@sandbox.local",
            "X-Forwarded-User", "admin@sandbox.local");
    HttpResponse<String> hijack =
        mcp.post(adminSession, analyst, RawHttpMcp.callTool(3, "who_am_i"));

    assertThat(hijack.statusCode()).isEqualTo(404);
    assertThat(calledBy).isEmpty();
    HttpResponse<String> own =
        mcp.post(
            adminSession,
            Map.of("X-Forwarded-Access-Token", Identities.ADMIN_TOKEN),
            RawHttpMcp.callTool(4, "who_am_i"));
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(calledBy).containsExactly("admin@sandbox.local");
  }

  @Test
  void anUnknownSessionIdIsNotFound() throws Exception {
    server = HttpTransport.start(HttpSettings.loopback(0), factory(none()));
    RawHttpMcp mcp = new RawHttpMcp(server.port());

    String madeUp = "00000000-0000-0000-0000-000000000000";
    HttpResponse<String> response = mcp.post(madeUp, Map.of(), RawHttpMcp.callTool(1, "who_am_i"));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(calledBy).isEmpty();
  }
}
