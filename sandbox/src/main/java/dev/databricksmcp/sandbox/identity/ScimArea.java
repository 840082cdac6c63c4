package dev.databricksmcp.sandbox.identity;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.state.StateRegistry;

/** Workspace SCIM: the current user, users and service principals. */
public final class ScimArea implements ApiArea {

  @Override
  public ApiModule build(StateRegistry r) {
    return new ScimApi(r.get(Identities.class));
  }
}
