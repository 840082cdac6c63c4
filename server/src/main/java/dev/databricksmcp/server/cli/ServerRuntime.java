package dev.databricksmcp.server.cli;

import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.server.connection.ConnectionCheck;
import dev.databricksmcp.server.connection.ConnectionSettings;
import dev.databricksmcp.server.connection.DatabricksCallObserver;
import dev.databricksmcp.server.connection.ForwardedUserIdentities;
import dev.databricksmcp.server.connection.OnBehalfOfUserProvider;
import dev.databricksmcp.server.connection.SharedWorkspaceProvider;
import dev.databricksmcp.server.connection.WorkspaceProvider;
import dev.databricksmcp.server.core.Inventory;
import dev.databricksmcp.server.core.ResourceDef;
import dev.databricksmcp.server.core.ServerSettings;
import dev.databricksmcp.server.core.SharedServices;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolInvoker;
import dev.databricksmcp.server.core.ToolSelection;
import dev.databricksmcp.server.core.ToolsetModule;
import dev.databricksmcp.server.core.Toolsets;
import dev.databricksmcp.server.mcp.McpServerFactory;
import dev.databricksmcp.server.security.AuditLog;
import dev.databricksmcp.server.security.CallPolicies;
import dev.databricksmcp.server.security.SecuritySettings;
import dev.databricksmcp.server.tools.dynamic.DynamicToolsetTools;
import dev.databricksmcp.server.tools.dynamic.DynamicToolsets;
import dev.databricksmcp.server.tools.workspace.WorkspaceToolset;
import dev.databricksmcp.server.transport.HttpAuth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  /** Every tool the server knows, before the user's selection. */
  final Inventory inventory;

  final WorkspaceProvider workspaces;
  final boolean readOnly;
  final ToolInvoker invoker;

  /** With --dynamic-toolsets, what can be enabled and what is; else null. */
  final DynamicToolsets dynamic;

  /** Who forwarded tokens belong to, with --auth databricks-apps; else null. */
  final ForwardedUserIdentities identities;

  /** The workspace URL, asked for only when needed (a sandbox may still be starting). */
  final java.util.function.Supplier<String> databricksHost;

  /** The resource templates of the toolsets served from the start. */
  final List<ResourceDef> resources;

  /**
   * When the sandbox boots if {@link #bootSandbox()} was not called: a stdio client that neither
   * lists tools nor calls one soon still finds it ready.
   */
  private static final Duration SANDBOX_BOOT_AT_LATEST = Duration.ofSeconds(2);

  private final BackgroundSandbox sandbox;
  private final AuditLog audit;

  private ServerRuntime(
      Inventory inventory,
      List<ToolDef> tools,
      List<ResourceDef> resources,
      DynamicToolsets dynamic,
      WorkspaceProvider workspaces,
      boolean readOnly,
      ToolInvoker invoker,
      BackgroundSandbox sandbox,
      AuditLog audit,
      java.util.function.Supplier<String> databricksHost) {
    this.inventory = inventory;
    this.databricksHost = databricksHost;
    this.tools = tools;
    this.resources = resources;
    this.dynamic = dynamic;
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
    return start(options, httpAuth, ServerObservers.NONE);
  }

  /**
   * @param observers told of every tool call and every Databricks request (metrics, traces)
   */
  static ServerRuntime start(CommonOptions options, HttpAuth httpAuth, ServerObservers observers) {
    Logging.configure(options.logLevel);
    ToolSelection selection = options.selection();
    SecuritySettings security = options.security();
    ServerSettings settings =
        new ServerSettings(
            selection,
            options.sandbox,
            security.confirmDestructive(),
            httpAuth.mode().name().toLowerCase(),
            System.getenv());
    // one set of shared services for the tools and the invoker: writes clear what tools cache
    SharedServices services = new SharedServices();
    Inventory inventory = Toolsets.discovered().inventory(settings, services);
    List<ToolDef> tools;
    DynamicToolsets dynamic = null;
    if (options.dynamicToolsets) {
      dynamic = dynamicToolsets(inventory, selection);
      tools = startingTools(inventory, selection, dynamic);
    } else {
      tools = inventory.select(selection);
    }
    AuditLog audit =
        security.auditLog() == null ? AuditLog.toStderr() : AuditLog.toFile(security.auditLog());
    ToolInvoker invoker =
        CallPolicies.invoker(selection.readOnly(), security, audit, services, observers.calls());
    DatabricksCallObserver databricksCalls = observers.databricksCalls();

    BackgroundSandbox sandbox = null;
    SharedWorkspaceProvider shared;
    if (options.sandbox) {
      sandbox =
          BackgroundSandbox.deferred(
              new SandboxOptions(0, options.sandboxDir).withPythonCommands(options.sandboxPython),
              SANDBOX_BOOT_AT_LATEST);
      shared = new SharedWorkspaceProvider(sandbox::connection, true, databricksCalls);
    } else {
      ConnectionCheck.missingConfiguration(System.getenv(), options.profile)
          .ifPresent(
              message -> {
                throw new UsageProblem(message);
              });
      ConnectionSettings profile = new ConnectionSettings(options.profile, null, null);
      shared = new SharedWorkspaceProvider(() -> profile, false, databricksCalls);
    }
    WorkspaceProvider workspaces = shared;
    if (httpAuth.mode() == HttpAuth.Mode.DATABRICKS_OAUTH) {
      // every call as the signed-in user, with the Databricks token this server holds for them
      workspaces = new OnBehalfOfUserProvider(shared::host, null, options.sandbox, databricksCalls);
    } else if (httpAuth.mode() == HttpAuth.Mode.DATABRICKS_APPS) {
      workspaces =
          new OnBehalfOfUserProvider(
              shared::host,
              httpAuth.appsServicePrincipalFallback() ? shared : null,
              options.sandbox,
              databricksCalls);
    }
    // resources follow the toolsets served from the start (dynamic ones enabled later add none)
    List<ResourceDef> resources =
        inventory.resources(options.dynamicToolsets ? startingSelection(selection) : selection);
    return new ServerRuntime(
        inventory,
        tools,
        resources,
        dynamic,
        workspaces,
        selection.readOnly(),
        invoker,
        sandbox,
        audit,
        shared::host);
  }

  /** The MCP server factory over these tools, growing at run time with --dynamic-toolsets. */
  McpServerFactory factory() {
    McpServerFactory factory =
        new McpServerFactory(tools, workspaces, readOnly, invoker).withResources(resources);
    return dynamic == null ? factory : factory.withDynamicToolsets(dynamic);
  }

  /**
   * What --dynamic-toolsets offers: every toolset of the inventory with its tools after the user's
   * filters (read-only mode, --exclude-tools), and as enabled those named by --toolsets (only the
   * workspace toolset without it). The one place that knows how toolsets are declared.
   */
  static DynamicToolsets dynamicToolsets(Inventory inventory, ToolSelection selection) {
    List<ToolDef> allowed =
        inventory.select(
            new ToolSelection(
                List.of("all"), Set.of(), selection.excludeTools(), selection.readOnly()));
    Map<String, List<ToolDef>> byToolset = new LinkedHashMap<>();
    for (ToolsetModule module : inventory.toolsets().all()) {
      byToolset.put(module.id(), new ArrayList<>());
    }
    allowed.forEach(tool -> byToolset.get(tool.toolset()).add(tool));
    List<DynamicToolsets.Offer> offers = new ArrayList<>();
    for (ToolsetModule module : inventory.toolsets().all()) {
      offers.add(
          new DynamicToolsets.Offer(module.id(), module.description(), byToolset.get(module.id())));
    }
    List<String> enabled = inventory.toolsets().resolve(startingToolsets(selection));
    List<String> served =
        inventory.select(startingSelection(selection)).stream().map(ToolDef::name).toList();
    return new DynamicToolsets(offers, enabled, served);
  }

  /**
   * The tools a dynamic server starts with: those of the starting toolsets, plus the three tools
   * that list and enable the others, and get_workspace_info reporting what is enabled now.
   */
  private static List<ToolDef> startingTools(
      Inventory inventory, ToolSelection selection, DynamicToolsets dynamic) {
    List<ToolDef> out = new ArrayList<>();
    for (ToolDef tool : inventory.select(startingSelection(selection))) {
      out.add(
          tool.name().equals("get_workspace_info")
              ? DynamicToolsetTools.reportingLiveState(tool, dynamic)
              : tool);
    }
    out.addAll(DynamicToolsetTools.definitions(dynamic));
    return out;
  }

  /** The user's selection, with only the workspace toolset unless --toolsets named others. */
  private static ToolSelection startingSelection(ToolSelection selection) {
    return new ToolSelection(
        startingToolsets(selection),
        selection.addTools(),
        selection.excludeTools(),
        selection.readOnly());
  }

  private static List<String> startingToolsets(ToolSelection selection) {
    return selection.toolsets().isEmpty() ? List.of(WorkspaceToolset.ID) : selection.toolsets();
  }

  /**
   * Lets the sandbox, if any, boot now; until then it waits (see {@link BackgroundSandbox}), at
   * most {@link #SANDBOX_BOOT_AT_LATEST} or until a tool needs it.
   */
  void bootSandbox() {
    if (sandbox != null) {
      sandbox.boot();
    }
  }

  @Override
  public void close() {
    if (sandbox != null) {
      sandbox.close();
    }
    audit.close();
  }
}
