package dev.databricksmcp.sandbox.uc;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.state.StateRegistry;

/** Unity Catalog: the metastore, catalogs, schemas and tables. */
public final class UnityCatalogArea implements ApiArea {

  @Override
  public ApiModule build(StateRegistry r) {
    return new UnityCatalogApi(r.get(Metastore.class), r.get(Grants.class));
  }
}
