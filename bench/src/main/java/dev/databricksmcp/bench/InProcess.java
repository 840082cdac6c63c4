package dev.databricksmcp.bench;

import dev.databricksmcp.server.connection.ConnectionSettings;
import dev.databricksmcp.server.connection.SharedWorkspaceProvider;
import dev.databricksmcp.server.core.ServerSettings;
import dev.databricksmcp.server.core.SharedServices;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Our HTTP server inside the benchmark process, where its heap can be watched while it works
 * (section 4); configured as a shared deployment (no rate limit, audit lines discarded).
 */
final class InProcess implements AutoCloseable {
  final HttpTransport http;

  /**
   * @param sandboxHost a sandbox in another process, so this process holds only the server
   */
  InProcess(String sandboxHost) {
    SharedWorkspaceProvider workspace =
        new SharedWorkspaceProvider(
            new ConnectionSettings(null, sandboxHost, SandboxProcess.TOKEN));
    ToolSelection all = new ToolSelection(List.of("all"), Set.of(), Set.of(), false);
    SharedServices services = new SharedServices();
    ServerSettings settings = new ServerSettings(all, true, false, "none");
    SecuritySettings security =
        new SecuritySettings(
            false, Duration.ofMinutes(5), 0, 1, 256, Duration.ofMinutes(5), Map.of(), null, null);
    McpServerFactory factory =
        new McpServerFactory(
            Toolsets.discovered().inventory(settings, services).all(),
            workspace,
            false,
            CallPolicies.invoker(false, security, AuditLog.discard(), services));
    http =
        HttpTransport.start(
            new HttpSettings(
                "127.0.0.1",
                0,
                false,
                List.of(),
                List.of(),
                HttpSettings.DEFAULT_MAX_REQUEST_BYTES),
            factory);
  }

  McpSyncClient client() {
    McpSyncClient c =
        McpClient.sync(
                HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + http.port())
                    .endpoint("/mcp")
                    .build())
            .requestTimeout(Duration.ofSeconds(180))
            .build();
    c.initialize();
    return c;
  }

  @Override
  public void close() {
    http.close();
  }
}
