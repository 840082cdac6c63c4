package dev.databricksmcp.sandbox.compute;

import com.databricks.sdk.service.compute.InstancePoolAndStats;
import com.databricks.sdk.service.compute.InstancePoolState;
import com.databricks.sdk.service.compute.InstancePoolStats;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.state.PersistentState;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Instance pools (https://docs.databricks.com/api/instance-pools/v2/instancepool.md): a node type
 * and its limits, ACTIVE until deleted (then DELETED, still readable by id, no longer listed). No
 * instance exists: {@code stats} shows the pool's {@code min_idle_instances} as idle and the nodes
 * of the clusters running from it as used (counted by {@link Clusters}). Kept with {@code
 * --sandbox-dir} ({@code DIR/state/instance-pools.json}).
 */
public final class InstancePools implements PersistentState {
  private static final DateTimeFormatter ID_DATE =
      DateTimeFormatter.ofPattern("MMdd-HHmmss").withZone(ZoneOffset.UTC);
  private static final String ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final String POOL_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private final Map<String, InstancePoolAndStats> pools = new LinkedHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private volatile ToLongFunction<String> usedNodes = id -> 0;

  /** How many nodes the clusters of a pool use (set by the clusters' area). */
  void countUsedNodesWith(ToLongFunction<String> counter) {
    this.usedNodes = counter;
  }

  public synchronized String create(InstancePoolAndStats spec, String user) {
    requireValid(spec);
    String id = newId();
    spec.setInstancePoolId(id)
        .setState(InstancePoolState.ACTIVE)
        .setDefaultTags(
            Map.of(
                "Vendor",
                "Databricks",
                "InstancePoolCreator",
                user,
                "InstancePoolName",
                spec.getInstancePoolName(),
                "InstancePoolId",
                id));
    if (spec.getIdleInstanceAutoterminationMinutes() == null) {
      spec.setIdleInstanceAutoterminationMinutes(60L);
    }
    if (spec.getMinIdleInstances() == null) {
      spec.setMinIdleInstances(0L);
    }
    pools.put(id, spec);
    return id;
  }

  /**
   * Replaces what edit-instance-pool.md lets change (name, node type, min idle, max capacity, idle
   * minutes, custom tags); a deleted pool is refused.
   */
  public synchronized void edit(InstancePoolAndStats spec) {
    InstancePoolAndStats p = active(spec.getInstancePoolId());
    requireValid(spec);
    Map<String, String> tags = new LinkedHashMap<>(p.getDefaultTags());
    tags.put("InstancePoolName", spec.getInstancePoolName());
    p.setDefaultTags(tags);
    p.setInstancePoolName(spec.getInstancePoolName())
        .setNodeTypeId(spec.getNodeTypeId())
        .setMinIdleInstances(
            spec.getMinIdleInstances() == null
                ? p.getMinIdleInstances()
                : spec.getMinIdleInstances())
        .setMaxCapacity(spec.getMaxCapacity())
        .setCustomTags(spec.getCustomTags() == null ? p.getCustomTags() : spec.getCustomTags())
        .setIdleInstanceAutoterminationMinutes(
            spec.getIdleInstanceAutoterminationMinutes() == null
                ? p.getIdleInstanceAutoterminationMinutes()
                : spec.getIdleInstanceAutoterminationMinutes());
  }

  /** Deletes the pool: DELETED, its idle instances gone. */
  public synchronized void delete(String id) {
    active(id).setState(InstancePoolState.DELETED);
  }

  /** The pool with its stats; a deleted one shows DELETED. */
  public synchronized InstancePoolAndStats get(String id) {
    return withStats(kept(id));
  }

  /** The pools not deleted, oldest first. */
  public synchronized List<InstancePoolAndStats> list() {
    List<InstancePoolAndStats> out = new ArrayList<>();
    for (InstancePoolAndStats p : pools.values()) {
      if (p.getState() == InstancePoolState.ACTIVE) {
        out.add(withStats(p));
      }
    }
    return out;
  }

  /** The node type of an active pool, for a cluster that names it. */
  /** Who created the pool (its {@code InstancePoolCreator} default tag); null when unknown. */
  public synchronized String creatorOf(String id) {
    Map<String, String> tags = get(id).getDefaultTags();
    return tags == null ? null : tags.get("InstancePoolCreator");
  }

  public synchronized String nodeTypeOf(String id) {
    InstancePoolAndStats p = pools.get(id);
    if (p == null || p.getState() != InstancePoolState.ACTIVE) {
      throw ApiException.invalid("Instance pool " + id + " does not exist.");
    }
    return p.getNodeTypeId();
  }

  private InstancePoolAndStats withStats(InstancePoolAndStats p) {
    InstancePoolAndStats out = Json.MAPPER.convertValue(p, InstancePoolAndStats.class);
    boolean active = p.getState() == InstancePoolState.ACTIVE;
    return out.setStats(
        new InstancePoolStats()
            .setIdleCount(active ? p.getMinIdleInstances() : 0L)
            .setUsedCount(active ? usedNodes.applyAsLong(p.getInstancePoolId()) : 0L)
            .setPendingIdleCount(0L)
            .setPendingUsedCount(0L));
  }

  private static void requireValid(InstancePoolAndStats spec) {
    if (spec.getInstancePoolName() == null || spec.getInstancePoolName().isBlank()) {
      throw ApiException.invalid("Missing required field: instance_pool_name");
    }
    // "Must be unique. Length must be between 1 and 100 characters." (create-instance-pool.md)
    if (spec.getInstancePoolName().length() > 100) {
      throw ApiException.invalid("instance_pool_name must be between 1 and 100 characters.");
    }
    if (spec.getNodeTypeId() == null || spec.getNodeTypeId().isBlank()) {
      throw ApiException.invalid("Missing required field: node_type_id");
    }
    if (ComputeOfferings.nodeType(spec.getNodeTypeId()).isEmpty()) {
      throw ApiException.invalid("Node type " + spec.getNodeTypeId() + " is not supported.");
    }
    Long min = spec.getMinIdleInstances();
    Long max = spec.getMaxCapacity();
    if (min != null && min < 0) {
      throw ApiException.invalid("min_idle_instances must be 0 or more.");
    }
    if (max != null && (max < 1 || (min != null && max < min))) {
      throw ApiException.invalid(
          "max_capacity must be at least 1 and at least min_idle_instances.");
    }
    Long idle = spec.getIdleInstanceAutoterminationMinutes();
    if (idle != null && (idle < 0 || idle > 10000)) {
      throw ApiException.invalid(
          "idle_instance_autotermination_minutes must be between 0 and 10000.");
    }
  }

  private InstancePoolAndStats active(String id) {
    InstancePoolAndStats p = kept(id);
    if (p.getState() != InstancePoolState.ACTIVE) {
      throw ApiException.invalid("Instance pool " + id + " is deleted.");
    }
    return p;
  }

  private InstancePoolAndStats kept(String id) {
    InstancePoolAndStats p = id == null ? null : pools.get(id);
    if (p == null) {
      throw ApiException.invalid(
          id == null
              ? "Missing required field: instance_pool_id"
              : "Instance pool " + id + " does not exist.");
    }
    return p;
  }

  private String newId() {
    StringBuilder id = new StringBuilder(ID_DATE.format(Instant.now())).append('-');
    // shaped like the reference's example, 1234-567890-fetch12-pool-A3BcdEFg
    for (int i = 0; i < 7; i++) {
      id.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
    }
    id.append("-pool-");
    for (int i = 0; i < 8; i++) {
      id.append(POOL_CHARS.charAt(random.nextInt(POOL_CHARS.length())));
    }
    return pools.containsKey(id.toString()) ? newId() : id.toString();
  }

  @Override
  public String persistenceName() {
    return "instance-pools";
  }

  @Override
  public synchronized JsonNode save() {
    return Json.MAPPER.valueToTree(new ArrayList<>(pools.values()));
  }

  @Override
  public synchronized void restore(JsonNode saved) {
    pools.clear();
    for (InstancePoolAndStats p :
        Json.MAPPER.convertValue(saved, new TypeReference<List<InstancePoolAndStats>>() {})) {
      pools.put(p.getInstancePoolId(), p.setStats(null));
    }
  }
}
