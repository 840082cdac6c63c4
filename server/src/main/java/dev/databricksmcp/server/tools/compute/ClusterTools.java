package dev.databricksmcp.server.tools.compute;

import static dev.databricksmcp.server.tools.compute.ComputeParams.AUTOTERMINATION;
import static dev.databricksmcp.server.tools.compute.ComputeParams.CLUSTER_ID;
import static dev.databricksmcp.server.tools.compute.ComputeParams.CUSTOM_TAGS;
import static dev.databricksmcp.server.tools.compute.ComputeParams.NODE_TYPE_ID;
import static dev.databricksmcp.server.tools.compute.ComputeParams.NUM_WORKERS;
import static dev.databricksmcp.server.tools.compute.ComputeParams.SPARK_CONF;
import static dev.databricksmcp.server.tools.compute.ComputeParams.SPARK_VERSION;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.service.compute.ClusterDetails;
import com.databricks.sdk.service.compute.EditCluster;
import com.databricks.sdk.service.compute.ListClustersFilterBy;
import com.databricks.sdk.service.compute.ListClustersRequest;
import com.databricks.sdk.service.compute.ListClustersResponse;
import com.databricks.sdk.service.compute.PermanentDeleteCluster;
import com.databricks.sdk.service.compute.PinCluster;
import com.databricks.sdk.service.compute.State;
import com.databricks.sdk.service.compute.UnpinCluster;
import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.ConfirmationTarget;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Params;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.patterns.Deletion;
import dev.databricksmcp.server.core.patterns.GivenFields;
import dev.databricksmcp.server.core.patterns.Listing;
import dev.databricksmcp.server.core.patterns.Lookup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Clusters: list, get, create, edit, pin, unpin, delete permanently. */
final class ClusterTools {
  private static final Param<String> STATE =
      Param.choice(
          "state",
          "Only clusters in this state",
          Arrays.stream(State.values()).map(State::name).toList());

  private static final Param<String> NAME_CONTAINS =
      Param.string("name_contains", "Only clusters whose name contains this text (any case)");

  private static final Param<String> CREATOR =
      Param.string("creator", "Only clusters created by this user (user name, any case)");

  static final Param<String> NAME = Param.string("name", "New cluster name");

  /** Pages of the API read to fill one filtered page before handing back the token. */
  private static final int MAX_FILTERED_PAGES = 20;

  /** The documented single-node shape (spark_conf and custom_tags) of a driver-only cluster. */
  static final Map<String, String> SINGLE_NODE_CONF =
      Map.of("spark.databricks.cluster.profile", "singleNode", "spark.master", "local[*]");

  static final Map<String, String> SINGLE_NODE_TAGS = Map.of("ResourceClass", "SingleNode");

  /** What edit_cluster changes: only what the caller gave, over the cluster's current spec. */
  private static final GivenFields<EditCluster> CHANGES =
      GivenFields.<EditCluster>of()
          .field(NAME, EditCluster::setClusterName)
          .field(
              SPARK_VERSION.describedAs("New runtime key (list_spark_versions)"),
              EditCluster::setSparkVersion)
          .field(
              NODE_TYPE_ID.describedAs("New node type (list_node_types)"),
              EditCluster::setNodeTypeId)
          .field(
              NUM_WORKERS.describedAs("New fixed number of workers (replaces autoscaling)"),
              ClusterTools::setWorkers)
          .field(
              AUTOTERMINATION.optional().describedAs("Idle minutes before terminating (0 = never)"),
              (r, v) -> r.setAutoterminationMinutes((long) v))
          .field(
              CUSTOM_TAGS.describedAs("Custom tags (replace the current ones)"),
              (r, v) -> r.setCustomTags(Params.textValues(v)))
          .field(
              SPARK_CONF.describedAs("Spark configuration (replaces the current one)"),
              (r, v) -> r.setSparkConf(Params.textValues(v)));

  private ClusterTools() {}

  static List<ToolDef> definitions() {
    return List.of(
        list(),
        get(),
        ClusterCreateTool.create(),
        edit(),
        deletePermanently(),
        pin(true),
        pin(false));
  }

  static ToolDef list() {
    Listing<Map<String, Object>> listing =
        Listing.<Map<String, Object>>of("clusters", ClusterTools::page)
            .params(STATE, NAME_CONTAINS, CREATOR, Params.DETAIL)
            .rows(row -> row);
    return ToolDef.builder(ComputeToolset.ID, "list_clusters")
        .title("List clusters")
        .description(
            "All-purpose and job clusters you can see, newest first: cluster_id, name, state,"
                + " node type, workers or autoscale, runtime, creator, auto-termination, start"
                + " time. Filter by state, name_contains or creator; detail=true adds the fields of"
                + " get_cluster. Other tools take a cluster by id or name.")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  /**
   * One page: the state filter goes to the API; the name and creator filters are applied here, so
   * pages are read on until one holds a match (or the API has no more), and the API's token is
   * handed back: nothing is skipped.
   */
  private static Listing.Page<Map<String, Object>> page(
      Listing.Request page, Args args, ToolContext ctx) {
    String state = STATE.optional(args).orElse(null);
    String nameFilter = NAME_CONTAINS.optional(args).map(ClusterTools::lower).orElse(null);
    String creator = CREATOR.optional(args).map(ClusterTools::lower).orElse(null);
    boolean detail = Params.DETAIL.of(args);
    List<Map<String, Object>> rows = new ArrayList<>();
    String token = page.pageToken();
    int pages = 0;
    do {
      ListClustersRequest req =
          new ListClustersRequest().setPageSize((long) page.maxResults()).setPageToken(token);
      if (state != null) {
        req.setFilterBy(new ListClustersFilterBy().setClusterStates(List.of(State.valueOf(state))));
      }
      ListClustersResponse r = ctx.workspace().clusters().impl().list(req);
      if (r.getClusters() != null) {
        for (ClusterDetails c : r.getClusters()) {
          if ((nameFilter == null || lower(c.getClusterName()).contains(nameFilter))
              && (creator == null || lower(c.getCreatorUserName()).equals(creator))) {
            rows.add(detail ? ClusterRows.detail(c) : ClusterRows.row(c));
          }
        }
      }
      token =
          r.getNextPageToken() == null || r.getNextPageToken().isEmpty()
              ? null
              : r.getNextPageToken();
    } while (rows.isEmpty()
        && token != null
        && (nameFilter != null || creator != null)
        && ++pages < MAX_FILTERED_PAGES);
    return Listing.Page.of(rows, token);
  }

  static ToolDef get() {
    Lookup<ClusterDetails> lookup =
        Lookup.of(
                CLUSTER_ID,
                (key, ctx) ->
                    ClusterCalls.get(
                        ctx.workspace(),
                        ClusterCalls.resolve(ctx.workspace(), CLUSTER_ID.name(), key)),
                c ->
                    "Cluster "
                        + ClusterStateTools.name(c)
                        + " is "
                        + c.getState()
                        + (c.getState() == State.TERMINATED && c.getTerminationReason() != null
                            ? ": "
                                + ClusterRows.terminationWords(
                                    c.getTerminationReason(), c.getTerminatedTime())
                                + "."
                            : "."))
            .shape(ClusterRows::detail);
    return ToolDef.builder(ComputeToolset.ID, "get_cluster")
        .title("Get cluster")
        .description(
            "One cluster (by id or name): the fields of list_clusters, then why it terminated in"
                + " words (who or what, when, the code), state message, single node, access mode,"
                + " policy, pool, cores, memory, spark_conf and custom_tags.")
        .input(lookup.input())
        .hints(ToolHints.read())
        .handler(lookup)
        .build();
  }

  static ToolDef edit() {
    return ToolDef.builder(ComputeToolset.ID, "edit_cluster")
        .title("Edit cluster")
        .description(
            "Change a cluster's name, runtime, node type, workers, auto-termination, tags or Spark"
                + " configuration; unspecified settings stay as they are. A running cluster"
                + " restarts to apply the change (running work is lost); use resize_cluster to"
                + " change only its size without a restart.")
        .input(Schema.of(CLUSTER_ID).params(CHANGES.params()))
        .hints(ToolHints.write(true))
        .checkWith("get_cluster")
        .handler(
            (args, ctx) -> {
              CHANGES.requireAny(args);
              WorkspaceClient w = ctx.workspace();
              String id = ClusterCalls.resolve(w, CLUSTER_ID.name(), CLUSTER_ID.of(args));
              ClusterDetails current = ClusterCalls.get(w, id);
              // the edit API replaces the whole spec: today's values, then the ones given
              EditCluster req = CHANGES.apply(args, currentSpec(current));
              try {
                ClusterCalls.run(id, () -> w.clusters().impl().edit(req));
              } catch (DatabricksError e) {
                // the whole spec is sent, so the cluster's policy is checked again
                throw current.getPolicyId() == null
                    ? e
                    : PolicyViolations.of(
                            e,
                            current.getPolicyId(),
                            CHANGES.params().stream().map(Param::name).collect(Collectors.toSet()),
                            CLUSTER_ID.name())
                        .<RuntimeException>map(v -> v)
                        .orElse(e);
              }
              ctx.track(ClusterStateTools.handle(id));
              ClusterDetails updated;
              try {
                updated = ClusterCalls.get(w, id);
              } catch (RuntimeException e) {
                return ClusterStateTools.stateUnknown(
                    id, current, "Edited cluster " + id + ", but reading it back failed", e);
              }
              boolean restarts = current.getState() == State.RUNNING;
              return ToolResult.of(
                  ClusterRows.detail(updated),
                  "Edited cluster "
                      + ClusterStateTools.name(updated)
                      + " ("
                      + String.join(", ", CHANGES.given(args))
                      + ")"
                      + (restarts
                          ? "; it restarts to apply the change (now " + updated.getState() + ")."
                          : "."));
            })
        .build();
  }

  /**
   * A fixed size in an edit: workers, no autoscaling, and the single-node shape (spark_conf and
   * custom_tags) added for 0 workers and taken away for more, as Databricks documents it.
   */
  private static void setWorkers(EditCluster r, int workers) {
    r.setNumWorkers((long) workers).setAutoscale(null);
    Map<String, String> conf =
        new LinkedHashMap<>(r.getSparkConf() == null ? Map.of() : r.getSparkConf());
    Map<String, String> tags =
        new LinkedHashMap<>(r.getCustomTags() == null ? Map.of() : r.getCustomTags());
    if (workers == 0) {
      conf.putAll(SINGLE_NODE_CONF);
      tags.putAll(SINGLE_NODE_TAGS);
    } else {
      SINGLE_NODE_CONF.keySet().forEach(conf::remove);
      SINGLE_NODE_TAGS.keySet().forEach(tags::remove);
      r.setIsSingleNode(null);
    }
    r.setSparkConf(conf.isEmpty() ? null : conf).setCustomTags(tags.isEmpty() ? null : tags);
  }

  /** The cluster's current spec as an edit request: every setting the edit would otherwise drop. */
  private static EditCluster currentSpec(ClusterDetails c) {
    return new EditCluster()
        .setClusterId(c.getClusterId())
        .setClusterName(c.getClusterName())
        .setSparkVersion(c.getSparkVersion())
        .setNodeTypeId(c.getNodeTypeId())
        .setDriverNodeTypeId(c.getDriverNodeTypeId())
        .setNumWorkers(c.getAutoscale() == null ? c.getNumWorkers() : null)
        .setAutoscale(c.getAutoscale())
        .setAutoterminationMinutes(c.getAutoterminationMinutes())
        .setSparkConf(c.getSparkConf())
        .setSparkEnvVars(c.getSparkEnvVars())
        .setCustomTags(c.getCustomTags())
        .setDataSecurityMode(c.getDataSecurityMode())
        .setSingleUserName(c.getSingleUserName())
        .setRuntimeEngine(c.getRuntimeEngine())
        .setPolicyId(c.getPolicyId())
        .setInstancePoolId(c.getInstancePoolId())
        .setDriverInstancePoolId(c.getDriverInstancePoolId())
        .setAwsAttributes(c.getAwsAttributes())
        .setAzureAttributes(c.getAzureAttributes())
        .setGcpAttributes(c.getGcpAttributes())
        .setClusterLogConf(c.getClusterLogConf())
        .setInitScripts(c.getInitScripts())
        .setSshPublicKeys(c.getSshPublicKeys())
        .setDockerImage(c.getDockerImage())
        .setEnableElasticDisk(c.getEnableElasticDisk())
        .setEnableLocalDiskEncryption(c.getEnableLocalDiskEncryption())
        .setIsSingleNode(c.getIsSingleNode())
        .setKind(c.getKind())
        .setUseMlRuntime(c.getUseMlRuntime())
        .setWorkloadType(c.getWorkloadType());
  }

  static ToolDef deletePermanently() {
    Deletion<ClusterDetails> deletion =
        Deletion.of(
            (args, ctx) ->
                ClusterCalls.get(
                    ctx.workspace(),
                    ClusterCalls.resolve(ctx.workspace(), CLUSTER_ID.name(), CLUSTER_ID.of(args))),
            (c, args, ctx) ->
                new ConfirmationTarget(
                    "permanently delete cluster '"
                        + c.getClusterName()
                        + "' ("
                        + c.getClusterId()
                        + ", "
                        + c.getState()
                        + (c.getState() == State.TERMINATED ? "" : ", its running work is lost")
                        + "; its configuration, libraries and logs cannot be recovered) in "
                        + ctx.workspaceHost(),
                    c.getClusterId() + "|" + c.getClusterName() + "|" + c.getCreatorUserName()),
            (c, args, ctx) -> {
              ClusterCalls.run(
                  c.getClusterId(),
                  () ->
                      ctx.workspace()
                          .clusters()
                          .impl()
                          .permanentDelete(
                              new PermanentDeleteCluster().setClusterId(c.getClusterId())));
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("cluster_id", c.getClusterId());
              data.put("name", c.getClusterName());
              data.put("deleted", true);
              return ToolResult.of(
                  data, "Permanently deleted cluster " + ClusterStateTools.name(c) + ".");
            });
    return ToolDef.builder(ComputeToolset.ID, "delete_cluster_permanently")
        .title("Delete cluster permanently")
        .description(
            "Delete a cluster for good (terminating it first if it runs): its configuration cannot"
                + " be recovered and it leaves list_clusters. To only stop it: terminate_cluster.")
        .input(Schema.of(CLUSTER_ID))
        .hints(ToolHints.destructive(true))
        .checkWith("list_clusters")
        .confirmTarget(deletion)
        .handler(deletion)
        .build();
  }

  static ToolDef pin(boolean pin) {
    String verb = pin ? "pin" : "unpin";
    return ToolDef.builder(ComputeToolset.ID, verb + "_cluster")
        .title(pin ? "Pin cluster" : "Unpin cluster")
        .description(
            pin
                ? "Pin a cluster (admins only) so its configuration is kept in the list even 30"
                    + " days after it terminated."
                : "Unpin a pinned cluster (admins only): it leaves the list 30 days after it"
                    + " terminated, as other clusters do.")
        .input(Schema.of(CLUSTER_ID))
        .hints(ToolHints.write(true))
        .checkWith("get_cluster")
        .handler(
            ClusterStateTools.resolving(
                (args, ctx) -> {
                  String id = CLUSTER_ID.of(args);
                  ClusterCalls.run(
                      id,
                      () -> {
                        if (pin) {
                          ctx.workspace().clusters().impl().pin(new PinCluster().setClusterId(id));
                        } else {
                          ctx.workspace()
                              .clusters()
                              .impl()
                              .unpin(new UnpinCluster().setClusterId(id));
                        }
                      });
                  Map<String, Object> data = new LinkedHashMap<>();
                  data.put("cluster_id", id);
                  data.put("pinned", pin);
                  return ToolResult.of(
                      data, (pin ? "Pinned" : "Unpinned") + " cluster " + id + ".");
                }))
        .build();
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }
}
