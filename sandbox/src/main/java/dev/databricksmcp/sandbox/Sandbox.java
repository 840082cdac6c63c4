package dev.databricksmcp.sandbox;

import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.engine.DuckDbEngine;
import dev.databricksmcp.sandbox.engine.DuckDbLockdown;
import dev.databricksmcp.sandbox.faults.FaultInjector;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.LoopbackServer;
import dev.databricksmcp.sandbox.http.RequestLog;
import dev.databricksmcp.sandbox.http.Router;
import dev.databricksmcp.sandbox.http.SandboxHandler;
import dev.databricksmcp.sandbox.http.SandboxUrl;
import dev.databricksmcp.sandbox.state.StateRegistry;
import dev.databricksmcp.sandbox.uc.Metastore;
import java.util.List;

/**
 * A local Databricks workspace on loopback: the real REST API over HTTP, DuckDB behind SQL and
 * Unity Catalog. Start one, point any Databricks SDK at {@link #host()} with {@link #adminToken()}.
 */
public final class Sandbox implements AutoCloseable {
  private final LoopbackServer server;
  private final StateRegistry registry;
  private final List<Router.RouteSpec> routes;

  private Sandbox(LoopbackServer server, StateRegistry registry, List<Router.RouteSpec> routes) {
    this.server = server;
    this.registry = registry;
    this.routes = List.copyOf(routes);
  }

  public static Sandbox start(SandboxOptions options) {
    return start(options, ApiAreas.discovered());
  }

  /** A sandbox serving these API areas (tests add one, or serve fewer). */
  public static Sandbox start(SandboxOptions options, List<ApiArea> areas) {
    StateRegistry registry = new StateRegistry(options);
    try {
      CoreState.register(registry);
      // the sandbox's own set-up is done: from here on DuckDB reaches nothing on the host, and
      // every API area is built behind that wall (SECURITY.md, "The sandbox")
      DuckDbEngine engine = registry.get(DuckDbEngine.class);
      DuckDbLockdown.apply(
          engine, options.dataDir() == null ? null : Metastore.catalogDirectory(options.dataDir()));
      Router router = new Router();
      for (ApiModule module : ApiAreas.buildInOrder(registry, areas)) {
        module.register(router);
      }
      // read back once more: no area may have left DuckDB less locked than it found it
      DuckDbLockdown.requireLocked(engine);
      LoopbackServer server =
          LoopbackServer.start(
              options.port(),
              new SandboxHandler(
                  router,
                  registry.get(Identities.class),
                  registry.get(RequestLog.class),
                  registry.get(FaultInjector.class)));
      registry.get(SandboxUrl.class).set(server.url());
      return new Sandbox(server, registry, router.routes());
    } catch (RuntimeException e) {
      try {
        registry.close();
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /** Every route this sandbox serves (method, path pattern, whether a token is needed). */
  public List<Router.RouteSpec> routes() {
    return routes;
  }

  /** The workspace URL to give a Databricks client, e.g. {@code http://127.0.0.1:43121}. */
  public String host() {
    return server.url();
  }

  public String adminToken() {
    return Identities.ADMIN_TOKEN;
  }

  public Identities identities() {
    return registry.get(Identities.class);
  }

  /** The requests answered so far (who called what), for tests. */
  public RequestLog requestLog() {
    return registry.get(RequestLog.class);
  }

  /** Fault injection for tests: latency, 429, 503, 500, dropped connections. */
  public FaultInjector faults() {
    return registry.get(FaultInjector.class);
  }

  public DuckDbEngine engine() {
    return registry.get(DuckDbEngine.class);
  }

  /** A state an API area registered (e.g. the workspace tree), for tests and embedders. */
  public <T extends dev.databricksmcp.sandbox.state.SandboxState> T state(Class<T> type) {
    return registry.get(type);
  }

  /** Stops answering, then saves what persists (with --sandbox-dir) and closes every state. */
  @Override
  public void close() {
    server.stop();
    registry.close();
  }
}
