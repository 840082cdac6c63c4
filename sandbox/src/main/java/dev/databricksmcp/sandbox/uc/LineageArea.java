package dev.databricksmcp.sandbox.uc;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.engine.DuckDbEngine;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.state.StateRegistry;

/** Table and column lineage, read from what statements did. */
public final class LineageArea implements ApiArea {

  @Override
  public ApiModule build(StateRegistry r) {
    return new LineageApi(r.get(DuckDbEngine.class), r.get(Metastore.class));
  }
}
