package dev.databricksmcp.sandbox.compute;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.service.compute.ClusterDetails;
import com.databricks.sdk.service.compute.ClusterEvent;
import com.databricks.sdk.service.compute.CreateCluster;
import com.databricks.sdk.service.compute.EventType;
import com.databricks.sdk.service.compute.GetEvents;
import com.databricks.sdk.service.compute.GetEventsOrder;
import com.databricks.sdk.service.compute.PinCluster;
import com.databricks.sdk.service.compute.State;
import com.databricks.sdk.service.compute.TerminationReasonCode;
import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.ApiAreas;
import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.auth.Identities;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a cluster does over time, through the real SDK: auto-termination after {@code
 * autotermination_minutes} idle (on compute's clock, moved forward instead of waited for), and
 * clusters, their events and pins kept across a restart with {@code --sandbox-dir}.
 */
@Timeout(120)
class ClustersLifecycleTest {
  private static final long TRANSITION_MILLIS = 100;
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void anIdleClusterTerminatesForInactivity() throws Exception {
    ComputeClock clock = new ComputeClock();
    try (Sandbox sandbox = start(null, clock)) {
      WorkspaceClient w = admin(sandbox);
      ClusterDetails idle = w.clusters().create(spec("idle", 20L)).get(WAIT);
      ClusterDetails never = w.clusters().create(spec("never", 0L)).get(WAIT);
      assertThat(idle.getState()).isEqualTo(State.RUNNING);

      clock.advance(Duration.ofMinutes(19));
      Thread.sleep(4 * TRANSITION_MILLIS);
      assertThat(w.clusters().get(idle.getClusterId()).getState()).isEqualTo(State.RUNNING);

      clock.advance(Duration.ofMinutes(2));
      ClusterDetails terminated =
          w.clusters().waitGetClusterTerminated(idle.getClusterId(), WAIT, null);
      assertThat(terminated.getTerminationReason().getCode())
          .isEqualTo(TerminationReasonCode.INACTIVITY);
      assertThat(terminated.getTerminationReason().getParameters())
          .containsEntry("inactivity_duration_min", "20");
      assertThat(terminated.getStateMessage()).contains("20 minutes");
      ClusterEvent terminating =
          events(w, idle.getClusterId()).stream()
              .filter(e -> e.getType() == EventType.TERMINATING)
              .findFirst()
              .orElseThrow();
      assertThat(terminating.getDetails().getReason().getCode())
          .isEqualTo(TerminationReasonCode.INACTIVITY);
      assertThat(terminating.getTimestamp())
          .isGreaterThanOrEqualTo(System.currentTimeMillis() + 20 * 60_000L);

      clock.advance(Duration.ofDays(3));
      Thread.sleep(4 * TRANSITION_MILLIS);
      assertThat(w.clusters().get(never.getClusterId()).getState()).isEqualTo(State.RUNNING);
    }
  }

  @Test
  void clustersTheirEventsAndPinsSurviveARestart() throws Exception {
    String running;
    String terminated;
    List<EventType> runningEvents;
    try (Sandbox first = start(dir, new ComputeClock())) {
      WorkspaceClient w = admin(first);
      running = w.clusters().create(spec("kept running", 60L)).get(WAIT).getClusterId();
      terminated = w.clusters().create(spec("kept terminated", 0L)).get(WAIT).getClusterId();
      w.clusters().pin(new PinCluster().setClusterId(running));
      w.clusters().delete(terminated).get(WAIT);
      runningEvents = types(events(w, running));
    }
    try (Sandbox second = start(dir, new ComputeClock())) {
      WorkspaceClient w = admin(second);
      ClusterDetails kept = w.clusters().get(running);
      assertThat(kept.getState()).isEqualTo(State.RUNNING);
      assertThat(kept.getClusterName()).isEqualTo("kept running");
      assertThat(kept.getAutoterminationMinutes()).isEqualTo(60L);
      assertThat(types(events(w, running))).isEqualTo(runningEvents);
      ClusterDetails stillTerminated = w.clusters().get(terminated);
      assertThat(stillTerminated.getState()).isEqualTo(State.TERMINATED);
      assertThat(stillTerminated.getTerminationReason().getCode())
          .isEqualTo(TerminationReasonCode.USER_REQUEST);
      assertThat(w.clusters().start(terminated).get(WAIT).getState()).isEqualTo(State.RUNNING);
      assertThat(
              StreamSupport.stream(
                      w.clusters()
                          .list(
                              new com.databricks.sdk.service.compute.ListClustersRequest()
                                  .setFilterBy(
                                      new com.databricks.sdk.service.compute.ListClustersFilterBy()
                                          .setIsPinned(true)))
                          .spliterator(),
                      false)
                  .map(ClusterDetails::getClusterId))
          .containsExactly(running);
    }
  }

  private static Sandbox start(Path dataDir, ComputeClock clock) {
    List<ApiArea> areas = new ArrayList<>(ApiAreas.discovered());
    areas.replaceAll(a -> a instanceof ClustersArea ? new ClustersArea(clock) : a);
    return Sandbox.start(new SandboxOptions(0, dataDir, TRANSITION_MILLIS), areas);
  }

  private static WorkspaceClient admin(Sandbox sandbox) {
    return new WorkspaceClient(
        new DatabricksConfig()
            .setHost(sandbox.host())
            .setToken(Identities.ADMIN_TOKEN)
            .setAuthType("pat"));
  }

  private static CreateCluster spec(String name, long autoterminationMinutes) {
    return new CreateCluster()
        .setClusterName(name)
        .setSparkVersion(ComputeOfferings.LATEST_LTS)
        .setNodeTypeId(ComputeOfferings.SMALLEST_NODE_TYPE)
        .setNumWorkers(1L)
        .setAutoterminationMinutes(autoterminationMinutes);
  }

  private static List<ClusterEvent> events(WorkspaceClient w, String id) {
    List<ClusterEvent> out = new ArrayList<>();
    w.clusters()
        .events(new GetEvents().setClusterId(id).setOrder(GetEventsOrder.ASC))
        .forEach(out::add);
    return out;
  }

  private static List<EventType> types(List<ClusterEvent> events) {
    return events.stream().map(ClusterEvent::getType).toList();
  }
}
