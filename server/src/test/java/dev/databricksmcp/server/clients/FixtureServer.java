package dev.databricksmcp.server.clients;

import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.server.connection.ConnectionSettings;
import dev.databricksmcp.server.connection.SharedWorkspaceProvider;
import dev.databricksmcp.server.core.ServerSettings;
import dev.databricksmcp.server.core.SharedServices;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolSelection;
import dev.databricksmcp.server.core.Toolsets;
import dev.databricksmcp.server.mcp.McpServerFactory;
import dev.databricksmcp.server.security.AuditLog;
import dev.databricksmcp.server.security.CallPolicies;
import dev.databricksmcp.server.security.SecuritySettings;
import dev.databricksmcp.server.transport.HttpSettings;
import dev.databricksmcp.server.transport.HttpTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    SharedServices services = new SharedServices();
    ServerSettings settings =
        new ServerSettings(
            selection, true, true, "none", Map.of("DATABRICKS_MCP_CACHE_TTL_SECONDS", "60"));
    List<ToolDef> tools =
        new ArrayList<>(Toolsets.discovered().inventory(settings, services).select(selection));
    tools.addAll(ConformanceFixtureTools.all());
    McpServerFactory factory =
        new McpServerFactory(
                tools,
                new SharedWorkspaceProvider(
                    new ConnectionSettings(null, sandbox.host(), Identities.ADMIN_TOKEN)),
                false,
                CallPolicies.invoker(
                    false, SecuritySettings.defaults(), AuditLog.discard(), services))
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
