package dev.databricksmcp.bench;

import dev.databricksmcp.server.connection.ConnectionSettings;
import dev.databricksmcp.server.connection.SharedWorkspaceProvider;
import dev.databricksmcp.server.core.ToolSelection;
import dev.databricksmcp.server.mcp.McpServerFactory;
import dev.databricksmcp.server.security.AuditLog;
import dev.databricksmcp.server.security.CallPolicies;
import dev.databricksmcp.server.security.SecuritySettings;
import dev.databricksmcp.server.tools.AllTools;
import dev.databricksmcp.server.tools.ServerFacts;
import dev.databricksmcp.server.tools.catalog.MetadataCache;
import dev.databricksmcp.server.tools.sql.SqlSettings;
import dev.databricksmcp.server.transport.HttpSettings;
import dev.databricksmcp.server.transport.HttpTransport;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Our HTTP server in this process, configured as a shared deployment would be (no rate limit, audit off). */
final class InProcess implements AutoCloseable {
  final HttpTransport http;
  final SharedWorkspaceProvider workspace;

  /** @param sandboxHost a sandbox in another process, so this process holds only the server */
  InProcess(String sandboxHost, boolean stateless, Duration cacheTtl) {
    workspace = new SharedWorkspaceProvider(new ConnectionSettings(null, sandboxHost, "dapi-sandbox-admin-token"));
    ToolSelection all = new ToolSelection(List.of("all"), Set.of(), Set.of(), false);
    ServerFacts facts = new ServerFacts(all, true, false, "none", SqlSettings.defaults(), new MetadataCache(cacheTtl, System::nanoTime));
    SecuritySettings security = new SecuritySettings(false, Duration.ofMinutes(5), 0, 1, 256, Duration.ofMinutes(5), java.util.Map.of(), null);
    McpServerFactory factory = new McpServerFactory(AllTools.definitions(facts), workspace, false,
        CallPolicies.invoker(false, security, AuditLog.discard()));
    http = HttpTransport.start(new HttpSettings("127.0.0.1", 0, stateless, List.of(), List.of(), HttpSettings.DEFAULT_MAX_REQUEST_BYTES), factory);
  }

  McpSyncClient client() {
    McpSyncClient c = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + http.port()).endpoint("/mcp").build())
        .requestTimeout(Duration.ofSeconds(60)).build();
    c.initialize();
    return c;
  }

  @Override
  public void close() {
    http.close();
  }
}
