package dev.databricksmcp.sandbox.uc;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.state.StateRegistry;

/** Unity Catalog grants on securables. */
public final class GrantsArea implements ApiArea {

  @Override
  public ApiModule build(StateRegistry r) {
    return new GrantsApi(
        r.get(Grants.class),
        r.get(Metastore.class),
        r.get(Identities.class),
        () -> r.all(FunctionNamespace.class));
  }
}
