package dev.databricksmcp.sandbox.compute;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.permissions.AclObjectType;
import dev.databricksmcp.sandbox.permissions.ObjectAcls;
import dev.databricksmcp.sandbox.state.StateRegistry;

/** Cluster policies and policy families; {@link ClustersArea} holds clusters to the policies. */
public final class ClusterPoliciesArea implements ApiArea {
  @Override
  public ApiModule build(StateRegistry r) {
    ClusterPolicies policies = r.register(new ClusterPolicies());
    r.get(ObjectAcls.class)
        .track(
            AclObjectType.CLUSTER_POLICIES,
            id -> ObjectAcls.createdBy(() -> policies.get(id).getCreatorUserName()));
    return new ClusterPoliciesApi(policies);
  }
}
