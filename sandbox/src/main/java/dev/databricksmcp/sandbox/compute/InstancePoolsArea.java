package dev.databricksmcp.sandbox.compute;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.state.StateRegistry;

/** Instance pools; {@link ClustersArea} lets clusters draw their nodes from them. */
public final class InstancePoolsArea implements ApiArea {
  @Override
  public ApiModule build(StateRegistry r) {
    return new InstancePoolsApi(r.register(new InstancePools()));
  }
}
