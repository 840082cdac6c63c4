package dev.databricksmcp.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.server.connection.ConnectionSettings;
import dev.databricksmcp.server.connection.OnBehalfOfUserProvider;
import dev.databricksmcp.server.connection.SharedWorkspaceProvider;
import dev.databricksmcp.server.core.ServerSettings;
import dev.databricksmcp.server.core.ToolSelection;
import dev.databricksmcp.server.core.Toolsets;
import dev.databricksmcp.server.logging.RedactingMessageConverter;
import dev.databricksmcp.server.mcp.McpServerFactory;
import dev.databricksmcp.server.transport.HttpAuth;
import dev.databricksmcp.server.transport.HttpSettings;
import dev.databricksmcp.server.transport.HttpTransport;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Databricks Apps mode: calls are made with the signed-in user's forwarded token (the sandbox says
 * who it saw), and across the whole session no token reaches a result, a log line or the audit log.
 */
@Timeout(120)
class OnBehalfOfUserTest {
  private static final List<String> TOKENS =
      List.of(Identities.ADMIN_TOKEN, Identities.USER_TOKEN, Identities.SERVICE_PRINCIPAL_TOKEN);

  private Sandbox sandbox;
  private HttpTransport server;
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private PrintStream originalErr;

  @BeforeEach
  void start() {
    originalErr = System.err;
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    logs.start();
    root().addAppender(logs);
    sandbox = Sandbox.start(SandboxOptions.inMemory());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    sandbox.close();
    root().detachAppender(logs);
    System.setErr(originalErr);
  }

  private static Logger root() {
    return ((LoggerContext) LoggerFactory.getILoggerFactory())
        .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  private McpSyncClient client(String userToken, String email) {
    var builder =
        HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
            .endpoint("/mcp");
    if (userToken != null) {
      builder.requestBuilder(
          java.net.http.HttpRequest.newBuilder()
              .header("X-Forwarded-Access-Token", userToken)
              .header("X-Forwarded-Email", email));
    }
    McpSyncClient client = McpClient.sync(builder.build()).build();
    client.initialize();
    return client;
  }

  @Test
  void eachCallUsesTheSignedInUsersTokenAndNoTokenLeaks(@TempDir Path dir) throws Exception {
    SharedWorkspaceProvider appPrincipal =
        new SharedWorkspaceProvider(
            new ConnectionSettings(null, sandbox.host(), Identities.SERVICE_PRINCIPAL_TOKEN));
    OnBehalfOfUserProvider perUser = new OnBehalfOfUserProvider(sandbox::host, null, true);
    Path auditFile = dir.resolve("audit.jsonl");
    AuditLog audit = AuditLog.toFile(auditFile);
    ToolSelection selection = ToolSelection.defaults();
    McpServerFactory factory =
        new McpServerFactory(
            Toolsets.discovered()
                .inventory(new ServerSettings(selection, true, true, "databricks_apps"))
                .all(),
            perUser,
            false,
            CallPolicies.invoker(false, SecuritySettings.defaults(), audit));
    server =
        HttpTransport.start(
            new HttpSettings(
                "127.0.0.1",
                0,
                false,
                List.of(),
                List.of(),
                1 << 20,
                new HttpAuth(HttpAuth.Mode.DATABRICKS_APPS, Map.of(), false)),
            factory,
            perUser.identities());
    List<CallToolResult> results = new ArrayList<>();

    sandbox.requestLog().clear();
    McpSyncClient analyst = client(Identities.USER_TOKEN, "analyst@sandbox.local");
    CallToolResult asAnalyst =
        analyst.callTool(new CallToolRequest("get_workspace_info", Map.of()));
    results.add(asAnalyst);
    McpSyncClient admin = client(Identities.ADMIN_TOKEN, "admin@sandbox.local");
    CallToolResult asAdmin = admin.callTool(new CallToolRequest("get_workspace_info", Map.of()));
    results.add(asAdmin);
    results.add(
        admin.callTool(
            new CallToolRequest(
                "get_workspace_info", Map.of("unexpected", Identities.ADMIN_TOKEN))));
    analyst.closeGracefully();
    admin.closeGracefully();
    audit.close();

    assertThat(data(asAnalyst))
        .containsEntry("current_user", "analyst@sandbox.local")
        .containsEntry("sandbox", true);
    assertThat(data(asAdmin)).containsEntry("current_user", "admin@sandbox.local");
    assertThat(sandbox.requestLog().entries())
        .filteredOn(e -> e.path().endsWith("/scim/v2/Me"))
        .extracting(e -> e.principal())
        // each token's owner is asked once (who is calling), then get_workspace_info asks as that
        // user
        .containsExactly(
            "analyst@sandbox.local",
            "analyst@sandbox.local",
            "admin@sandbox.local",
            "admin@sandbox.local");
    assertThat(appPrincipal).isNotNull();

    String everything =
        results.toString() + Files.readString(auditFile) + stderr.toString(StandardCharsets.UTF_8);
    RedactingMessageConverter converter = new RedactingMessageConverter();
    StringBuilder logLines = new StringBuilder();
    for (ILoggingEvent event : logs.list) {
      logLines.append(converter.convert(event)).append('\n');
    }
    for (String token : TOKENS) {
      assertThat(everything).doesNotContain(token);
      assertThat(logLines.toString()).doesNotContain(token);
    }
    assertThat(Files.readString(auditFile)).contains("\"principal\":\"analyst@sandbox.local\"");
  }

  @Test
  void withoutAForwardedUserNothingReachesTheWorkspace() throws Exception {
    OnBehalfOfUserProvider perUser = new OnBehalfOfUserProvider(sandbox::host, null, true);
    server =
        HttpTransport.start(
            new HttpSettings(
                "127.0.0.1",
                0,
                false,
                List.of(),
                List.of(),
                1 << 20,
                new HttpAuth(HttpAuth.Mode.DATABRICKS_APPS, Map.of(), true)),
            new McpServerFactory(
                Toolsets.discovered()
                    .inventory(ServerSettings.of(ToolSelection.defaults(), true))
                    .all(),
                perUser,
                false),
            perUser.identities());
    sandbox.requestLog().clear();
    McpSyncClient anonymous = client(null, null);

    CallToolResult result = anonymous.callTool(new CallToolRequest("get_workspace_info", Map.of()));

    assertThat(((Map<?, ?>) result.structuredContent()).get("error_code"))
        .isEqualTo("AUTHENTICATION_ERROR");
    assertThat(sandbox.requestLog().entries()).isEmpty();
    anonymous.closeGracefully();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(CallToolResult result) {
    return (Map<String, Object>) ((Map<String, Object>) result.structuredContent()).get("data");
  }
}
