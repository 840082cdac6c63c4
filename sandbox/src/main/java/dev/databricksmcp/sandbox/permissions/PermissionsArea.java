package dev.databricksmcp.sandbox.permissions;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.state.StateRegistry;

/**
 * The Permissions API. Its state, {@link ObjectAcls}, is a core state: every area that has objects
 * with ACLs takes it from the registry, whatever the order areas are built in.
 */
public final class PermissionsArea implements ApiArea {
  @Override
  public ApiModule build(StateRegistry r) {
    return new PermissionsApi(r.get(ObjectAcls.class));
  }
}
