package dev.databricksmcp.sandbox.compute;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.permissions.AclObjectType;
import dev.databricksmcp.sandbox.permissions.ObjectAcls;
import dev.databricksmcp.sandbox.state.SandboxState;
import dev.databricksmcp.sandbox.state.StateRegistry;
import java.util.List;
import java.util.Optional;

/**
 * All-purpose clusters (Clusters API 2.1), changing state every {@code
 * SandboxOptions.clusterTransitionMillis}, on compute's own clock. Found on the class path; a test
 * that wants to move that clock builds the area with a clock of its own and starts the sandbox with
 * it ({@code Sandbox.start(options, areas)}).
 */
public final class ClustersArea implements ApiArea {
  private final ComputeClock clock;

  public ClustersArea() {
    this(new ComputeClock());
  }

  public ClustersArea(ComputeClock clock) {
    this.clock = clock;
  }

  @Override
  public List<Class<? extends SandboxState>> needs() {
    return List.of(ClusterPolicies.class, InstancePools.class);
  }

  @Override
  public ApiModule build(StateRegistry r) {
    Clusters clusters = r.register(new Clusters(r.options().clusterTransitionMillis(), clock));
    InstancePools pools = r.get(InstancePools.class);
    pools.countUsedNodesWith(clusters::nodesInPool);
    ObjectAcls acls = r.get(ObjectAcls.class);
    acls.track(
        AclObjectType.CLUSTERS,
        id ->
            clusters.exists(id)
                ? Optional.of(ObjectAcls.Tracked.createdBy(clusters.get(id).getCreatorUserName()))
                : Optional.empty());
    return new ClustersApi(clusters, r.get(ClusterPolicies.class), pools, acls);
  }
}
