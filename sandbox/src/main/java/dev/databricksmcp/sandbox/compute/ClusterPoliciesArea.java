package dev.databricksmcp.sandbox.compute;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.state.StateRegistry;

/** Cluster policies and policy families; {@link ClustersArea} holds clusters to the policies. */
public final class ClusterPoliciesArea implements ApiArea {
  @Override
  public ApiModule build(StateRegistry r) {
    return new ClusterPoliciesApi(r.register(new ClusterPolicies()));
  }
}
