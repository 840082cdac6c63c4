package dev.databricksmcp.sandbox.uc;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.state.StateRegistry;

/** Unity Catalog volumes, with state of their own. */
public final class VolumesArea implements ApiArea {

  @Override
  public ApiModule build(StateRegistry r) {
    return new VolumesApi(r.get(Metastore.class), r.get(Grants.class), r.register(new Volumes()));
  }
}
