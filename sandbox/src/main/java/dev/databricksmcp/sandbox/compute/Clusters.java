package dev.databricksmcp.sandbox.compute;

import com.databricks.sdk.service.compute.AutoScale;
import com.databricks.sdk.service.compute.ClusterDetails;
import com.databricks.sdk.service.compute.ClusterEvent;
import com.databricks.sdk.service.compute.ClusterSource;
import com.databricks.sdk.service.compute.EventDetails;
import com.databricks.sdk.service.compute.EventDetailsCause;
import com.databricks.sdk.service.compute.EventType;
import com.databricks.sdk.service.compute.NodeType;
import com.databricks.sdk.service.compute.State;
import com.databricks.sdk.service.compute.TerminationReason;
import com.databricks.sdk.service.compute.TerminationReasonCode;
import com.databricks.sdk.service.compute.TerminationReasonType;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.state.PersistentState;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * All-purpose clusters and their state machine, as the Clusters API 2.1 shows them:
 *
 * <pre>
 * create ─► PENDING ──► RUNNING ──resize──► RESIZING ──► RUNNING
 *                          │  └──restart / edit──► RESTARTING ──► RUNNING
 *   start (TERMINATED) ─► PENDING          │
 *   delete, or idle for autotermination_minutes ─► TERMINATING ──► TERMINATED (termination_reason)
 * </pre>
 *
 * Each transition takes {@code transitionMillis}; each change is recorded as a cluster event
 * (CREATING, STARTING, RUNNING, RESTARTING, RESIZING, UPSIZE_COMPLETED, EDITED, TERMINATING,
 * PINNED, UNPINNED) with a timestamp from the {@link ComputeClock}. A RUNNING cluster with {@code
 * autotermination_minutes} above 0 terminates with reason INACTIVITY once that long has passed, on
 * that clock, since it was last used (reached RUNNING, or {@link #touch}). Clusters, their events
 * and pins survive a restart with {@code --sandbox-dir}. Nothing here runs code: a cluster is a
 * record with a state.
 */
public final class Clusters implements PersistentState {
  /** Events kept per cluster, the oldest dropped first. */
  static final int MAX_EVENTS = 1000;

  private static final DateTimeFormatter ID_DATE =
      DateTimeFormatter.ofPattern("MMdd-HHmmss").withZone(ZoneOffset.UTC);
  private static final String ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";

  private final long transitionMillis;
  private final ComputeClock clock;
  private final Map<String, Kept> clusters = new LinkedHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "sandbox-clusters");
            t.setDaemon(true);
            return t;
          });

  /** A cluster as kept: what the API shows, its events, its pin, when it was last used. */
  private static final class Kept {
    ClusterDetails details;
    List<ClusterEvent> events = new ArrayList<>();
    boolean pinned;
    long lastActivityMillis;

    /** When the cluster last came up (started or restarted), on the clock; 0 while it is down. */
    long upSinceMillis;

    /** Bumped by every transition, so a scheduled step of an earlier one does nothing. */
    long generation;
  }

  public Clusters(long transitionMillis, ComputeClock clock) {
    this.transitionMillis = transitionMillis;
    this.clock = clock;
    long sweep = Math.max(50, Math.min(transitionMillis, 1000));
    timer.scheduleWithFixedDelay(this::terminateIdle, sweep, sweep, TimeUnit.MILLISECONDS);
  }

  public ComputeClock clock() {
    return clock;
  }

  /** A new cluster, PENDING, RUNNING after one transition. Returns its id. */
  public synchronized String create(ClusterDetails spec, String user) {
    String id = newId();
    long now = clock.millis();
    spec.setClusterId(id)
        .setCreatorUserName(user)
        .setClusterSource(
            spec.getClusterSource() == null ? ClusterSource.API : spec.getClusterSource())
        .setStartTime(now)
        .setDefaultTags(
            Map.of(
                "Vendor",
                "Databricks",
                "Creator",
                user,
                "ClusterName",
                spec.getClusterName() == null ? "" : spec.getClusterName(),
                "ClusterId",
                id));
    if (spec.getDriverNodeTypeId() == null) {
      spec.setDriverNodeTypeId(spec.getNodeTypeId());
    }
    Kept kept = new Kept();
    kept.details = spec;
    clusters.put(id, kept);
    record(kept, EventType.CREATING, new EventDetails().setUser(user));
    toPending(kept, "Finding instances for new nodes, acquiring more instances if necessary");
    return id;
  }

  /** The cluster as the API shows it (a copy); an unknown or deleted id is refused. */
  public synchronized ClusterDetails get(String id) {
    return copy(kept(id).details);
  }

  /** The ids of the pinned clusters. */
  public synchronized Set<String> pinnedIds() {
    Set<String> out = new HashSet<>();
    clusters.forEach(
        (id, k) -> {
          if (k.pinned) {
            out.add(id);
          }
        });
    return out;
  }

  /**
   * When the cluster last came up (reached RUNNING from PENDING or RESTARTING), on the compute
   * clock; 0 while it is not up (pending, restarting, terminating, terminated). A resize keeps the
   * time. An unknown or deleted id is refused as {@link #get} refuses it.
   */
  public synchronized long upSince(String id) {
    Kept kept = kept(id);
    State state = kept.details.getState();
    return state == State.RUNNING || state == State.RESIZING ? kept.upSinceMillis : 0;
  }

  /** Whether the id names a cluster not permanently deleted. */
  public synchronized boolean exists(String id) {
    return id != null && clusters.containsKey(id);
  }

  /** Every cluster, oldest first, as copies. */
  public synchronized List<ClusterDetails> list() {
    List<ClusterDetails> out = new ArrayList<>();
    clusters.values().forEach(k -> out.add(copy(k.details)));
    return out;
  }

  /**
   * The nodes drawn from an instance pool by the clusters not terminated: the workers of those in
   * it, and their drivers when the driver's pool is it.
   */
  public synchronized long nodesInPool(String poolId) {
    long used = 0;
    for (Kept k : clusters.values()) {
      ClusterDetails d = k.details;
      if (d.getState() == State.TERMINATED) {
        continue;
      }
      if (poolId.equals(d.getInstancePoolId())) {
        used += workers(d);
      }
      if (poolId.equals(d.getDriverInstancePoolId())) {
        used++;
      }
    }
    return used;
  }

  /** The cluster's events, oldest first, as copies. */
  public synchronized List<ClusterEvent> events(String id) {
    return Json.MAPPER.convertValue(kept(id).events, new TypeReference<List<ClusterEvent>>() {});
  }

  /**
   * Replaces the cluster's attributes (edit-cluster.md: only a RUNNING or TERMINATED cluster; a
   * RUNNING one restarts to take them).
   */
  public synchronized void edit(String id, ClusterDetails attributes, String user) {
    Kept kept = kept(id);
    State state = kept.details.getState();
    if (state != State.RUNNING && state != State.TERMINATED) {
      throw unexpectedState(id, state);
    }
    ClusterDetails d = kept.details;
    d.setClusterName(attributes.getClusterName())
        .setSparkVersion(attributes.getSparkVersion())
        .setNodeTypeId(attributes.getNodeTypeId())
        .setDriverNodeTypeId(
            attributes.getDriverNodeTypeId() == null
                ? attributes.getNodeTypeId()
                : attributes.getDriverNodeTypeId())
        .setNumWorkers(attributes.getNumWorkers())
        .setAutoscale(attributes.getAutoscale())
        .setAutoterminationMinutes(attributes.getAutoterminationMinutes())
        .setInstancePoolId(attributes.getInstancePoolId())
        .setDriverInstancePoolId(attributes.getDriverInstancePoolId())
        .setPolicyId(attributes.getPolicyId())
        .setSparkConf(attributes.getSparkConf())
        .setSparkEnvVars(attributes.getSparkEnvVars())
        .setCustomTags(attributes.getCustomTags())
        .setDataSecurityMode(attributes.getDataSecurityMode())
        .setSingleUserName(attributes.getSingleUserName())
        .setRuntimeEngine(attributes.getRuntimeEngine())
        .setKind(attributes.getKind())
        .setIsSingleNode(attributes.getIsSingleNode())
        .setUseMlRuntime(attributes.getUseMlRuntime());
    Map<String, String> tags = new LinkedHashMap<>(d.getDefaultTags());
    tags.put("ClusterName", d.getClusterName() == null ? "" : d.getClusterName());
    d.setDefaultTags(tags);
    record(kept, EventType.EDITED, new EventDetails().setUser(user));
    if (state == State.RUNNING) {
      toRestarting(kept, user);
    }
  }

  /**
   * Starts a TERMINATED cluster. Any other state is refused with INVALID_STATE, as the service
   * answers (start-cluster.md says "nothing will happen"; the service answers {@code Cluster … is
   * in unexpected state Running.}, databricks/cli#1372).
   */
  public synchronized void start(String id, String user) {
    Kept kept = kept(id);
    if (kept.details.getState() != State.TERMINATED) {
      throw unexpectedState(id, kept.details.getState());
    }
    kept.details.setTerminatedTime(null).setTerminationReason(null);
    record(kept, EventType.STARTING, new EventDetails().setUser(user));
    toPending(kept, "Starting cluster");
  }

  /** Restarts a RUNNING cluster; in any other state nothing happens (restart-cluster.md). */
  public synchronized void restart(String id, String user) {
    Kept kept = kept(id);
    if (kept.details.getState() == State.RUNNING) {
      toRestarting(kept, user);
    }
  }

  /** Resizes a RUNNING cluster; any other state is refused (resize-cluster.md). */
  public synchronized void resize(String id, Long numWorkers, AutoScale autoscale, String user) {
    Kept kept = kept(id);
    if (kept.details.getState() != State.RUNNING) {
      throw unexpectedState(id, kept.details.getState());
    }
    long current = workers(kept.details);
    kept.details.setNumWorkers(autoscale == null ? numWorkers : null).setAutoscale(autoscale);
    long target = workers(kept.details);
    kept.details.setState(State.RESIZING).setStateMessage("Resizing the cluster");
    record(
        kept,
        EventType.RESIZING,
        new EventDetails()
            .setUser(user)
            .setCause(EventDetailsCause.USER_REQUEST)
            .setCurrentNumWorkers(current)
            .setTargetNumWorkers(target));
    long generation = ++kept.generation;
    later(
        kept,
        generation,
        () -> {
          if (target > current) {
            record(
                kept,
                EventType.UPSIZE_COMPLETED,
                new EventDetails().setCurrentNumWorkers(target).setTargetNumWorkers(target));
          }
          toRunning(kept);
        });
  }

  /**
   * Terminates the cluster, TERMINATING then TERMINATED with this reason; a cluster already
   * terminating or terminated is left alone (delete-cluster.md).
   */
  public synchronized void terminate(String id, TerminationReason reason) {
    terminate(kept(id), reason);
  }

  /** Removes the cluster for good: it is no longer listed and no action reaches it. */
  public synchronized void permanentlyDelete(String id) {
    kept(id).generation++;
    clusters.remove(id);
  }

  /** Pins or unpins; pinning a pinned cluster (or unpinning an unpinned one) does nothing. */
  public synchronized void pin(String id, boolean pin, String user) {
    Kept kept = kept(id);
    if (kept.pinned != pin) {
      kept.pinned = pin;
      record(kept, pin ? EventType.PINNED : EventType.UNPINNED, new EventDetails().setUser(user));
    }
  }

  /** The cluster was used (a command ran): its idle time starts again. */
  public synchronized void touch(String id) {
    kept(id).lastActivityMillis = clock.millis();
  }

  /** Why a user's request ended a cluster: USER_REQUEST, SUCCESS, with the user's name. */
  public static TerminationReason byUser(String user) {
    return new TerminationReason()
        .setCode(TerminationReasonCode.USER_REQUEST)
        .setType(TerminationReasonType.SUCCESS)
        .setParameters(Map.of("username", user));
  }

  /** Terminates every RUNNING cluster idle for its autotermination_minutes (0: never). */
  synchronized void terminateIdle() {
    long now = clock.millis();
    for (Kept kept : List.copyOf(clusters.values())) {
      Long minutes = kept.details.getAutoterminationMinutes();
      if (kept.details.getState() == State.RUNNING
          && minutes != null
          && minutes > 0
          && now - kept.lastActivityMillis >= minutes * 60_000L) {
        terminate(
            kept,
            new TerminationReason()
                .setCode(TerminationReasonCode.INACTIVITY)
                .setType(TerminationReasonType.SUCCESS)
                .setParameters(Map.of("inactivity_duration_min", String.valueOf(minutes))));
      }
    }
  }

  private void terminate(Kept kept, TerminationReason reason) {
    State state = kept.details.getState();
    if (state == State.TERMINATING || state == State.TERMINATED) {
      return;
    }
    kept.details.setState(State.TERMINATING).setStateMessage("Terminating the cluster");
    kept.upSinceMillis = 0;
    record(kept, EventType.TERMINATING, new EventDetails().setReason(reason));
    long generation = ++kept.generation;
    later(
        kept,
        generation,
        () ->
            kept.details
                .setState(State.TERMINATED)
                .setStateMessage(terminatedMessage(reason))
                .setTerminatedTime(clock.millis())
                .setTerminationReason(reason)
                .setClusterCores(null)
                .setClusterMemoryMb(null)
                .setSparkContextId(null));
  }

  private static String terminatedMessage(TerminationReason reason) {
    if (reason.getCode() == TerminationReasonCode.INACTIVITY) {
      return "Inactive cluster terminated (inactive for "
          + reason.getParameters().get("inactivity_duration_min")
          + " minutes).";
    }
    return "Terminated by user";
  }

  private void toPending(Kept kept, String message) {
    if (kept.details.getAutoscale() != null) {
      // an autoscaling cluster (re)starts with its minimum (start-cluster.md)
      kept.details.setNumWorkers(kept.details.getAutoscale().getMinWorkers());
    }
    kept.details.setState(State.PENDING).setStateMessage(message);
    long generation = ++kept.generation;
    later(kept, generation, () -> toRunning(kept));
  }

  private void toRestarting(Kept kept, String user) {
    kept.details.setState(State.RESTARTING).setStateMessage("Restarting Spark");
    record(kept, EventType.RESTARTING, new EventDetails().setUser(user));
    long generation = ++kept.generation;
    later(
        kept,
        generation,
        () -> {
          kept.details.setLastRestartedTime(clock.millis());
          toRunning(kept);
        });
  }

  private void toRunning(Kept kept) {
    ClusterDetails d = kept.details;
    long workers = workers(d);
    if (d.getState() != State.RESIZING) {
      kept.upSinceMillis = clock.millis();
    }
    d.setState(State.RUNNING).setStateMessage("").setSparkContextId(random.nextLong() >>> 1);
    NodeType node = ComputeOfferings.nodeType(d.getNodeTypeId()).orElse(null);
    if (node != null) {
      d.setClusterCores(node.getNumCores() * (workers + 1))
          .setClusterMemoryMb(node.getMemoryMb() * (workers + 1));
    }
    kept.lastActivityMillis = clock.millis();
    record(
        kept,
        EventType.RUNNING,
        new EventDetails().setCurrentNumWorkers(workers).setTargetNumWorkers(workers));
  }

  private static long workers(ClusterDetails d) {
    if (d.getNumWorkers() != null) {
      return d.getNumWorkers();
    }
    return d.getAutoscale() == null || d.getAutoscale().getMinWorkers() == null
        ? 0
        : d.getAutoscale().getMinWorkers();
  }

  private void later(Kept kept, long generation, Runnable step) {
    timer.schedule(
        () -> {
          synchronized (this) {
            if (kept.generation == generation && clusters.containsValue(kept)) {
              step.run();
            }
          }
        },
        transitionMillis,
        TimeUnit.MILLISECONDS);
  }

  private void record(Kept kept, EventType type, EventDetails details) {
    kept.events.add(
        new ClusterEvent()
            .setClusterId(kept.details.getClusterId())
            .setTimestamp(clock.millis())
            .setType(type)
            .setDetails(details));
    if (kept.events.size() > MAX_EVENTS) {
      kept.events.remove(0);
    }
  }

  private Kept kept(String id) {
    Kept kept = id == null ? null : clusters.get(id);
    if (kept == null) {
      // the service answers 400 INVALID_PARAMETER_VALUE "Cluster … does not exist": the SDK's
      // ErrorOverrides match exactly that on clusters/get (and make it a ResourceDoesNotExist)
      throw ApiException.invalid("Cluster " + id + " does not exist");
    }
    return kept;
  }

  private static ApiException unexpectedState(String id, State state) {
    String name = state.name().toLowerCase(Locale.ROOT);
    return new ApiException(
        ErrorCode.INVALID_STATE,
        "Cluster "
            + id
            + " is in unexpected state "
            + Character.toUpperCase(name.charAt(0))
            + name.substring(1)
            + ".");
  }

  private String newId() {
    StringBuilder id =
        new StringBuilder(ID_DATE.format(Instant.ofEpochMilli(clock.millis()))).append('-');
    for (int i = 0; i < 8; i++) {
      id.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
    }
    return clusters.containsKey(id.toString()) ? newId() : id.toString();
  }

  private static ClusterDetails copy(ClusterDetails d) {
    return Json.MAPPER.convertValue(d, ClusterDetails.class);
  }

  @Override
  public String persistenceName() {
    return "clusters";
  }

  /** Each cluster in the SDK's shape, with its events, its pin and when it was last used. */
  @Override
  public synchronized JsonNode save() {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (Kept kept : clusters.values()) {
      ObjectNode one = out.addObject();
      one.set("cluster", Json.MAPPER.valueToTree(kept.details));
      one.set("events", Json.MAPPER.valueToTree(kept.events));
      one.put("pinned", kept.pinned);
      one.put("last_activity_time", kept.lastActivityMillis);
      one.put("up_since_time", kept.upSinceMillis);
    }
    return out;
  }

  /**
   * Takes the clusters back; one caught in a transition (PENDING, RESTARTING, RESIZING,
   * TERMINATING) when the sandbox stopped finishes it after one more transition time.
   */
  @Override
  public synchronized void restore(JsonNode saved) {
    clusters.values().forEach(k -> k.generation++);
    clusters.clear();
    for (JsonNode one : saved) {
      Kept kept = new Kept();
      kept.details = Json.MAPPER.convertValue(one.get("cluster"), ClusterDetails.class);
      kept.events =
          Json.MAPPER.convertValue(one.get("events"), new TypeReference<List<ClusterEvent>>() {});
      kept.pinned = one.path("pinned").asBoolean();
      kept.lastActivityMillis = one.path("last_activity_time").asLong();
      kept.upSinceMillis = one.path("up_since_time").asLong();
      clusters.put(kept.details.getClusterId(), kept);
      resume(kept);
    }
  }

  private void resume(Kept kept) {
    State state = kept.details.getState();
    long generation = ++kept.generation;
    if (state == State.PENDING || state == State.RESTARTING || state == State.RESIZING) {
      later(kept, generation, () -> toRunning(kept));
    } else if (state == State.TERMINATING) {
      TerminationReason reason =
          kept.events.stream()
              .filter(e -> e.getType() == EventType.TERMINATING && e.getDetails() != null)
              .map(e -> e.getDetails().getReason())
              .reduce((first, second) -> second)
              .orElse(new TerminationReason().setCode(TerminationReasonCode.UNKNOWN));
      kept.details.setState(State.RUNNING);
      terminate(kept, reason);
      kept.events.remove(kept.events.size() - 1);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
