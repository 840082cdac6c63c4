package dev.databricksmcp.server.tools.compute;

import static dev.databricksmcp.server.tools.compute.ComputeParams.AUTOTERMINATION;
import static dev.databricksmcp.server.tools.compute.ComputeParams.CUSTOM_TAGS;
import static dev.databricksmcp.server.tools.compute.ComputeParams.MAX_WORKERS;
import static dev.databricksmcp.server.tools.compute.ComputeParams.MIN_WORKERS;
import static dev.databricksmcp.server.tools.compute.ComputeParams.NODE_TYPE_ID;
import static dev.databricksmcp.server.tools.compute.ComputeParams.NUM_WORKERS;
import static dev.databricksmcp.server.tools.compute.ComputeParams.SPARK_CONF;
import static dev.databricksmcp.server.tools.compute.ComputeParams.SPARK_VERSION;
import static dev.databricksmcp.server.tools.compute.ComputeParams.WAIT_SECONDS;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.service.compute.AutoScale;
import com.databricks.sdk.service.compute.CreateCluster;
import com.databricks.sdk.service.compute.NodeType;
import com.databricks.sdk.service.compute.Policy;
import com.databricks.sdk.service.compute.SparkVersion;
import com.databricks.sdk.service.compute.State;
import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Params;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * create_cluster: sane defaults said back (latest LTS runtime, smallest general-purpose node,
 * single node, auto-termination), or a policy's fixed values and defaults in their place.
 */
final class ClusterCreateTool {
  private static final Param<String> POLICY =
      Param.string(
          "policy_id",
          "Cluster policy id or name (list_cluster_policies): its fixed values and defaults fill"
              + " what is not given; a value it does not allow is refused");

  /** The policy attributes that stand for create_cluster's own defaults of workers. */
  private static final List<String> WORKER_ATTRIBUTES =
      List.of("num_workers", "autoscale.min_workers", "autoscale.max_workers");

  private ClusterCreateTool() {}

  static ToolDef create() {
    Param<String> name = ClusterTools.NAME.required().describedAs("Cluster name");
    Param<Integer> workers =
        NUM_WORKERS.describedAs("Fixed number of workers (default: 0, a single-node cluster)");
    List<Param<?>> params =
        List.of(
            name,
            SPARK_VERSION,
            NODE_TYPE_ID,
            workers,
            MIN_WORKERS,
            MAX_WORKERS,
            AUTOTERMINATION,
            SPARK_CONF,
            CUSTOM_TAGS,
            POLICY,
            WAIT_SECONDS);
    Set<String> declared = params.stream().map(Param::name).collect(Collectors.toSet());
    return ToolDef.builder(ComputeToolset.ID, "create_cluster")
        .title("Create cluster")
        .description(
            WAIT_SECONDS.fill(
                "Create an all-purpose cluster; it starts at once and costs money while running."
                    + " With only a name: the latest LTS runtime, the smallest general-purpose node"
                    + " type, a single node, auto-termination after 60 idle minutes (the message"
                    + " says what was chosen). With policy_id the policy's fixed values and"
                    + " defaults take the place of those; a value it does not allow is a"
                    + " VALIDATION_ERROR naming the rule. Waits up to wait_seconds (default"
                    + " {default}) for RUNNING."))
        .input(Schema.object().params(params))
        .hints(ToolHints.write(false))
        .checkWith("list_clusters")
        .handler(
            (args, ctx) -> {
              WorkspaceClient w = ctx.workspace();
              List<String> chose = new ArrayList<>();
              CreateCluster req = new CreateCluster().setClusterName(name.of(args));
              Policy policy =
                  POLICY
                      .optional(args)
                      .map(p -> PolicyCalls.require(w, POLICY.name(), p))
                      .orElse(null);
              // what the policy fills (fixed or default) is left to it, not to our defaults
              Set<String> byPolicy =
                  policy == null ? Set.of() : PolicyDefinitions.filled(policy.getDefinition());
              if (policy != null) {
                req.setPolicyId(policy.getPolicyId()).setApplyPolicyDefaultValues(true);
              }
              String version = SPARK_VERSION.optional(args).orElse(null);
              if (version == null && !byPolicy.contains("spark_version")) {
                SparkVersion lts =
                    ComputeOfferingTools.latestLts(ComputeOfferingTools.sparkVersionsOf(w))
                        .orElseThrow(
                            () ->
                                ToolException.validation(
                                    SPARK_VERSION.name(),
                                    "no LTS runtime found to default to; give one from"
                                        + " list_spark_versions"));
                version = lts.getKey();
                chose.add("runtime " + lts.getName() + " (" + version + ")");
              }
              req.setSparkVersion(version);
              String node = NODE_TYPE_ID.optional(args).orElse(null);
              if (node == null
                  && !byPolicy.contains("node_type_id")
                  && !byPolicy.contains("instance_pool_id")) {
                NodeType smallest =
                    ComputeOfferingTools.smallestGeneralPurpose(ComputeOfferingTools.nodeTypesOf(w))
                        .orElseThrow(
                            () ->
                                ToolException.validation(
                                    NODE_TYPE_ID.name(),
                                    "no node type found to default to; give one from"
                                        + " list_node_types"));
                node = smallest.getNodeTypeId();
                chose.add(
                    "node type "
                        + node
                        + " ("
                        + smallest.getCategory()
                        + ", "
                        + formatCores(smallest.getNumCores())
                        + " cores, "
                        + smallest.getMemoryMb() / 1024
                        + " GB)");
              }
              req.setNodeTypeId(node);
              Map<String, String> conf = new LinkedHashMap<>();
              Map<String, String> tags = new LinkedHashMap<>();
              boolean autoscale = MIN_WORKERS.given(args) || MAX_WORKERS.given(args);
              if (autoscale) {
                if (NUM_WORKERS.given(args)) {
                  throw ToolException.validation(
                      NUM_WORKERS.name(),
                      "give num_workers, or min_workers and max_workers, not both");
                }
                if (!MIN_WORKERS.given(args) || !MAX_WORKERS.given(args)) {
                  throw ToolException.validation(
                      MIN_WORKERS.given(args) ? MAX_WORKERS.name() : MIN_WORKERS.name(),
                      "autoscaling needs both min_workers and max_workers");
                }
                req.setAutoscale(
                    new AutoScale()
                        .setMinWorkers((long) MIN_WORKERS.of(args))
                        .setMaxWorkers((long) MAX_WORKERS.of(args)));
              } else if (workers.given(args)
                  || WORKER_ATTRIBUTES.stream().noneMatch(byPolicy::contains)) {
                int n = workers.optional(args).orElse(0);
                req.setNumWorkers((long) n);
                if (n == 0) {
                  conf.putAll(ClusterTools.SINGLE_NODE_CONF);
                  tags.putAll(ClusterTools.SINGLE_NODE_TAGS);
                  if (!workers.given(args)) {
                    chose.add("a single node (driver only)");
                  }
                }
              }
              SPARK_CONF.optional(args).ifPresent(v -> conf.putAll(Params.textValues(v)));
              CUSTOM_TAGS.optional(args).ifPresent(v -> tags.putAll(Params.textValues(v)));
              if (!conf.isEmpty()) {
                req.setSparkConf(conf);
              }
              if (!tags.isEmpty()) {
                req.setCustomTags(tags);
              }
              if (AUTOTERMINATION.given(args) || !byPolicy.contains("autotermination_minutes")) {
                int idle = AUTOTERMINATION.of(args);
                req.setAutoterminationMinutes((long) idle);
                if (!AUTOTERMINATION.given(args)) {
                  chose.add("auto-termination after " + idle + " idle minutes");
                }
              }
              if (policy != null) {
                chose.add(policyWords(policy, byPolicy, args));
              }
              String id;
              try {
                id = w.clusters().impl().create(req).getClusterId();
              } catch (DatabricksError e) {
                throw policy == null
                    ? e
                    : PolicyViolations.of(e, PolicyCalls.name(policy), declared, POLICY.name())
                        .<RuntimeException>map(v -> v)
                        .orElse(e);
              }
              ctx.track(ClusterStateTools.handle(id));
              ToolResult waited =
                  ClusterStateTools.await(
                      id, Duration.ofSeconds(WAIT_SECONDS.of(args)), ctx, State.RUNNING, "start");
              String said =
                  "Created cluster "
                      + id
                      + (chose.isEmpty() ? "" : " with " + String.join(", ", chose))
                      + "; it costs money while running (terminate_cluster stops it). "
                      + waited.message();
              return ToolResult.of(waited.data(), said);
            })
        .build();
  }

  /** "policy 'P' (id) filling spark_version, node_type_id": what the policy gave the cluster. */
  private static String policyWords(Policy policy, Set<String> byPolicy, Args args) {
    List<String> filled =
        byPolicy.stream()
            .filter(a -> !a.equals("cluster_type") && !givenAttribute(a, args))
            .toList();
    return "policy "
        + PolicyCalls.name(policy)
        + (filled.isEmpty() ? "" : " filling " + String.join(", ", filled));
  }

  /** Whether the call gave the cluster attribute a policy rule is about. */
  private static boolean givenAttribute(String attribute, Args args) {
    if (attribute.startsWith("spark_conf.") || attribute.startsWith("custom_tags.")) {
      Param<Map<String, Object>> map =
          attribute.startsWith("spark_conf.") ? SPARK_CONF : CUSTOM_TAGS;
      return map.optional(args)
          .map(m -> m.containsKey(attribute.substring(attribute.indexOf('.') + 1)))
          .orElse(false);
    }
    return switch (attribute) {
      case "spark_version" -> SPARK_VERSION.given(args);
      case "node_type_id" -> NODE_TYPE_ID.given(args);
      case "autotermination_minutes" -> AUTOTERMINATION.given(args);
      case "num_workers", "autoscale.min_workers", "autoscale.max_workers" ->
          NUM_WORKERS.given(args) || MIN_WORKERS.given(args) || MAX_WORKERS.given(args);
      default -> false;
    };
  }

  private static String formatCores(Double cores) {
    if (cores == null) {
      return "?";
    }
    return cores == Math.rint(cores) ? String.valueOf(cores.longValue()) : String.valueOf(cores);
  }
}
