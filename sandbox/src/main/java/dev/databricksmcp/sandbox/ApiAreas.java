package dev.databricksmcp.sandbox;

import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.auth.OAuthApi;
import dev.databricksmcp.sandbox.engine.DuckDbEngine;
import dev.databricksmcp.sandbox.events.StatementLog;
import dev.databricksmcp.sandbox.http.SandboxUrl;
import dev.databricksmcp.sandbox.identity.ScimApi;
import dev.databricksmcp.sandbox.sql.QueryHistoryApi;
import dev.databricksmcp.sandbox.sql.SavedQueriesApi;
import dev.databricksmcp.sandbox.sql.StatementExecutionApi;
import dev.databricksmcp.sandbox.sql.StatementRunner;
import dev.databricksmcp.sandbox.sql.Warehouses;
import dev.databricksmcp.sandbox.sql.WarehousesApi;
import dev.databricksmcp.sandbox.uc.Functions;
import dev.databricksmcp.sandbox.uc.FunctionsApi;
import dev.databricksmcp.sandbox.uc.Grants;
import dev.databricksmcp.sandbox.uc.GrantsApi;
import dev.databricksmcp.sandbox.uc.LineageApi;
import dev.databricksmcp.sandbox.uc.Metastore;
import dev.databricksmcp.sandbox.uc.UnityCatalogApi;
import dev.databricksmcp.sandbox.uc.Volumes;
import dev.databricksmcp.sandbox.uc.VolumesApi;
import java.util.List;

/**
 * Every API area the sandbox serves, in the order they are built: an area that registers a state
 * (warehouses) comes before the areas that use it (statement execution). A new area is one entry.
 */
public final class ApiAreas {
  private ApiAreas() {}

  public static final List<ApiArea> ALL =
      List.of(
          r -> new OAuthApi(r.get(Identities.class), r.get(SandboxUrl.class)::get),
          r -> new ScimApi(r.get(Identities.class)),
          r -> new UnityCatalogApi(r.get(Metastore.class), r.get(Grants.class)),
          r -> new GrantsApi(r.get(Grants.class), r.get(Metastore.class)),
          r ->
              new VolumesApi(
                  r.get(Metastore.class), r.get(Grants.class), r.register(new Volumes())),
          r ->
              new FunctionsApi(
                  r.get(DuckDbEngine.class),
                  r.get(Metastore.class),
                  r.get(Grants.class),
                  r.register(new Functions())),
          r ->
              new WarehousesApi(
                  r.register(new Warehouses(r.options().warehouseTransitionMillis()))),
          r ->
              new StatementExecutionApi(
                  r.register(
                      new StatementRunner(
                          r.get(DuckDbEngine.class),
                          r.get(Metastore.class),
                          r.get(Grants.class),
                          r.get(Warehouses.class),
                          r.get(StatementLog.class))),
                  r.get(Warehouses.class)),
          r -> new QueryHistoryApi(r.get(StatementLog.class)),
          r -> new SavedQueriesApi(),
          r -> new LineageApi(r.get(DuckDbEngine.class), r.get(Metastore.class)));
}
