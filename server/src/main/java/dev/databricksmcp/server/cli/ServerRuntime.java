package dev.databricksmcp.server.cli;

import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.server.connection.ConnectionCheck;
import dev.databricksmcp.server.connection.ConnectionSettings;
import dev.databricksmcp.server.connection.SharedWorkspaceProvider;
import dev.databricksmcp.server.connection.WorkspaceProvider;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolSelection;
import dev.databricksmcp.server.tools.AllTools;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What serve and call share: the selected tools and a workspace connection, with the sandbox started
 * in-process when asked for. Never falls back to the sandbox silently.
 */
final class ServerRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServerRuntime.class);

  final List<ToolDef> tools;
  final WorkspaceProvider workspaces;
  final boolean readOnly;
  private final Sandbox sandbox;

  private ServerRuntime(List<ToolDef> tools, WorkspaceProvider workspaces, boolean readOnly, Sandbox sandbox) {
    this.tools = tools;
    this.workspaces = workspaces;
    this.readOnly = readOnly;
    this.sandbox = sandbox;
  }

  static ServerRuntime start(CommonOptions options) {
    Logging.configure(options.logLevel);
    ToolSelection selection = options.selection();
    List<ToolDef> tools = AllTools.inventory(selection, options.sandbox).select(selection);
    if (options.sandbox) {
      Sandbox sandbox = Sandbox.start(new SandboxOptions(0, options.sandboxDir));
      LOG.info("Using the local SANDBOX workspace at {} (not a real Databricks workspace)", sandbox.host());
      ConnectionSettings settings = new ConnectionSettings(null, sandbox.host(), sandbox.adminToken());
      return new ServerRuntime(tools, new SharedWorkspaceProvider(settings), selection.readOnly(), sandbox);
    }
    ConnectionCheck.missingConfiguration(System.getenv(), options.profile)
        .ifPresent(
            message -> {
              throw new UsageProblem(message);
            });
    ConnectionSettings settings = new ConnectionSettings(options.profile, null, null);
    return new ServerRuntime(tools, new SharedWorkspaceProvider(settings), selection.readOnly(), null);
  }

  @Override
  public void close() {
    if (sandbox != null) {
      sandbox.close();
    }
  }
}
