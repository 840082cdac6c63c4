package dev.databricksmcp.server.tools.compute;

import static dev.databricksmcp.server.tools.compute.ComputeParams.CLUSTER_ID;
import static dev.databricksmcp.server.tools.compute.ComputeParams.MAX_WORKERS;
import static dev.databricksmcp.server.tools.compute.ComputeParams.MIN_WORKERS;
import static dev.databricksmcp.server.tools.compute.ComputeParams.NUM_WORKERS;
import static dev.databricksmcp.server.tools.compute.ComputeParams.WAIT_SECONDS;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.compute.AutoScale;
import com.databricks.sdk.service.compute.ClusterDetails;
import com.databricks.sdk.service.compute.DeleteCluster;
import com.databricks.sdk.service.compute.GetClusterRequest;
import com.databricks.sdk.service.compute.ResizeCluster;
import com.databricks.sdk.service.compute.RestartCluster;
import com.databricks.sdk.service.compute.StartCluster;
import com.databricks.sdk.service.compute.State;
import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.ErrorMapper;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHandler;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.WorkHandle;
import dev.databricksmcp.server.core.patterns.StateChange;
import dev.databricksmcp.server.core.wait.Waited;
import dev.databricksmcp.server.core.wait.Waiter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cluster state changes: start, restart, terminate and resize, each waiting up to wait_seconds
 * (through the one {@link Waiter}) for the state a user can work with, and answering with the state
 * reached and how to keep waiting.
 */
final class ClusterStateTools {
  private ClusterStateTools() {}

  static List<ToolDef> definitions() {
    return List.of(start(), restart(), terminate(), resize());
  }

  static ToolDef start() {
    StateChange change =
        StateChange.of(
                "start cluster",
                CLUSTER_ID,
                (id, ctx) ->
                    ClusterCalls.run(
                        id,
                        () ->
                            ctx.workspace()
                                .clusters()
                                .impl()
                                .start(new StartCluster().setClusterId(id))))
            .tracking(ClusterStateTools::handle)
            .awaiting(
                WAIT_SECONDS, (id, wait, ctx) -> await(id, wait, ctx, State.RUNNING, "start"));
    return ToolDef.builder(ComputeToolset.ID, "start_cluster")
        .title("Start cluster")
        .description(
            WAIT_SECONDS.fill(
                "Start a terminated cluster (it costs money while running) and wait up to"
                    + " wait_seconds (default {default}) for RUNNING; returns the state reached."
                    + " A cluster that is not TERMINATED is refused (CONFLICT)."))
        .input(change.input())
        .hints(ToolHints.write(false))
        .checkWith("get_cluster")
        .handler(resolving(change))
        .build();
  }

  static ToolDef restart() {
    StateChange change =
        StateChange.of(
                "restart cluster",
                CLUSTER_ID,
                (id, ctx) ->
                    ClusterCalls.run(
                        id,
                        () ->
                            ctx.workspace()
                                .clusters()
                                .impl()
                                .restart(new RestartCluster().setClusterId(id))))
            .tracking(ClusterStateTools::handle)
            .awaiting(
                WAIT_SECONDS, (id, wait, ctx) -> await(id, wait, ctx, State.RUNNING, "restart"));
    return ToolDef.builder(ComputeToolset.ID, "restart_cluster")
        .title("Restart cluster")
        .description(
            WAIT_SECONDS.fill(
                "Restart a running cluster (running commands and notebooks lose their state) and"
                    + " wait up to wait_seconds (default {default}) for RUNNING again."))
        .input(change.input())
        .hints(ToolHints.write(false))
        .checkWith("get_cluster")
        .handler(resolving(change))
        .build();
  }

  static ToolDef terminate() {
    StateChange change =
        StateChange.of(
                "terminate cluster",
                CLUSTER_ID,
                (id, ctx) ->
                    ClusterCalls.run(
                        id,
                        () ->
                            ctx.workspace()
                                .clusters()
                                .impl()
                                .delete(new DeleteCluster().setClusterId(id))))
            .tracking(ClusterStateTools::handle)
            .awaiting(
                WAIT_SECONDS,
                (id, wait, ctx) -> await(id, wait, ctx, State.TERMINATED, "terminate"));
    return ToolDef.builder(ComputeToolset.ID, "terminate_cluster")
        .title("Terminate cluster")
        .description(
            WAIT_SECONDS.fill(
                "Terminate (stop) a cluster: its configuration is kept and start_cluster brings it"
                    + " back; running work is lost. Waits up to wait_seconds (default {default})"
                    + " for TERMINATED. To remove a cluster for good: delete_cluster_permanently."))
        .input(change.input())
        .hints(ToolHints.write(true))
        .checkWith("get_cluster")
        .handler(resolving(change))
        .build();
  }

  static ToolDef resize() {
    return ToolDef.builder(ComputeToolset.ID, "resize_cluster")
        .title("Resize cluster")
        .description(
            WAIT_SECONDS.fill(
                "Change a running cluster's size: num_workers, or autoscaling with min_workers and"
                    + " max_workers. Waits up to wait_seconds (default {default}) for RUNNING at"
                    + " the new size."))
        .input(Schema.of(CLUSTER_ID, NUM_WORKERS, MIN_WORKERS, MAX_WORKERS, WAIT_SECONDS))
        .hints(ToolHints.write(true))
        .checkWith("get_cluster")
        .handler(
            resolving(
                (args, ctx) -> {
                  ResizeCluster req = size(args, new ResizeCluster());
                  StateChange change =
                      StateChange.of(
                              "resize cluster",
                              CLUSTER_ID,
                              (id, c) ->
                                  ClusterCalls.run(
                                      id,
                                      () ->
                                          c.workspace()
                                              .clusters()
                                              .impl()
                                              .resize(req.setClusterId(id))))
                          .tracking(ClusterStateTools::handle)
                          .awaiting(
                              WAIT_SECONDS,
                              (id, wait, c) -> await(id, wait, c, State.RUNNING, "resize"));
                  return change.handle(args, ctx);
                }))
        .build();
  }

  /** The size a resize asks for: num_workers, or min_workers with max_workers; never both. */
  private static ResizeCluster size(Args args, ResizeCluster req) {
    boolean fixed = NUM_WORKERS.given(args);
    boolean min = MIN_WORKERS.given(args);
    boolean max = MAX_WORKERS.given(args);
    if (fixed && (min || max)) {
      throw ToolException.validation(
          NUM_WORKERS.name(), "give num_workers, or min_workers and max_workers, not both");
    }
    if (fixed) {
      return req.setNumWorkers((long) NUM_WORKERS.of(args));
    }
    if (min != max) {
      throw ToolException.validation(
          min ? MAX_WORKERS.name() : MIN_WORKERS.name(),
          "autoscaling needs both min_workers and max_workers");
    }
    if (!min) {
      throw ToolException.validation(
          NUM_WORKERS.name(), "give num_workers, or min_workers and max_workers");
    }
    int lo = MIN_WORKERS.of(args);
    int hi = MAX_WORKERS.of(args);
    if (hi <= lo) {
      throw ToolException.validation(
          MAX_WORKERS.name(), "must be greater than min_workers (" + lo + ")");
    }
    return req.setAutoscale(new AutoScale().setMinWorkers((long) lo).setMaxWorkers((long) hi));
  }

  /** A handler that gets the call's arguments with cluster_id resolved to an id. */
  static ToolHandler resolving(ToolHandler handler) {
    return (args, ctx) ->
        handler.handle(ClusterCalls.resolved(args, ctx.workspace(), CLUSTER_ID.name()), ctx);
  }

  static WorkHandle handle(String clusterId) {
    return new WorkHandle("cluster_id", clusterId, "get_cluster");
  }

  /**
   * Waits ({@link Waiter}) until the cluster is in {@code target}, the wait, or a margin before the
   * call's deadline. Once asked, the change is under way: a failed status request ends the wait
   * with the state unknown, not with an error that reads as if nothing happened. A cluster that
   * ends TERMINATED while RUNNING was awaited (it failed to start) ends the wait too, with its
   * reason.
   */
  static ToolResult await(String id, Duration wait, ToolContext ctx, State target, String asked)
      throws InterruptedException {
    WorkspaceClient w = ctx.workspace();
    Waited<ClusterDetails> waited =
        Waiter.polling(() -> w.clusters().get(new GetClusterRequest().setClusterId(id)))
            .until(
                c ->
                    c.getState() == target
                        || target == State.RUNNING
                            && (c.getState() == State.TERMINATED || c.getState() == State.ERROR))
            .describedAs(c -> "cluster " + id + " " + target + " (now " + c.getState() + ")")
            .waitFor(ctx, wait)
            .throwIfInterrupted();
    ClusterDetails current = waited.last();
    if (waited.outcome() == Waited.Outcome.POLL_FAILED) {
      return stateUnknown(
          id,
          current,
          "Asked cluster " + id + " to " + asked + ", but reading its state failed",
          waited.failure());
    }
    Map<String, Object> data = ClusterRows.row(current);
    boolean reached = current.getState() == target;
    if (current.getTerminationReason() != null && current.getState() == State.TERMINATED) {
      data.put(
          "termination_reason",
          ClusterRows.terminationWords(
              current.getTerminationReason(), current.getTerminatedTime()));
    }
    String message =
        "Cluster "
            + name(current)
            + " is "
            + current.getState()
            + (reached
                ? "."
                : current.getState() == State.TERMINATED || current.getState() == State.ERROR
                    ? " (it did not reach "
                        + target
                        + "; get_cluster and list_cluster_events say why)."
                    : " (not yet "
                        + target
                        + "; call get_cluster with cluster_id="
                        + id
                        + " in a few seconds to check again).");
    return ToolResult.of(data, message);
  }

  static String name(ClusterDetails c) {
    return c.getClusterName() == null || c.getClusterName().isEmpty()
        ? c.getClusterId()
        : "'" + c.getClusterName() + "' (" + c.getClusterId() + ")";
  }

  /**
   * A change Databricks accepted, whose result could not be read back: said as done, state unknown.
   */
  static ToolResult stateUnknown(
      String id, ClusterDetails lastKnown, String what, RuntimeException failure) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("cluster_id", id);
    data.put("state", "UNKNOWN");
    if (lastKnown != null) {
      data.put("last_known_state", String.valueOf(lastKnown.getState()));
    }
    ErrorMapper.MappedError why = ErrorMapper.map(failure);
    data.put("status_error", Map.of("error_code", why.code().name(), "message", why.message()));
    return ToolResult.of(
        data,
        what
            + " ("
            + why.code()
            + "). Check with get_cluster with cluster_id="
            + id
            + " before trying again.");
  }
}
