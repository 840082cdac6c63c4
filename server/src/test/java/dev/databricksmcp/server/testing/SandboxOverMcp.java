package dev.databricksmcp.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.server.connection.ConnectionSettings;
import dev.databricksmcp.server.connection.SharedWorkspaceProvider;
import dev.databricksmcp.server.core.Inventory;
import dev.databricksmcp.server.core.ServerSettings;
import dev.databricksmcp.server.core.ToolSelection;
import dev.databricksmcp.server.core.Toolsets;
import dev.databricksmcp.server.mcp.McpServerFactory;
import dev.databricksmcp.server.security.AuditLog;
import dev.databricksmcp.server.security.CallPolicies;
import dev.databricksmcp.server.security.SecuritySettings;
import dev.databricksmcp.server.transport.HttpSettings;
import dev.databricksmcp.server.transport.HttpTransport;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scenario test's server, as a model meets it: the given toolsets over Streamable HTTP against a
 * sandbox, called through the MCP SDK's own client, with the progress it sends collected. With
 * {@code confirmations} the server's real call policies ask before destructive tools (a
 * confirmation token, as for a client without elicitation); without, they run at once. Closing it
 * closes the client, the server and the sandbox.
 */
public final class SandboxOverMcp implements AutoCloseable {
  private final Sandbox sandbox;
  private final HttpTransport server;
  private final McpSyncClient client;
  private final List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();

  private SandboxOverMcp(Sandbox sandbox, List<String> toolsets, boolean confirmations) {
    this(sandbox, toolsets, confirmations, false);
  }

  private SandboxOverMcp(
      Sandbox sandbox, List<String> toolsets, boolean confirmations, boolean readOnly) {
    this.sandbox = sandbox;
    ToolSelection selection = new ToolSelection(toolsets, Set.of(), Set.of(), readOnly);
    Inventory inventory = Toolsets.discovered().inventory(ServerSettings.of(selection, true));
    SharedWorkspaceProvider workspace =
        new SharedWorkspaceProvider(
            new ConnectionSettings(null, sandbox.host(), sandbox.adminToken()));
    McpServerFactory factory =
        (confirmations
                ? new McpServerFactory(
                    inventory.select(selection),
                    workspace,
                    false,
                    CallPolicies.invoker(false, SecuritySettings.defaults(), AuditLog.discard()))
                : new McpServerFactory(inventory.select(selection), workspace, readOnly))
            .withResources(inventory.resources(selection));
    server = HttpTransport.start(HttpSettings.loopback(0), factory);
    client =
        McpClient.sync(
                HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
                    .endpoint("/mcp")
                    .build())
            .progressConsumer(progress::add)
            .requestTimeout(Duration.ofSeconds(90))
            .build();
    client.initialize();
  }

  /** Tools run at once, destructive ones too. */
  public static SandboxOverMcp start(Sandbox sandbox, String... toolsets) {
    return new SandboxOverMcp(sandbox, List.of(toolsets), false);
  }

  /** As {@code --read-only} runs it: write tools neither listed nor run. */
  public static SandboxOverMcp readOnly(Sandbox sandbox, String... toolsets) {
    return new SandboxOverMcp(sandbox, List.of(toolsets), false, true);
  }

  /** Destructive tools ask first, as the server does for a client without elicitation. */
  public static SandboxOverMcp confirming(Sandbox sandbox, String... toolsets) {
    return new SandboxOverMcp(sandbox, List.of(toolsets), true);
  }

  public McpSyncClient client() {
    return client;
  }

  public Sandbox sandbox() {
    return sandbox;
  }

  /**
   * The sandbox's admin through the Databricks SDK, for what a scenario sets up beside the tools.
   */
  public WorkspaceClient admin() {
    return new WorkspaceClient(
        new DatabricksConfig()
            .setHost(sandbox.host())
            .setToken(sandbox.adminToken())
            .setAuthType("pat"));
  }

  /** The progress notifications received so far, in order. */
  public List<McpSchema.ProgressNotification> progress() {
    return progress;
  }

  /** A call that must succeed; the failure message shows the envelope. */
  public CallToolResult call(String tool, Map<String, Object> args) {
    CallToolResult r = client.callTool(new CallToolRequest(tool, args));
    assertThat(r.isError()).as(tool + ": " + body(r)).isFalse();
    return r;
  }

  /** A call with a progress token, as a client asks for progress. */
  public CallToolResult callWithProgress(String tool, Map<String, Object> args, String token) {
    return client.callTool(new CallToolRequest(tool, args, Map.of("progressToken", token)));
  }

  /** A call whose answer may be an error. */
  public CallToolResult attempt(String tool, Map<String, Object> args) {
    return client.callTool(new CallToolRequest(tool, args));
  }

  /** A destructive call: asked first, then made again with the confirmation token it was given. */
  @SuppressWarnings("unchecked")
  public CallToolResult confirmed(String tool, Map<String, Object> args) {
    CallToolResult asked = attempt(tool, args);
    assertThat(errorCode(asked)).as(tool + ": " + body(asked)).isEqualTo("CONFIRMATION_REQUIRED");
    Map<String, Object> again = new HashMap<>(args);
    again.put(
        "confirmation_token",
        ((Map<String, Object>) body(asked).get("details")).get("confirmation_token"));
    return call(tool, again);
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> body(CallToolResult r) {
    return (Map<String, Object>) r.structuredContent();
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> data(CallToolResult r) {
    return (Map<String, Object>) body(r).get("data");
  }

  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> items(CallToolResult r) {
    return (List<Map<String, Object>>) data(r).get("items");
  }

  public static String message(CallToolResult r) {
    return String.valueOf(body(r).get("message"));
  }

  public static String errorCode(CallToolResult r) {
    return String.valueOf(body(r).get("error_code"));
  }

  @Override
  public void close() {
    client.closeGracefully();
    server.close();
    sandbox.close();
  }
}
