package dev.databricksmcp.server.testing;

import com.databricks.sdk.WorkspaceClient;
import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.server.connection.ConnectionSettings;
import dev.databricksmcp.server.connection.SharedWorkspaceProvider;
import dev.databricksmcp.server.core.Inventory;
import dev.databricksmcp.server.core.Jsons;
import dev.databricksmcp.server.core.ServerSettings;
import dev.databricksmcp.server.core.SharedServices;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolInvoker;
import dev.databricksmcp.server.core.ToolSelection;
import dev.databricksmcp.server.core.Toolsets;
import dev.databricksmcp.server.security.AuditLog;
import dev.databricksmcp.server.security.CallPolicies;
import dev.databricksmcp.server.security.SecuritySettings;
import dev.databricksmcp.server.tools.catalog.MetadataCache;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A sandbox workspace and the server's real tools against it, called the way the MCP layer calls
 * them (argument validation, policies, envelope). One per test class.
 */
public final class SandboxFixture implements AutoCloseable {
  public final Sandbox sandbox;
  private final SharedWorkspaceProvider admin;
  public final List<String> progress = new CopyOnWriteArrayList<>();

  /** The values of the progress notifications, in the order sent. */
  public final List<Double> progressValues = new CopyOnWriteArrayList<>();

  /** How many of the calls' waits were handed back (what metrics count). */
  public final java.util.concurrent.atomic.AtomicInteger waitsHandedBack =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * One set of shared services for every call, as one server process has: the tools' caches, and
   * the invokers clear them after writes.
   */
  public final SharedServices services = new SharedServices();

  /** The tools' metadata cache (60 s). */
  public final MetadataCache cache =
      services.get(
          MetadataCache.class,
          () -> new MetadataCache(java.time.Duration.ofSeconds(60), System::nanoTime));

  public SandboxFixture() {
    this(SandboxOptions.inMemory());
  }

  public SandboxFixture(SandboxOptions options) {
    sandbox = Sandbox.start(options);
    admin = provider(Identities.ADMIN_TOKEN);
  }

  public SharedWorkspaceProvider provider(String token) {
    return new SharedWorkspaceProvider(new ConnectionSettings(null, sandbox.host(), token));
  }

  public WorkspaceClient adminClient() {
    return admin.client();
  }

  /**
   * Confirmations on, one token key for the fixture's life: a token from one call redeems on the
   * next.
   */
  private final ToolInvoker confirming =
      CallPolicies.invoker(false, SecuritySettings.defaults(), AuditLog.discard(), services);

  /** Calls a tool as the admin with confirmations on, as a client that cannot be asked (tokens). */
  public CallToolResult callConfirming(String tool, Map<String, Object> args) {
    return confirming.invoke(tool(tool, false), args, context(admin, false));
  }

  /** A tool of the full inventory (every toolset on), as a server would hold it. */
  public ToolDef tool(String tool, boolean readOnly) {
    ToolSelection selection = new ToolSelection(List.of("all"), Set.of(), Set.of(), readOnly);
    Inventory inventory =
        Toolsets.discovered()
            .inventory(new ServerSettings(selection, true, false, "none"), services);
    return inventory.select(selection).stream()
        .filter(t -> t.name().equals(tool))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    tool + " is not available" + (readOnly ? " in read-only mode" : "")));
  }

  /** Calls a tool as the admin, not read-only, with confirmations off. */
  public CallToolResult call(String tool, Map<String, Object> args) {
    return call(tool, args, Identities.ADMIN_TOKEN, false);
  }

  public CallToolResult call(
      String tool, Map<String, Object> args, String token, boolean readOnly) {
    return call(tool, args, token, readOnly, SecuritySettings.defaults().defaultTimeout());
  }

  /** Calls a tool as the admin, with {@code toolTimeout} as the invoker's backstop for it. */
  public CallToolResult call(
      String tool, Map<String, Object> args, java.time.Duration toolTimeout) {
    return call(tool, args, Identities.ADMIN_TOKEN, false, toolTimeout);
  }

  private CallToolResult call(
      String tool,
      Map<String, Object> args,
      String token,
      boolean readOnly,
      java.time.Duration toolTimeout) {
    ToolDef def = tool(tool, readOnly);
    SecuritySettings d = SecuritySettings.defaults();
    SecuritySettings settings =
        new SecuritySettings(
            false,
            d.confirmationTtl(),
            d.rateLimitPerMinute(),
            d.rateLimitBurst(),
            d.maxConcurrentCalls(),
            toolTimeout,
            Map.of(),
            null,
            null);
    ToolInvoker invoker = CallPolicies.invoker(readOnly, settings, AuditLog.discard(), services);
    SharedWorkspaceProvider provider =
        token.equals(Identities.ADMIN_TOKEN) ? admin : provider(token);
    return invoker.invoke(def, args, context(provider, readOnly));
  }

  /** The context of a call as the admin, for a test that runs its own invoker. */
  public ToolContext adminContext() {
    return context(admin, false);
  }

  private ToolContext context(SharedWorkspaceProvider provider, boolean readOnly) {
    return new ToolContext() {
      @Override
      public WorkspaceClient workspace() {
        return provider.client();
      }

      @Override
      public String correlationId() {
        return "test";
      }

      @Override
      public boolean readOnly() {
        return readOnly;
      }

      @Override
      public void progress(double value, Double total, String message) {
        progress.add(message);
        progressValues.add(value);
      }

      @Override
      public void waitHandedBack() {
        waitsHandedBack.incrementAndGet();
      }
    };
  }

  /** Runs SQL as the admin straight through the SDK (not through a tool), waiting up to 50 s. */
  public com.databricks.sdk.service.sql.StatementResponse sql(String statement) {
    WorkspaceClient w = adminClient();
    var warehouses =
        w.warehouses().list(new com.databricks.sdk.service.sql.ListWarehousesRequest());
    String warehouse = warehouses.iterator().next().getId();
    return w.statementExecution()
        .executeStatement(
            new com.databricks.sdk.service.sql.ExecuteStatementRequest()
                .setStatement(statement)
                .setWarehouseId(warehouse)
                .setWaitTimeout("50s"));
  }

  /** How many rows a table really holds. */
  public long rowCount(String table) {
    var r = sql("SELECT count(*) FROM " + table);
    return Long.parseLong(r.getResult().getDataArray().iterator().next().iterator().next());
  }

  /**
   * The envelope as a client sees it: through JSON, so numbers come back as a client parses them.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> body(CallToolResult r) {
    try {
      return Jsons.MAPPER.readValue(Jsons.write(r.structuredContent()), Map.class);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> data(CallToolResult r) {
    Object data = body(r).get("data");
    if (!(data instanceof Map)) {
      throw new AssertionError("no data in " + body(r));
    }
    return (Map<String, Object>) data;
  }

  /** The data of a successful answer; fails the test with the envelope when it is an error. */
  public static Map<String, Object> ok(CallToolResult r) {
    if (r.isError() != null && r.isError()) {
      throw new AssertionError("expected success, got " + body(r));
    }
    return data(r);
  }

  /** The rows of a successful list answer (data.items). */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> items(CallToolResult r) {
    return (List<Map<String, Object>>) ok(r).get("items");
  }

  /** The envelope's one-line message. */
  public static String message(CallToolResult r) {
    return String.valueOf(body(r).get("message"));
  }

  public static String errorCode(CallToolResult r) {
    return (String) body(r).get("error_code");
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
