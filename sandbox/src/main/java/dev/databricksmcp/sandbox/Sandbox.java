package dev.databricksmcp.sandbox;

import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.auth.OAuthApi;
import dev.databricksmcp.sandbox.data.WorkspaceSetup;
import dev.databricksmcp.sandbox.engine.DuckDbEngine;
import dev.databricksmcp.sandbox.engine.DuckDbLockdown;
import dev.databricksmcp.sandbox.events.StatementLog;
import dev.databricksmcp.sandbox.events.SystemTablesFeed;
import dev.databricksmcp.sandbox.faults.FaultInjector;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.RequestLog;
import dev.databricksmcp.sandbox.http.Router;
import dev.databricksmcp.sandbox.http.SandboxHandler;
import dev.databricksmcp.sandbox.identity.ScimApi;
import dev.databricksmcp.sandbox.sql.QueryHistoryApi;
import dev.databricksmcp.sandbox.sql.SavedQueriesApi;
import dev.databricksmcp.sandbox.sql.StatementExecutionApi;
import dev.databricksmcp.sandbox.sql.StatementRunner;
import dev.databricksmcp.sandbox.sql.Warehouses;
import dev.databricksmcp.sandbox.sql.WarehousesApi;
import dev.databricksmcp.sandbox.uc.FunctionsApi;
import dev.databricksmcp.sandbox.uc.Grants;
import dev.databricksmcp.sandbox.uc.GrantsApi;
import dev.databricksmcp.sandbox.uc.LineageApi;
import dev.databricksmcp.sandbox.uc.Metastore;
import dev.databricksmcp.sandbox.uc.UnityCatalogApi;
import dev.databricksmcp.sandbox.uc.VolumesApi;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A local Databricks workspace on loopback: the real REST API over HTTP, DuckDB behind SQL and
 * Unity Catalog. Start one, point any Databricks SDK at {@link #host()} with {@link #adminToken()}.
 */
public final class Sandbox implements AutoCloseable {
  private final Server server;
  private final DuckDbEngine engine;
  private final Identities identities;
  private final RequestLog requestLog;
  private final FaultInjector faults;
  private final Warehouses warehouses;

  private Sandbox(
      Server server,
      DuckDbEngine engine,
      Identities identities,
      RequestLog requestLog,
      FaultInjector faults,
      Warehouses warehouses) {
    this.warehouses = warehouses;
    this.server = server;
    this.engine = engine;
    this.identities = identities;
    this.requestLog = requestLog;
    this.faults = faults;
  }

  public static Sandbox start(SandboxOptions options) {
    DuckDbEngine engine = DuckDbEngine.open(options.dataDir());
    Identities identities = new Identities();
    AtomicReference<String> host = new AtomicReference<>();
    Metastore metastore = new Metastore(engine, options.dataDir());
    WorkspaceSetup.create(engine, metastore, options.dataDir());
    // the sandbox's own set-up is done: from here on DuckDB reaches nothing on the host
    DuckDbLockdown.apply(
        engine, options.dataDir() == null ? null : Metastore.catalogDirectory(options.dataDir()));
    Warehouses warehouses = new Warehouses(options.warehouseTransitionMillis());
    StatementLog statementLog = new StatementLog();
    SystemTablesFeed.attach(statementLog, engine, Metastore.METASTORE_ID);
    SandboxContext context =
        new SandboxContext(
            engine,
            identities,
            statementLog,
            host::get,
            metastore,
            warehouses,
            new Grants(metastore));
    Router router = new Router();
    for (ApiModule module : modules(context)) {
      module.register(router);
    }
    RequestLog requestLog = new RequestLog();
    FaultInjector faults = new FaultInjector(42);
    QueuedThreadPool pool = new QueuedThreadPool(64, 4);
    pool.setName("sandbox");
    pool.setDaemon(true);
    Server server = new Server(pool);
    // Unity Catalog names may hold '%' (and so '%25' in a path); the router decodes each segment
    // itself
    HttpConfiguration http = new HttpConfiguration();
    http.setUriCompliance(
        UriCompliance.DEFAULT.with("uc-names", UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING));
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(InetSocketAddress.createUnresolved("127.0.0.1", 0).getHostString());
    connector.setPort(options.port());
    server.addConnector(connector);
    server.setHandler(new SandboxHandler(router, identities, requestLog, faults));
    try {
      server.start();
    } catch (Exception e) {
      engine.close();
      throw new IllegalStateException(
          "cannot start the sandbox on port " + options.port() + ": " + e.getMessage(), e);
    }
    Sandbox sandbox = new Sandbox(server, engine, identities, requestLog, faults, warehouses);
    host.set(sandbox.host());
    return sandbox;
  }

  /** Every API area the sandbox serves; each registers its own routes. */
  private static List<ApiModule> modules(SandboxContext context) {
    StatementRunner runner =
        new StatementRunner(
            context.engine(),
            context.metastore(),
            context.grants(),
            context.warehouses(),
            context.statementLog());
    return List.of(
        new OAuthApi(context.identities(), context.host()),
        new ScimApi(context.identities()),
        new UnityCatalogApi(context.metastore(), context.grants()),
        new GrantsApi(context.grants(), context.metastore()),
        new VolumesApi(context.metastore(), context.grants()),
        new FunctionsApi(context.engine(), context.metastore(), context.grants()),
        new WarehousesApi(context.warehouses()),
        new StatementExecutionApi(runner, context.warehouses()),
        new QueryHistoryApi(context.statementLog()),
        new SavedQueriesApi(),
        new LineageApi(context.engine(), context.metastore()));
  }

  /** The workspace URL to give a Databricks client, e.g. {@code http://127.0.0.1:43121}. */
  public String host() {
    return "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  public String adminToken() {
    return Identities.ADMIN_TOKEN;
  }

  public Identities identities() {
    return identities;
  }

  /** The requests answered so far (who called what), for tests. */
  public RequestLog requestLog() {
    return requestLog;
  }

  /** Fault injection for tests: latency, 429, 503, 500, dropped connections. */
  public FaultInjector faults() {
    return faults;
  }

  public DuckDbEngine engine() {
    return engine;
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception ignored) {
      // shutting down: nothing useful to do with the error
    }
    warehouses.close();
    engine.close();
  }
}
