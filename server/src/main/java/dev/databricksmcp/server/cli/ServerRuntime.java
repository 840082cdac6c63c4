package dev.databricksmcp.server.cli;

import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.server.connection.ConnectionCheck;
import dev.databricksmcp.server.connection.ConnectionSettings;
import dev.databricksmcp.server.connection.ForwardedUserIdentities;
import dev.databricksmcp.server.connection.OnBehalfOfUserProvider;
import dev.databricksmcp.server.connection.SharedWorkspaceProvider;
import dev.databricksmcp.server.connection.WorkspaceProvider;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolInvoker;
import dev.databricksmcp.server.core.ToolSelection;
import dev.databricksmcp.server.security.AuditLog;
import dev.databricksmcp.server.security.CallPolicies;
import dev.databricksmcp.server.security.SecuritySettings;
import dev.databricksmcp.server.tools.AllTools;
import dev.databricksmcp.server.tools.ServerFacts;
import dev.databricksmcp.server.tools.catalog.MetadataCache;
import dev.databricksmcp.server.tools.sql.SqlSettings;
import dev.databricksmcp.server.transport.HttpAuth;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What serve and call share: the selected tools, the invoker with every security control, and a
 * workspace connection, with the sandbox started in-process when asked for. Never falls back to the
 * sandbox silently.
 */
final class ServerRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServerRuntime.class);

  final List<ToolDef> tools;
  final WorkspaceProvider workspaces;
  final boolean readOnly;
  final ToolInvoker invoker;

  /** Who forwarded tokens belong to, with --auth databricks-apps; else null. */
  final ForwardedUserIdentities identities;

  private final Sandbox sandbox;
  private final AuditLog audit;

  private ServerRuntime(
      List<ToolDef> tools,
      WorkspaceProvider workspaces,
      boolean readOnly,
      ToolInvoker invoker,
      Sandbox sandbox,
      AuditLog audit) {
    this.tools = tools;
    this.workspaces = workspaces;
    this.readOnly = readOnly;
    this.invoker = invoker;
    this.identities =
        workspaces instanceof OnBehalfOfUserProvider perUser ? perUser.identities() : null;
    this.sandbox = sandbox;
    this.audit = audit;
  }

  static ServerRuntime start(CommonOptions options) {
    return start(options, HttpAuth.none());
  }

  /**
   * @param httpAuth how HTTP callers authenticate; databricks-apps makes the client per signed-in
   *     user
   */
  static ServerRuntime start(CommonOptions options, HttpAuth httpAuth) {
    Logging.configure(options.logLevel);
    ToolSelection selection = options.selection();
    SecuritySettings security = options.security();
    ServerFacts facts =
        new ServerFacts(
            selection,
            options.sandbox,
            security.confirmDestructive(),
            httpAuth.mode().name().toLowerCase(),
            SqlSettings.fromEnvironment(System.getenv()),
            MetadataCache.fromEnvironment(System.getenv()));
    List<ToolDef> tools = AllTools.inventory(facts).select(selection);
    AuditLog audit =
        security.auditLog() == null ? AuditLog.toStderr() : AuditLog.toFile(security.auditLog());
    ToolInvoker invoker = CallPolicies.invoker(selection.readOnly(), security, audit);

    Sandbox sandbox = null;
    ConnectionSettings settings;
    if (options.sandbox) {
      sandbox = Sandbox.start(new SandboxOptions(0, options.sandboxDir));
      LOG.info(
          "Using the local SANDBOX workspace at {} (not a real Databricks workspace)",
          sandbox.host());
      settings = new ConnectionSettings(null, sandbox.host(), sandbox.adminToken());
    } else {
      ConnectionCheck.missingConfiguration(System.getenv(), options.profile)
          .ifPresent(
              message -> {
                throw new UsageProblem(message);
              });
      settings = new ConnectionSettings(options.profile, null, null);
    }
    SharedWorkspaceProvider shared = new SharedWorkspaceProvider(settings);
    WorkspaceProvider workspaces = shared;
    if (httpAuth.mode() == HttpAuth.Mode.DATABRICKS_APPS) {
      workspaces =
          new OnBehalfOfUserProvider(
              shared::host,
              httpAuth.appsServicePrincipalFallback() ? shared : null,
              options.sandbox);
    }
    return new ServerRuntime(tools, workspaces, selection.readOnly(), invoker, sandbox, audit);
  }

  @Override
  public void close() {
    if (sandbox != null) {
      sandbox.close();
    }
    audit.close();
  }
}
