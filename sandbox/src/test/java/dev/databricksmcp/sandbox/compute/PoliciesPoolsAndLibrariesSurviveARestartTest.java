package dev.databricksmcp.sandbox.compute;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.service.compute.CreateInstancePool;
import com.databricks.sdk.service.compute.CreatePolicy;
import com.databricks.sdk.service.compute.GetInstancePool;
import com.databricks.sdk.service.compute.InstancePoolState;
import com.databricks.sdk.service.compute.Policy;
import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.auth.Identities;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster policies and instance pools kept across a restart with {@code --sandbox-dir}, through the
 * real SDK.
 */
@Timeout(120)
class PoliciesPoolsAndLibrariesSurviveARestartTest {
  private static final long TRANSITION_MILLIS = 100;

  @TempDir Path dir;

  @Test
  void policiesSurviveARestart() {
    String definition = "{\"num_workers\": {\"type\": \"range\", \"maxValue\": 2}}";
    String policyId;
    Policy before;
    try (Sandbox first = start()) {
      WorkspaceClient w = admin(first);
      policyId =
          w.clusterPolicies()
              .create(
                  new CreatePolicy()
                      .setName("kept")
                      .setDefinition(definition)
                      .setMaxClustersPerUser(3L))
              .getPolicyId();
      w.clusterPolicies()
          .create(new CreatePolicy().setName("from family").setPolicyFamilyId("personal-vm"));
      before = w.clusterPolicies().get(policyId);
    }
    try (Sandbox second = start()) {
      WorkspaceClient w = admin(second);
      Policy after = w.clusterPolicies().get(policyId);
      assertThat(after).isEqualTo(before);
      assertThat(
              w.clusterPolicies()
                  .list(new com.databricks.sdk.service.compute.ListClusterPoliciesRequest()))
          .extracting(Policy::getName)
          .contains("kept", "from family");
    }
  }

  @Test
  void poolsSurviveARestart() {
    String active;
    String deleted;
    try (Sandbox first = start()) {
      WorkspaceClient w = admin(first);
      active =
          w.instancePools()
              .create(
                  new CreateInstancePool()
                      .setInstancePoolName("kept pool")
                      .setNodeTypeId("m5d.large")
                      .setMinIdleInstances(2L))
              .getInstancePoolId();
      deleted =
          w.instancePools()
              .create(
                  new CreateInstancePool().setInstancePoolName("gone").setNodeTypeId("m5d.large"))
              .getInstancePoolId();
      w.instancePools().delete(deleted);
    }
    try (Sandbox second = start()) {
      WorkspaceClient w = admin(second);
      GetInstancePool kept = w.instancePools().get(active);
      assertThat(kept.getInstancePoolName()).isEqualTo("kept pool");
      assertThat(kept.getState()).isEqualTo(InstancePoolState.ACTIVE);
      assertThat(kept.getStats().getIdleCount()).isEqualTo(2L);
      assertThat(w.instancePools().get(deleted).getState()).isEqualTo(InstancePoolState.DELETED);
    }
  }

  private Sandbox start() {
    return Sandbox.start(new SandboxOptions(0, dir, TRANSITION_MILLIS));
  }

  private static WorkspaceClient admin(Sandbox sandbox) {
    return new WorkspaceClient(
        new DatabricksConfig()
            .setHost(sandbox.host())
            .setToken(Identities.ADMIN_TOKEN)
            .setAuthType("pat"));
  }
}
