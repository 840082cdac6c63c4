package dev.databricksmcp.sandbox.sql;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.permissions.AclObjectType;
import dev.databricksmcp.sandbox.permissions.ObjectAcls;
import dev.databricksmcp.sandbox.state.StateRegistry;

/** SQL warehouses and their state machine; statement execution builds on their state. */
public final class WarehousesArea implements ApiArea {

  @Override
  public ApiModule build(StateRegistry r) {
    Warehouses warehouses = r.register(new Warehouses(r.options().warehouseTransitionMillis()));
    r.get(ObjectAcls.class)
        .track(
            AclObjectType.WAREHOUSES,
            id -> ObjectAcls.createdBy(() -> warehouses.get(id).getCreatorName()));
    return new WarehousesApi(warehouses);
  }
}
