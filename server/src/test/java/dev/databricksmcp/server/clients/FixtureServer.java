package dev.databricksmcp.server.clients;

import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.server.connection.ConnectionSettings;
import dev.databricksmcp.server.connection.SharedWorkspaceProvider;
import dev.databricksmcp.server.core.ToolDef;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The product's Streamable HTTP server on the sandbox — every toolset, the real invoker with its
 * security policies — plus the conformance fixtures registered through the same inventory types.
 */
final class FixtureServer implements AutoCloseable {
  private final Sandbox sandbox;
  private final HttpTransport http;

  FixtureServer() {
    sandbox = Sandbox.start(SandboxOptions.inMemory());
    ToolSelection selection = new ToolSelection(List.of("all"), Set.of(), Set.of(), false);
    ServerFacts facts =
        new ServerFacts(
            selection,
            true,
            true,
            "none",
            SqlSettings.defaults(),
            new MetadataCache(Duration.ofSeconds(60), System::nanoTime));
    List<ToolDef> tools = new ArrayList<>(AllTools.inventory(facts).select(selection));
    tools.addAll(ConformanceFixtureTools.all());
    McpServerFactory factory =
        new McpServerFactory(
                tools,
                new SharedWorkspaceProvider(
                    new ConnectionSettings(null, sandbox.host(), Identities.ADMIN_TOKEN)),
                false,
                CallPolicies.invoker(false, SecuritySettings.defaults(), AuditLog.discard()))
            .withExtras(ConformanceFixtureFeatures.all());
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

  String url() {
    return "http://127.0.0.1:" + http.port() + HttpTransport.MCP_PATH;
  }

  @Override
  public void close() {
    http.close();
    sandbox.close();
  }
}
