package dev.databricksmcp.sandbox.uc;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.engine.DuckDbEngine;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.state.StateRegistry;

/** Unity Catalog functions, with state of their own (and DuckDB macros behind them). */
public final class FunctionsArea implements ApiArea {

  @Override
  public ApiModule build(StateRegistry r) {
    return new FunctionsApi(
        r.get(DuckDbEngine.class),
        r.get(Metastore.class),
        r.get(Grants.class),
        r.register(new Functions()));
  }
}
