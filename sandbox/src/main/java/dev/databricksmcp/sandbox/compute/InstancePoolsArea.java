package dev.databricksmcp.sandbox.compute;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.permissions.AclObjectType;
import dev.databricksmcp.sandbox.permissions.ObjectAcls;
import dev.databricksmcp.sandbox.state.StateRegistry;

/** Instance pools; {@link ClustersArea} lets clusters draw their nodes from them. */
public final class InstancePoolsArea implements ApiArea {
  @Override
  public ApiModule build(StateRegistry r) {
    InstancePools pools = r.register(new InstancePools());
    r.get(ObjectAcls.class)
        .track(AclObjectType.INSTANCE_POOLS, id -> ObjectAcls.createdBy(() -> pools.creatorOf(id)));
    return new InstancePoolsApi(pools);
  }
}
