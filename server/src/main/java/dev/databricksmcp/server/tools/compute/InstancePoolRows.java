package dev.databricksmcp.server.tools.compute;

import com.databricks.sdk.service.compute.InstancePoolAndStats;
import com.databricks.sdk.service.compute.InstancePoolStats;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An instance pool as every pool tool answers it (docs/OUTPUT.md): the list row and the get share
 * field names, the get adds fields. Names are the API's where a tool takes them as arguments
 * ({@code instance_pool_id}, {@code node_type_id}, {@code min_idle_instances}, {@code
 * max_capacity}); {@code name} is the pool's own name; the statistics are flattened ({@code
 * idle_count}, {@code used_count}).
 */
final class InstancePoolRows {
  private InstancePoolRows() {}

  /** What a model needs to pick a pool. */
  static Map<String, Object> row(InstancePoolAndStats p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("instance_pool_id", p.getInstancePoolId());
    out.put("name", p.getInstancePoolName());
    out.put("state", p.getState() == null ? null : p.getState().name());
    out.put("node_type_id", p.getNodeTypeId());
    out.put("min_idle_instances", p.getMinIdleInstances() == null ? 0L : p.getMinIdleInstances());
    out.put("max_capacity", p.getMaxCapacity());
    InstancePoolStats stats = p.getStats();
    out.put("idle_count", stats == null ? null : stats.getIdleCount());
    out.put("used_count", stats == null ? null : stats.getUsedCount());
    return out;
  }

  /** get_instance_pool (and create, edit, detail rows): the row's fields, then the rest. */
  static Map<String, Object> detail(InstancePoolAndStats p) {
    Map<String, Object> out = row(p);
    InstancePoolStats stats = p.getStats();
    out.put("pending_idle_count", stats == null ? null : stats.getPendingIdleCount());
    out.put("pending_used_count", stats == null ? null : stats.getPendingUsedCount());
    out.put("idle_instance_autotermination_minutes", p.getIdleInstanceAutoterminationMinutes());
    out.put(
        "creator",
        p.getDefaultTags() == null ? null : p.getDefaultTags().get("InstancePoolCreator"));
    out.put("custom_tags", p.getCustomTags() == null ? Map.of() : new TreeMap<>(p.getCustomTags()));
    out.put("preloaded_spark_versions", p.getPreloadedSparkVersions());
    out.put("enable_elastic_disk", p.getEnableElasticDisk());
    return out;
  }
}
