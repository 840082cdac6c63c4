package dev.databricksmcp.sandbox.secrets;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.state.StateRegistry;

/** Secret scopes, their secrets and ACLs. */
public final class SecretsArea implements ApiArea {
  @Override
  public ApiModule build(StateRegistry r) {
    return new SecretsApi(r.register(new SecretScopes()), r.get(Identities.class));
  }
}
