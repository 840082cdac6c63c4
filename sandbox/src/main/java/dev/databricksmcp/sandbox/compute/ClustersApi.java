package dev.databricksmcp.sandbox.compute;

import com.databricks.sdk.service.compute.AutoScale;
import com.databricks.sdk.service.compute.ClusterDetails;
import com.databricks.sdk.service.compute.ClusterSource;
import com.databricks.sdk.service.compute.CreateCluster;
import com.databricks.sdk.service.compute.CreateClusterResponse;
import com.databricks.sdk.service.compute.DeleteCluster;
import com.databricks.sdk.service.compute.EditCluster;
import com.databricks.sdk.service.compute.GetSparkVersionsResponse;
import com.databricks.sdk.service.compute.ListClustersResponse;
import com.databricks.sdk.service.compute.ListNodeTypesResponse;
import com.databricks.sdk.service.compute.PermanentDeleteCluster;
import com.databricks.sdk.service.compute.PinCluster;
import com.databricks.sdk.service.compute.ResizeCluster;
import com.databricks.sdk.service.compute.RestartCluster;
import com.databricks.sdk.service.compute.StartCluster;
import com.databricks.sdk.service.compute.State;
import com.databricks.sdk.service.compute.UnpinCluster;
import com.databricks.sdk.service.iam.PermissionLevel;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.databricksmcp.sandbox.auth.Principal;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.http.PageTokens;
import dev.databricksmcp.sandbox.http.Router;
import dev.databricksmcp.sandbox.permissions.AclObjectType;
import dev.databricksmcp.sandbox.permissions.ObjectAcls;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The Clusters API 2.1 (https://docs.databricks.com/api/clusters/v2/cluster.md): list, get, create,
 * edit, start, restart, delete (terminate), permanent-delete, resize, pin, unpin, events,
 * list-node-types, spark-versions.
 *
 * <p>Who may do what: every user may create a cluster (the sandbox's users all hold the
 * unrestricted-cluster-creation entitlement); the rest follows the cluster's ACL ({@link
 * ObjectAcls}, set through the Permissions API; its creator holds CAN_MANAGE, workspace admins hold
 * everything), as the compute ACLs page has it
 * (https://docs.databricks.com/en/security/auth/access-control/index.html): CAN_ATTACH_TO to see it
 * (get, list, events), CAN_RESTART to start and restart it, CAN_MANAGE to edit, resize, terminate
 * and permanently delete it. Pinning and unpinning are for workspace admins only (pin-cluster.md).
 */
public final class ClustersApi implements ApiModule {
  private static final String BASE = "/api/2.1/clusters";
  private static final int MAX_PAGE = 100;

  private final Clusters clusters;
  private final ClusterPolicies policies;
  private final InstancePools pools;
  private final ObjectAcls acls;

  public ClustersApi(
      Clusters clusters, ClusterPolicies policies, InstancePools pools, ObjectAcls acls) {
    this.clusters = clusters;
    this.policies = policies;
    this.pools = pools;
    this.acls = acls;
  }

  @Override
  public void register(Router router) {
    router.get(BASE + "/list", this::list);
    router.get(BASE + "/get", r -> visible(r, required(r.queryParam("cluster_id").orElse(null))));
    router.post(BASE + "/create", this::create);
    router.post(BASE + "/edit", this::edit);
    router.post(
        BASE + "/start",
        r -> {
          clusters.start(restartable(r, r.bodyAs(StartCluster.class).getClusterId()), user(r));
          return Map.of();
        });
    router.post(
        BASE + "/restart",
        r -> {
          clusters.restart(restartable(r, r.bodyAs(RestartCluster.class).getClusterId()), user(r));
          return Map.of();
        });
    router.post(
        BASE + "/delete",
        r -> {
          String id = managed(r, r.bodyAs(DeleteCluster.class).getClusterId());
          clusters.terminate(id, Clusters.byUser(user(r)));
          return Map.of();
        });
    router.post(
        BASE + "/permanent-delete",
        r -> {
          clusters.permanentlyDelete(
              managed(r, r.bodyAs(PermanentDeleteCluster.class).getClusterId()));
          return Map.of();
        });
    router.post(BASE + "/resize", this::resize);
    router.post(
        BASE + "/pin",
        r -> {
          clusters.pin(adminOnly(r, r.bodyAs(PinCluster.class).getClusterId()), true, user(r));
          return Map.of();
        });
    router.post(
        BASE + "/unpin",
        r -> {
          clusters.pin(adminOnly(r, r.bodyAs(UnpinCluster.class).getClusterId()), false, user(r));
          return Map.of();
        });
    router.post(BASE + "/events", r -> ClusterEventsPage.answer(r, clusters, this::visible));
    router.get(
        BASE + "/list-node-types",
        r -> new ListNodeTypesResponse().setNodeTypes(ComputeOfferings.nodeTypes()));
    router.get(
        BASE + "/spark-versions",
        r -> new GetSparkVersionsResponse().setVersions(ComputeOfferings.sparkVersions()));
  }

  private CreateClusterResponse create(ApiRequest r) {
    CreateCluster req = r.bodyAs(CreateCluster.class);
    ClusterDetails spec = underPolicy(req, req.getApplyPolicyDefaultValues());
    spec.setClusterSource(ClusterSource.API);
    requireValid(spec);
    return new CreateClusterResponse().setClusterId(clusters.create(spec, user(r)));
  }

  private Map<String, Object> edit(ApiRequest r) {
    EditCluster req = r.bodyAs(EditCluster.class);
    String id = managed(r, req.getClusterId());
    ClusterDetails spec = underPolicy(req, req.getApplyPolicyDefaultValues());
    requireValid(spec);
    clusters.edit(id, spec, user(r));
    return Map.of();
  }

  private Map<String, Object> resize(ApiRequest r) {
    ResizeCluster req = r.bodyAs(ResizeCluster.class);
    String id = managed(r, req.getClusterId());
    if (req.getNumWorkers() == null && req.getAutoscale() == null) {
      throw ApiException.invalid("Missing required field: num_workers or autoscale");
    }
    requireSize(req.getNumWorkers(), req.getAutoscale());
    clusters.resize(
        id, req.getAutoscale() == null ? req.getNumWorkers() : null, req.getAutoscale(), user(r));
    return Map.of();
  }

  /**
   * The request as a cluster, held to its policy ({@code policy_id}) when it names one: the
   * policy's fixed values written in, its defaults too with {@code apply_policy_default_values},
   * its violations refused ({@link PolicyRules}). An unknown policy is refused like an unknown
   * cluster: 400 INVALID_PARAMETER_VALUE.
   */
  private ClusterDetails underPolicy(Object request, Boolean applyDefaults) {
    ObjectNode body = Json.MAPPER.valueToTree(request);
    String policyId = body.path("policy_id").asText(null);
    if (policyId != null) {
      ObjectNode definition;
      try {
        definition = policies.definition(policyId);
      } catch (ApiException e) {
        throw ApiException.invalid("Cluster policy " + policyId + " does not exist.");
      }
      PolicyRules.apply(definition, body, Boolean.TRUE.equals(applyDefaults));
    }
    body.remove("apply_policy_default_values");
    body.remove("cluster_id");
    return Json.MAPPER.convertValue(body, ClusterDetails.class);
  }

  /**
   * What create-cluster.md (and edit-cluster.md, the same attributes) asks of a cluster: a {@code
   * spark_version} among the workspace's runtimes; a node type among its node types, or an active
   * instance pool whose node type the cluster takes; {@code num_workers} or {@code autoscale} (with
   * {@code max_workers} strictly greater than {@code min_workers}), or the single-node shape
   * ({@code is_single_node}); {@code autotermination_minutes} 0 or between 10 and 10000.
   */
  private void requireValid(ClusterDetails spec) {
    if (spec.getSparkVersion() == null || spec.getSparkVersion().isBlank()) {
      throw ApiException.invalid("Missing required field: spark_version");
    }
    if (!ComputeOfferings.isSparkVersion(spec.getSparkVersion())) {
      throw ApiException.invalid("Invalid spark version " + spec.getSparkVersion() + ".");
    }
    if (spec.getInstancePoolId() != null) {
      // the cluster's nodes come from the pool: its node type is the pool's, and so is the
      // driver's unless driver_instance_pool_id names another pool
      String node = pools.nodeTypeOf(spec.getInstancePoolId());
      if (spec.getNodeTypeId() != null && !spec.getNodeTypeId().equals(node)) {
        throw ApiException.invalid(
            "node_type_id "
                + spec.getNodeTypeId()
                + " differs from the node type "
                + node
                + " of instance pool "
                + spec.getInstancePoolId()
                + ".");
      }
      spec.setNodeTypeId(node);
      if (spec.getDriverInstancePoolId() == null) {
        spec.setDriverInstancePoolId(spec.getInstancePoolId());
      }
    }
    if (spec.getDriverInstancePoolId() != null) {
      if (spec.getInstancePoolId() == null) {
        throw ApiException.invalid("driver_instance_pool_id needs instance_pool_id.");
      }
      spec.setDriverNodeTypeId(pools.nodeTypeOf(spec.getDriverInstancePoolId()));
    }
    if (spec.getNodeTypeId() == null || spec.getNodeTypeId().isBlank()) {
      throw ApiException.invalid("Missing required field: node_type_id");
    }
    for (String node : new String[] {spec.getNodeTypeId(), spec.getDriverNodeTypeId()}) {
      if (node != null && ComputeOfferings.nodeType(node).isEmpty()) {
        throw ApiException.invalid("Node type " + node + " is not supported.");
      }
    }
    boolean singleNode = Boolean.TRUE.equals(spec.getIsSingleNode()) || singleNodeProfile(spec);
    if (spec.getAutoscale() != null) {
      if (spec.getNumWorkers() != null && spec.getNumWorkers() != 0) {
        throw ApiException.invalid("Only one of num_workers and autoscale may be set.");
      }
      spec.setNumWorkers(null);
    } else if (spec.getNumWorkers() == null) {
      if (!singleNode) {
        throw ApiException.invalid("Missing required field: num_workers or autoscale");
      }
      spec.setNumWorkers(0L);
    }
    requireSize(spec.getNumWorkers(), spec.getAutoscale());
    Long minutes = spec.getAutoterminationMinutes();
    if (minutes == null) {
      // "If not set, this cluster will not be automatically terminated."
      spec.setAutoterminationMinutes(0L);
    } else if (minutes != 0 && (minutes < 10 || minutes > 10000)) {
      throw ApiException.invalid(
          "autotermination_minutes must be 0 (no automatic termination) or between 10 and 10000.");
    }
    if (spec.getClusterName() == null) {
      // "If not specified at creation, the cluster name will be an empty string."
      spec.setClusterName("");
    }
  }

  private static boolean singleNodeProfile(ClusterDetails spec) {
    return spec.getSparkConf() != null
        && "singleNode".equals(spec.getSparkConf().get("spark.databricks.cluster.profile"));
  }

  private static void requireSize(Long numWorkers, AutoScale autoscale) {
    if (autoscale != null) {
      Long min = autoscale.getMinWorkers();
      Long max = autoscale.getMaxWorkers();
      if (min == null || max == null || min < 0 || max <= min) {
        throw ApiException.invalid(
            "autoscale needs min_workers >= 0 and max_workers strictly greater than min_workers.");
      }
    } else if (numWorkers != null && numWorkers < 0) {
      throw ApiException.invalid("num_workers must be 0 or more.");
    }
  }

  private ListClustersResponse list(ApiRequest r) {
    List<State> states = enums(r, "filter_by.cluster_states", State.class);
    List<ClusterSource> sources = enums(r, "filter_by.cluster_sources", ClusterSource.class);
    String pinned = r.queryParam("filter_by.is_pinned").orElse(null);
    String policy = r.queryParam("filter_by.policy_id").orElse(null);
    List<ClusterDetails> all = new ArrayList<>();
    Set<String> pinnedIds = clusters.pinnedIds();
    for (ClusterDetails c : clusters.list()) {
      if (acls.has(r.principal(), AclObjectType.CLUSTERS, c.getClusterId(), ATTACH)
          && (states.isEmpty() || states.contains(c.getState()))
          && (sources.isEmpty() || sources.contains(c.getClusterSource()))
          && (pinned == null
              || Boolean.parseBoolean(pinned) == pinnedIds.contains(c.getClusterId()))
          && (policy == null || policy.equals(c.getPolicyId()))) {
        all.add(c);
      }
    }
    String field = r.queryParam("sort_by.field").orElse("DEFAULT");
    boolean ascending =
        "ASC"
            .equalsIgnoreCase(
                r.queryParam("sort_by.direction")
                    .orElse("CLUSTER_NAME".equals(field) ? "ASC" : "DESC"));
    Comparator<ClusterDetails> order =
        "CLUSTER_NAME".equals(field)
            ? Comparator.comparing(c -> c.getClusterName().toLowerCase(Locale.ROOT))
            : Comparator.comparing(ClusterDetails::getStartTime);
    all.sort(ascending ? order : order.reversed());
    int size =
        r.intParam("page_size")
            .map(s -> s <= 0 ? MAX_PAGE : Math.min(s, MAX_PAGE))
            .orElse(all.size());
    int from = Math.min(r.queryParam("page_token").map(PageTokens::offset).orElse(0), all.size());
    int to = Math.min(all.size(), from + Math.max(size, 1));
    return new ListClustersResponse()
        .setClusters(all.subList(from, to))
        .setNextPageToken(to < all.size() ? PageTokens.of(to) : null)
        .setPrevPageToken(from > 0 ? PageTokens.of(Math.max(0, from - size)) : null);
  }

  private static <E extends Enum<E>> List<E> enums(ApiRequest r, String name, Class<E> type) {
    List<E> out = new ArrayList<>();
    for (String value : r.query().getOrDefault(name, List.of())) {
      try {
        out.add(Enum.valueOf(type, value));
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid("Invalid value for " + name + ": " + value);
      }
    }
    return out;
  }

  /** The cluster, when the caller may see it. */
  private ClusterDetails visible(ApiRequest r, String id) {
    ClusterDetails c = clusters.get(id);
    if (!acls.has(r.principal(), AclObjectType.CLUSTERS, id, ATTACH)) {
      throw ApiException.denied(
          "User "
              + r.principal().userName()
              + " does not have permission to view cluster "
              + id
              + ".");
    }
    return c;
  }

  /** The cluster's id, when the caller holds CAN_RESTART or more on it. */
  private String restartable(ApiRequest r, String id) {
    clusters.get(required(id));
    if (!acls.has(r.principal(), AclObjectType.CLUSTERS, id, PermissionLevel.CAN_RESTART)) {
      throw ApiException.denied(
          "User "
              + r.principal().userName()
              + " does not have Restart permissions on cluster "
              + id
              + ".");
    }
    return id;
  }

  /** The cluster's id, when the caller holds CAN_MANAGE on it. */
  private String managed(ApiRequest r, String id) {
    clusters.get(required(id));
    if (!acls.has(r.principal(), AclObjectType.CLUSTERS, id, PermissionLevel.CAN_MANAGE)) {
      throw ApiException.denied(
          "User "
              + r.principal().userName()
              + " does not have Manage permissions on cluster "
              + id
              + ".");
    }
    return id;
  }

  private String adminOnly(ApiRequest r, String id) {
    clusters.get(required(id));
    if (!r.principal().admin()) {
      throw ApiException.denied("Only workspace admins can pin or unpin clusters.");
    }
    return id;
  }

  private static final PermissionLevel ATTACH = PermissionLevel.CAN_ATTACH_TO;

  /**
   * Whether the caller created the cluster or is a workspace admin: what libraries and command
   * contexts still ask (they do not read the cluster's ACL yet).
   */
  static boolean mayManage(Principal p, ClusterDetails c) {
    return p.admin() || Objects.equals(p.userName(), c.getCreatorUserName());
  }

  private static String required(String id) {
    if (id == null || id.isBlank()) {
      throw ApiException.invalid("Missing required field: cluster_id");
    }
    return id;
  }

  private static String user(ApiRequest r) {
    return r.principal().userName();
  }
}
