package dev.databricksmcp.server.tools.compute;

import static dev.databricksmcp.server.tools.compute.ComputeParams.CLUSTER_ID;
import static dev.databricksmcp.server.tools.compute.ComputeParams.WAIT_SECONDS;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.compute.ClusterDetails;
import com.databricks.sdk.service.compute.ClusterStatus;
import com.databricks.sdk.service.compute.InstallLibraries;
import com.databricks.sdk.service.compute.Library;
import com.databricks.sdk.service.compute.LibraryFullStatus;
import com.databricks.sdk.service.compute.LibraryInstallStatus;
import com.databricks.sdk.service.compute.State;
import com.databricks.sdk.service.compute.UninstallLibraries;
import dev.databricksmcp.server.core.Counted;
import dev.databricksmcp.server.core.ErrorMapper;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.WorkHandle;
import dev.databricksmcp.server.core.wait.Waited;
import dev.databricksmcp.server.core.wait.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A cluster's libraries (Libraries API 2.0): their status, installing and uninstalling. A library
 * installs in the background once its cluster is up (PENDING, RESOLVING, INSTALLING, then INSTALLED
 * or FAILED); one asked of a terminated cluster installs when it starts; an uninstalled one stays
 * until the cluster restarts.
 */
final class LibraryTools {
  /** Statuses a library stops in: the install wait ends when every requested one is in one. */
  private static final Set<LibraryInstallStatus> SETTLED =
      Set.of(
          LibraryInstallStatus.INSTALLED,
          LibraryInstallStatus.FAILED,
          LibraryInstallStatus.SKIPPED,
          LibraryInstallStatus.RESTORED,
          LibraryInstallStatus.UNINSTALL_ON_RESTART);

  private static final Param<Integer> INSTALL_WAIT =
      WAIT_SECONDS.describedAs(
          "How long to wait for every library to be INSTALLED or FAILED ({min}-{max}; 0: do not"
              + " wait)");

  private LibraryTools() {}

  static List<ToolDef> definitions() {
    return List.of(status(), install(), uninstall());
  }

  static ToolDef status() {
    return ToolDef.builder(ComputeToolset.ID, "get_cluster_libraries")
        .title("Get cluster libraries")
        .description(
            "The libraries of a cluster and their status (PENDING, RESOLVING, INSTALLING,"
                + " INSTALLED, FAILED with Databricks' messages, UNINSTALL_ON_RESTART): one row"
                + " each, the library in words (\"pypi: pandas==2.2.0\").")
        .input(Schema.of(CLUSTER_ID))
        .hints(ToolHints.read())
        .handler(
            ClusterStateTools.resolving(
                (args, ctx) -> {
                  String id = CLUSTER_ID.of(args);
                  ClusterDetails cluster = ClusterCalls.get(ctx.workspace(), id);
                  List<LibraryFullStatus> statuses = statuses(ctx.workspace(), id);
                  Map<String, Object> data = new LinkedHashMap<>();
                  data.put("cluster_id", id);
                  data.put("cluster_state", ClusterRows.name(cluster.getState()));
                  data.put("items", LibraryRows.rows(statuses));
                  String message =
                      statuses.isEmpty()
                          ? "Cluster " + ClusterStateTools.name(cluster) + " has no libraries."
                          : Counted.of(statuses.size(), "library", "libraries")
                              + " on cluster "
                              + ClusterStateTools.name(cluster)
                              + ": "
                              + LibraryRows.tallyWords(statuses)
                              + "."
                              + whenDown(cluster);
                  return ToolResult.list(data, statuses.size(), message);
                }))
        .build();
  }

  static ToolDef install() {
    List<Param<?>> params = new ArrayList<>();
    params.add(CLUSTER_ID);
    params.addAll(LibraryRequest.PARAMS);
    params.add(INSTALL_WAIT);
    return ToolDef.builder(ComputeToolset.ID, "install_libraries")
        .title("Install cluster libraries")
        .description(
            INSTALL_WAIT.fill(
                "Install libraries on a cluster: pypi package specs, maven coordinates, cran"
                    + " packages, jar/whl/requirements files (each a list). Waits up to"
                    + " wait_seconds (default {default}) until each is INSTALLED or FAILED and"
                    + " reports each. On a terminated cluster they install when it starts."))
        .input(Schema.object().params(params))
        .hints(ToolHints.write(true))
        .checkWith("get_cluster_libraries")
        .handler(
            ClusterStateTools.resolving(
                (args, ctx) -> {
                  String id = CLUSTER_ID.of(args);
                  List<Library> wanted = LibraryRequest.libraries(args);
                  Duration wait = Duration.ofSeconds(INSTALL_WAIT.of(args));
                  WorkspaceClient w = ctx.workspace();
                  ClusterDetails cluster = ClusterCalls.get(w, id);
                  ClusterCalls.run(
                      id,
                      () ->
                          w.libraries()
                              .impl()
                              .install(
                                  new InstallLibraries().setClusterId(id).setLibraries(wanted)));
                  ctx.track(handle(id));
                  return awaitInstalled(cluster, wanted, up(cluster) ? wait : Duration.ZERO, ctx);
                }))
        .build();
  }

  static ToolDef uninstall() {
    List<Param<?>> params = new ArrayList<>();
    params.add(CLUSTER_ID);
    params.addAll(LibraryRequest.PARAMS);
    return ToolDef.builder(ComputeToolset.ID, "uninstall_libraries")
        .title("Uninstall cluster libraries")
        .description(
            "Mark libraries for removal from a cluster (same lists as install_libraries). They"
                + " stay, UNINSTALL_ON_RESTART, until the cluster restarts (restart_cluster);"
                + " libraries the cluster does not have are ignored.")
        .input(Schema.object().params(params))
        .hints(ToolHints.write(true))
        .checkWith("get_cluster_libraries")
        .handler(
            ClusterStateTools.resolving(
                (args, ctx) -> {
                  String id = CLUSTER_ID.of(args);
                  List<Library> unwanted = LibraryRequest.libraries(args);
                  WorkspaceClient w = ctx.workspace();
                  ClusterDetails cluster = ClusterCalls.get(w, id);
                  ClusterCalls.run(
                      id,
                      () ->
                          w.libraries()
                              .impl()
                              .uninstall(
                                  new UninstallLibraries()
                                      .setClusterId(id)
                                      .setLibraries(unwanted)));
                  ctx.track(handle(id));
                  String asked =
                      "Marked "
                          + Counted.of(unwanted.size(), "library", "libraries")
                          + " of cluster "
                          + ClusterStateTools.name(cluster)
                          + " for removal: they stay until the cluster restarts (restart_cluster"
                          + (up(cluster) ? "" : ", or start_cluster")
                          + "); libraries it did not have are ignored.";
                  Map<String, Object> data = new LinkedHashMap<>();
                  data.put("cluster_id", id);
                  data.put("cluster_state", ClusterRows.name(cluster.getState()));
                  data.put("restart_needed", true);
                  try {
                    data.put("items", LibraryRows.rows(requested(statuses(w, id), unwanted)));
                  } catch (RuntimeException e) {
                    return readBackFailed(id, data, asked, e);
                  }
                  return ToolResult.of(data, asked);
                }))
        .build();
  }

  /**
   * Waits ({@link Waiter}) until every requested library is settled, the wait, or a margin before
   * the call's deadline, and reports each. The install was accepted: a failed status read ends the
   * wait with the libraries' state unknown, never as if nothing was asked.
   */
  private static ToolResult awaitInstalled(
      ClusterDetails cluster, List<Library> wanted, Duration wait, ToolContext ctx)
      throws InterruptedException {
    String id = cluster.getClusterId();
    WorkspaceClient w = ctx.workspace();
    Waited<List<LibraryFullStatus>> waited =
        Waiter.polling(() -> requested(statuses(w, id), wanted))
            .until(s -> s.stream().allMatch(l -> SETTLED.contains(l.getStatus())))
            .describedAs(s -> "libraries on cluster " + id + ": " + LibraryRows.tallyWords(s))
            .waitFor(ctx, wait)
            .throwIfInterrupted();
    String asked =
        "Asked cluster "
            + ClusterStateTools.name(cluster)
            + " to install "
            + Counted.of(wanted.size(), "library", "libraries");
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("cluster_id", id);
    data.put("cluster_state", ClusterRows.name(cluster.getState()));
    if (waited.outcome() == Waited.Outcome.POLL_FAILED) {
      return readBackFailed(id, data, asked, waited.failure());
    }
    List<LibraryFullStatus> now = waited.last();
    data.put("items", LibraryRows.rows(now));
    String message;
    if (!up(cluster)) {
      message =
          asked
              + ". The cluster is "
              + cluster.getState()
              + ": they install when it starts (start_cluster).";
    } else if (waited.done()) {
      message = asked + ": " + LibraryRows.tallyWords(now) + "." + failures(now);
    } else {
      message =
          asked
              + "; not all done yet ("
              + LibraryRows.tallyWords(now)
              + "). Call get_cluster_libraries with cluster_id="
              + id
              + " in a few seconds to check again."
              + failures(now);
    }
    return ToolResult.list(data, now.size(), message);
  }

  /** The statuses of the requested libraries, in the order asked. */
  private static List<LibraryFullStatus> requested(
      Collection<LibraryFullStatus> all, List<Library> wanted) {
    List<LibraryFullStatus> out = new ArrayList<>();
    for (Library library : wanted) {
      all.stream().filter(s -> library.equals(s.getLibrary())).findFirst().ifPresent(out::add);
    }
    return out;
  }

  private static List<LibraryFullStatus> statuses(WorkspaceClient w, String id) {
    Collection<LibraryFullStatus> s =
        ClusterCalls.call(
                id, () -> w.libraries().impl().clusterStatus(new ClusterStatus().setClusterId(id)))
            .getLibraryStatuses();
    return s == null ? List.of() : new ArrayList<>(s);
  }

  /** " Failed: pypi: x (reason)." for each FAILED library, or nothing. */
  private static String failures(List<LibraryFullStatus> statuses) {
    StringBuilder out = new StringBuilder();
    for (LibraryFullStatus s : statuses) {
      if (s.getStatus() == LibraryInstallStatus.FAILED) {
        out.append(out.length() == 0 ? " Failed: " : "; ")
            .append(LibraryRows.words(s.getLibrary()));
        if (s.getMessages() != null && !s.getMessages().isEmpty()) {
          out.append(" (").append(String.join(" ", s.getMessages())).append(')');
        }
      }
    }
    return out.length() == 0 ? "" : out.append('.').toString();
  }

  private static String whenDown(ClusterDetails cluster) {
    return up(cluster)
        ? ""
        : " The cluster is " + cluster.getState() + ": its libraries install when it starts.";
  }

  private static boolean up(ClusterDetails c) {
    return c.getState() == State.RUNNING || c.getState() == State.RESIZING;
  }

  private static WorkHandle handle(String clusterId) {
    return new WorkHandle("cluster_id", clusterId, "get_cluster_libraries");
  }

  /** The change was accepted but its result could not be read: said as done, status unknown. */
  private static ToolResult readBackFailed(
      String id, Map<String, Object> data, String asked, RuntimeException failure) {
    ErrorMapper.MappedError why = ErrorMapper.map(failure);
    data.put("status", "UNKNOWN");
    data.put("status_error", Map.of("error_code", why.code().name(), "message", why.message()));
    return ToolResult.of(
        data,
        asked
            + ", but reading their status failed ("
            + why.code()
            + "). Check with get_cluster_libraries with cluster_id="
            + id
            + ".");
  }
}
