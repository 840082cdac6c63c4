package dev.databricksmcp.sandbox.compute;

import com.databricks.sdk.service.compute.Library;
import com.databricks.sdk.service.compute.LibraryFullStatus;
import com.databricks.sdk.service.compute.LibraryInstallStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.state.PersistentState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The libraries of each cluster (https://docs.databricks.com/api/cluster-libraries/v2/library.md)
 * and their status, worked out when asked from the {@link ComputeClock}, so a test that moves the
 * clock sees each step without waiting:
 *
 * <pre>
 * cluster up ─► PENDING ─step─► [RESOLVING ─step─►] INSTALLING ─step─► INSTALLED, or FAILED (messages)
 * </pre>
 *
 * RESOLVING only for what comes from a repository (pypi, maven, cran, requirements): "For jar and
 * egg libraries, this step is a no-op" (LibraryInstallStatus). A library waits in PENDING ("No
 * action has yet been taken to install the library") while its cluster is not up, and installs from
 * the start each time the cluster comes up (a started or restarted cluster installs its libraries
 * again). Uninstalling marks a library UNINSTALL_ON_RESTART until the cluster next comes up, then
 * it is gone ("libraries can only be removed when clusters are restarted"). The libraries of a
 * permanently deleted cluster go with it. SKIPPED, RESTORED and libraries for all clusters do not
 * occur here. Kept with {@code --sandbox-dir} ({@code DIR/state/libraries.json}).
 */
public final class Libraries implements PersistentState {
  private final Clusters clusters;
  private final ComputeClock clock;
  private final long stepMillis;
  private final Map<String, List<Kept>> byCluster = new LinkedHashMap<>();

  /** A library as a cluster keeps it. */
  private static final class Kept {
    Library library;
    long requestedAtMillis;

    /** When uninstall was asked, on the compute clock; 0 when it was not. */
    long uninstallAtMillis;
  }

  public Libraries(Clusters clusters, long stepMillis) {
    this.clusters = clusters;
    this.clock = clusters.clock();
    this.stepMillis = Math.max(1, stepMillis);
  }

  /**
   * Adds libraries to the cluster, in order; one already there is left as it is (and is no longer
   * to be uninstalled). Each library is checked first: one naming no kind, or several, is refused
   * and nothing is added.
   */
  public synchronized void install(String clusterId, List<Library> libraries) {
    clusters.upSince(clusterId);
    libraries.forEach(LibraryCoordinates::kind);
    List<Kept> kept = byCluster.computeIfAbsent(clusterId, id -> new ArrayList<>());
    for (Library library : libraries) {
      Optional<Kept> there = find(kept, library);
      if (there.isPresent()) {
        there.get().uninstallAtMillis = 0;
        continue;
      }
      Kept k = new Kept();
      k.library = copy(library);
      k.requestedAtMillis = clock.millis();
      kept.add(k);
    }
  }

  /**
   * Marks the libraries for removal at the cluster's next restart; one the cluster does not have is
   * ignored ("A request to uninstall a library that is not currently installed is ignored").
   */
  public synchronized void uninstall(String clusterId, List<Library> libraries) {
    clusters.upSince(clusterId);
    libraries.forEach(LibraryCoordinates::kind);
    List<Kept> kept = byCluster.getOrDefault(clusterId, List.of());
    long now = clock.millis();
    for (Library library : libraries) {
      find(kept, library)
          .filter(k -> k.uninstallAtMillis == 0)
          .ifPresent(k -> k.uninstallAtMillis = now);
    }
  }

  /**
   * The cluster's libraries with their status: those to install in the order they were added, then
   * those marked for removal (cluster-status.md). An unknown cluster is refused as clusters/get
   * refuses it.
   */
  public synchronized List<LibraryFullStatus> statuses(String clusterId) {
    long up = clusters.upSince(clusterId);
    List<Kept> kept = byCluster.getOrDefault(clusterId, new ArrayList<>());
    // a cluster that came up after the uninstall was asked no longer has the library
    kept.removeIf(k -> k.uninstallAtMillis != 0 && up > k.uninstallAtMillis);
    long now = clock.millis();
    List<LibraryFullStatus> toInstall = new ArrayList<>();
    List<LibraryFullStatus> toRemove = new ArrayList<>();
    for (Kept k : kept) {
      LibraryFullStatus s = status(k, up, now);
      (k.uninstallAtMillis == 0 ? toInstall : toRemove).add(s);
    }
    toInstall.addAll(toRemove);
    return toInstall;
  }

  /** The ids of the clusters that have libraries, oldest first; a deleted cluster's are dropped. */
  public synchronized List<String> clustersWithLibraries() {
    byCluster.keySet().removeIf(id -> !clusters.exists(id));
    List<String> out = new ArrayList<>();
    byCluster.forEach(
        (id, kept) -> {
          if (!kept.isEmpty()) {
            out.add(id);
          }
        });
    return out;
  }

  private LibraryFullStatus status(Kept k, long upSince, long now) {
    LibraryFullStatus s =
        new LibraryFullStatus()
            .setLibrary(copy(k.library))
            .setIsLibraryForAllClusters(false)
            .setMessages(List.of());
    if (k.uninstallAtMillis != 0) {
      return s.setStatus(LibraryInstallStatus.UNINSTALL_ON_RESTART);
    }
    if (upSince == 0) {
      return s.setStatus(LibraryInstallStatus.PENDING);
    }
    List<LibraryInstallStatus> steps = new ArrayList<>();
    steps.add(LibraryInstallStatus.PENDING);
    if (LibraryCoordinates.resolvesFirst(LibraryCoordinates.kind(k.library))) {
      steps.add(LibraryInstallStatus.RESOLVING);
    }
    steps.add(LibraryInstallStatus.INSTALLING);
    long step = (now - Math.max(upSince, k.requestedAtMillis)) / stepMillis;
    if (step < steps.size()) {
      return s.setStatus(steps.get((int) Math.max(0, step)));
    }
    Optional<String> failure = LibraryCoordinates.failure(k.library);
    return failure.isPresent()
        ? s.setStatus(LibraryInstallStatus.FAILED).setMessages(List.of(failure.get()))
        : s.setStatus(LibraryInstallStatus.INSTALLED);
  }

  private static Optional<Kept> find(List<Kept> kept, Library library) {
    JsonNode wanted = Json.MAPPER.valueToTree(library);
    return kept.stream().filter(k -> Json.MAPPER.valueToTree(k.library).equals(wanted)).findFirst();
  }

  private static Library copy(Library l) {
    return Json.MAPPER.convertValue(l, Library.class);
  }

  @Override
  public String persistenceName() {
    return "libraries";
  }

  @Override
  public synchronized JsonNode save() {
    byCluster.keySet().removeIf(id -> !clusters.exists(id));
    ArrayNode out = Json.MAPPER.createArrayNode();
    byCluster.forEach(
        (id, kept) -> {
          for (Kept k : kept) {
            ObjectNode one = out.addObject();
            one.put("cluster_id", id);
            one.set("library", Json.MAPPER.valueToTree(k.library));
            one.put("requested_at", k.requestedAtMillis);
            one.put("uninstall_requested_at", k.uninstallAtMillis);
          }
        });
    return out;
  }

  @Override
  public synchronized void restore(JsonNode saved) {
    byCluster.clear();
    for (JsonNode one : saved) {
      Kept k = new Kept();
      k.library = Json.MAPPER.convertValue(one.get("library"), Library.class);
      k.requestedAtMillis = one.path("requested_at").asLong();
      k.uninstallAtMillis = one.path("uninstall_requested_at").asLong();
      byCluster.computeIfAbsent(one.path("cluster_id").asText(), id -> new ArrayList<>()).add(k);
    }
  }
}
