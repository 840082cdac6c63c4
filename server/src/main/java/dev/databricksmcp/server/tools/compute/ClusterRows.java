package dev.databricksmcp.server.tools.compute;

import com.databricks.sdk.service.compute.AutoScale;
import com.databricks.sdk.service.compute.ClusterDetails;
import com.databricks.sdk.service.compute.TerminationReason;
import com.databricks.sdk.service.compute.TerminationReasonCode;
import dev.databricksmcp.server.core.Times;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A cluster as every cluster tool answers it (docs/OUTPUT.md): a list row and a get use the same
 * field names, the get adds fields. Names are the API's where a tool also takes them as arguments
 * ({@code cluster_id}, {@code node_type_id}, {@code num_workers}, {@code spark_version}, {@code
 * autotermination_minutes}); {@code name} is the cluster's own name, {@code creator} who made it,
 * times are ISO-8601 UTC ({@code started_at}, {@code terminated_at}).
 */
final class ClusterRows {
  private ClusterRows() {}

  /** What a model needs to pick a cluster: list_clusters and the answers of state changes. */
  static Map<String, Object> row(ClusterDetails c) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("cluster_id", c.getClusterId());
    out.put("name", c.getClusterName());
    out.put("state", name(c.getState()));
    out.put("node_type_id", c.getNodeTypeId());
    AutoScale autoscale = c.getAutoscale();
    if (autoscale != null) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("min_workers", autoscale.getMinWorkers());
      a.put("max_workers", autoscale.getMaxWorkers());
      out.put("autoscale", a);
    } else {
      out.put("num_workers", c.getNumWorkers() == null ? 0L : c.getNumWorkers());
    }
    out.put("spark_version", c.getSparkVersion());
    out.put("creator", c.getCreatorUserName());
    out.put("autotermination_minutes", c.getAutoterminationMinutes());
    out.put("started_at", Times.iso(c.getStartTime()));
    if (c.getTerminatedTime() != null) {
      out.put("terminated_at", Times.iso(c.getTerminatedTime()));
    }
    return out;
  }

  /** get_cluster (and create, edit, detail rows): the row's fields, then the rest worth reading. */
  static Map<String, Object> detail(ClusterDetails c) {
    Map<String, Object> out = row(c);
    out.put("state_message", blankToNull(c.getStateMessage()));
    if (c.getTerminationReason() != null) {
      out.put(
          "termination_reason", terminationWords(c.getTerminationReason(), c.getTerminatedTime()));
      out.put("termination_code", name(c.getTerminationReason().getCode()));
    }
    out.put("single_node", singleNode(c));
    out.put("driver_node_type_id", c.getDriverNodeTypeId());
    out.put("cluster_source", name(c.getClusterSource()));
    out.put("data_security_mode", name(c.getDataSecurityMode()));
    out.put("single_user_name", c.getSingleUserName());
    out.put("runtime_engine", name(c.getRuntimeEngine()));
    out.put("policy_id", c.getPolicyId());
    out.put("instance_pool_id", c.getInstancePoolId());
    out.put("cluster_cores", c.getClusterCores());
    out.put("cluster_memory_mb", c.getClusterMemoryMb());
    out.put("last_restarted_at", Times.iso(c.getLastRestartedTime()));
    if (c.getSparkConf() != null && !c.getSparkConf().isEmpty()) {
      out.put("spark_conf", new TreeMap<>(c.getSparkConf()));
    }
    if (c.getCustomTags() != null && !c.getCustomTags().isEmpty()) {
      out.put("custom_tags", new TreeMap<>(c.getCustomTags()));
    }
    return out;
  }

  /** A single-node cluster: driver only, by the flag or the documented profile. */
  static boolean singleNode(ClusterDetails c) {
    return Boolean.TRUE.equals(c.getIsSingleNode())
        || c.getSparkConf() != null
            && "singleNode".equals(c.getSparkConf().get("spark.databricks.cluster.profile"));
  }

  /**
   * Why a cluster ended, in words: "terminated by alice@example.com at 2026-…Z (USER_REQUEST)",
   * "terminated after 60 minutes idle at …Z (INACTIVITY)", else the code, its type and parameters.
   */
  static String terminationWords(TerminationReason reason, Long at) {
    TerminationReasonCode code = reason.getCode();
    Map<String, String> p = reason.getParameters() == null ? Map.of() : reason.getParameters();
    String when = at == null ? "" : " at " + Times.iso(at);
    if (code == TerminationReasonCode.USER_REQUEST) {
      String user = p.get("username");
      return "terminated "
          + (user == null ? "on request" : "by " + user)
          + when
          + " (USER_REQUEST)";
    }
    if (code == TerminationReasonCode.INACTIVITY) {
      String minutes = p.get("inactivity_duration_min");
      return "terminated after "
          + (minutes == null ? "its idle time" : minutes + " minutes idle")
          + when
          + " (INACTIVITY)";
    }
    StringBuilder words = new StringBuilder("terminated").append(when).append(" (");
    words.append(code == null ? "UNKNOWN" : code.toString());
    if (reason.getType() != null) {
      words.append(", ").append(reason.getType());
    }
    words.append(')');
    if (!p.isEmpty()) {
      words.append(": ").append(new TreeMap<>(p));
    }
    return words.toString();
  }

  static String name(Object enumValue) {
    return enumValue == null ? null : enumValue.toString();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
