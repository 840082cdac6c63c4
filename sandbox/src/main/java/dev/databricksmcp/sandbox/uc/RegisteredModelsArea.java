package dev.databricksmcp.sandbox.uc;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.state.StateRegistry;

/** Unity Catalog registered models, their versions and aliases, with state of their own. */
public final class RegisteredModelsArea implements ApiArea {

  @Override
  public ApiModule build(StateRegistry r) {
    return new RegisteredModelsApi(
        r.get(Metastore.class), r.get(Grants.class), r.register(new RegisteredModels()));
  }
}
