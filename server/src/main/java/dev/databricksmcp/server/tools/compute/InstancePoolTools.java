package dev.databricksmcp.server.tools.compute;

import static dev.databricksmcp.server.tools.compute.ComputeParams.CUSTOM_TAGS;
import static dev.databricksmcp.server.tools.compute.ComputeParams.NODE_TYPE_ID;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.compute.ClusterDetails;
import com.databricks.sdk.service.compute.CreateInstancePool;
import com.databricks.sdk.service.compute.DeleteInstancePool;
import com.databricks.sdk.service.compute.EditInstancePool;
import com.databricks.sdk.service.compute.InstancePoolAndStats;
import dev.databricksmcp.server.core.ConfirmationTarget;
import dev.databricksmcp.server.core.Counted;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Params;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.patterns.Deletion;
import dev.databricksmcp.server.core.patterns.GivenFields;
import dev.databricksmcp.server.core.patterns.Listing;
import dev.databricksmcp.server.core.patterns.Lookup;
import dev.databricksmcp.server.core.patterns.WholeListPages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Instance pools: list, get, create, edit, delete. */
final class InstancePoolTools {
  static final Param<String> POOL_ID =
      Param.string("instance_pool_id", "Instance pool id, or its name (exact, any case)")
          .required();

  private static final Param<String> NAME = Param.string("name", "New pool name (unique)");

  private static final Param<Integer> MIN_IDLE =
      Param.integer(
              "min_idle_instances",
              "Idle instances the pool keeps ready ({min}-{max}; default {default}: none, no idle"
                  + " cost)")
          .range(0, 10_000)
          .withDefault(0);

  private static final Param<Integer> MAX_CAPACITY =
      Param.integer(
              "max_capacity",
              "Most instances, idle and used, the pool holds ({min}-{max}; default: no limit)")
          .range(1, 10_000);

  private static final Param<Integer> IDLE_MINUTES =
      Param.integer(
              "idle_instance_autotermination_minutes",
              "Minutes an instance beyond min_idle_instances stays idle before it is released"
                  + " ({min}-{max}; default {default})")
          .range(0, 10_000)
          .withDefault(60);

  private static final Param<List<String>> PRELOADED =
      Param.stringList(
          "preloaded_spark_versions", "Runtime keys (list_spark_versions) preloaded on idle nodes");

  /** What edit_instance_pool changes: only what the caller gave, over the pool's current spec. */
  private static final GivenFields<EditInstancePool> CHANGES =
      GivenFields.<EditInstancePool>of()
          .field(NAME, EditInstancePool::setInstancePoolName)
          .field(
              NODE_TYPE_ID.describedAs("New node type (list_node_types)"),
              EditInstancePool::setNodeTypeId)
          .field(
              MIN_IDLE.optional().describedAs("Idle instances to keep ready"),
              (r, v) -> r.setMinIdleInstances((long) v))
          .field(
              MAX_CAPACITY.describedAs("Most instances, idle and used"),
              (r, v) -> r.setMaxCapacity((long) v))
          .field(
              IDLE_MINUTES.optional().describedAs("Minutes before an extra idle instance goes"),
              (r, v) -> r.setIdleInstanceAutoterminationMinutes((long) v))
          .field(
              CUSTOM_TAGS.describedAs("Custom tags (replace the current ones)"),
              (r, v) -> r.setCustomTags(Params.textValues(v)));

  private InstancePoolTools() {}

  static List<ToolDef> definitions() {
    return List.of(list(), get(), create(), edit(), delete());
  }

  static ToolDef list() {
    Listing<InstancePoolAndStats> listing =
        Listing.<InstancePoolAndStats>of(
                "instance pools",
                (page, args, ctx) ->
                    WholeListPages.of(InstancePoolCalls.list(ctx.workspace()), page))
            .compact(InstancePoolRows::row, InstancePoolRows::detail);
    return ToolDef.builder(ComputeToolset.ID, "list_instance_pools")
        .title("List instance pools")
        .description(
            "Instance pools (ready cloud instances clusters start from): instance_pool_id, name,"
                + " state, node type, min idle, max capacity, idle and used counts. detail=true"
                + " adds the fields of get_instance_pool. Other tools take a pool by id or name.")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  static ToolDef get() {
    Lookup<InstancePoolAndStats> lookup =
        Lookup.of(
                POOL_ID,
                (key, ctx) ->
                    InstancePoolCalls.get(
                        ctx.workspace(), InstancePoolCalls.resolve(ctx.workspace(), key)),
                p -> {
                  Map<String, Object> row = InstancePoolRows.row(p);
                  return "Instance pool "
                      + name(p)
                      + " is "
                      + p.getState()
                      + ": "
                      + row.get("idle_count")
                      + " idle, "
                      + row.get("used_count")
                      + " used.";
                })
            .shape(InstancePoolRows::detail);
    return ToolDef.builder(ComputeToolset.ID, "get_instance_pool")
        .title("Get instance pool")
        .description(
            "One instance pool (by id or name): the fields of list_instance_pools, then pending"
                + " counts, idle auto-termination, creator, custom tags, preloaded runtimes.")
        .input(lookup.input())
        .hints(ToolHints.read())
        .handler(lookup)
        .build();
  }

  static ToolDef create() {
    Param<String> name = NAME.required().describedAs("Pool name (unique, 1-100 characters)");
    Param<String> node = NODE_TYPE_ID.required();
    return ToolDef.builder(ComputeToolset.ID, "create_instance_pool")
        .title("Create instance pool")
        .description(
            "Create an instance pool of one node type, for clusters to start from. Idle instances"
                + " cost money: by default none are kept (min_idle_instances 0), there is no"
                + " capacity limit and an extra idle instance is released after 60 minutes (the"
                + " message says what was chosen).")
        .input(Schema.of(name, node, MIN_IDLE, MAX_CAPACITY, IDLE_MINUTES, CUSTOM_TAGS, PRELOADED))
        .hints(ToolHints.write(false))
        .checkWith("list_instance_pools")
        .handler(
            (args, ctx) -> {
              WorkspaceClient w = ctx.workspace();
              CreateInstancePool req =
                  new CreateInstancePool()
                      .setInstancePoolName(name.of(args))
                      .setNodeTypeId(node.of(args))
                      .setMinIdleInstances((long) MIN_IDLE.of(args))
                      .setIdleInstanceAutoterminationMinutes((long) IDLE_MINUTES.of(args));
              MAX_CAPACITY.optional(args).ifPresent(v -> req.setMaxCapacity((long) v));
              CUSTOM_TAGS.optional(args).ifPresent(v -> req.setCustomTags(Params.textValues(v)));
              PRELOADED.optional(args).ifPresent(req::setPreloadedSparkVersions);
              List<String> chose = new ArrayList<>();
              if (!MIN_IDLE.given(args)) {
                chose.add("no idle instances kept");
              }
              if (!MAX_CAPACITY.given(args)) {
                chose.add("no capacity limit");
              }
              if (!IDLE_MINUTES.given(args)) {
                chose.add("extra idle instances released after " + IDLE_MINUTES.of(args) + " min");
              }
              String id = w.instancePools().create(req).getInstancePoolId();
              String said =
                  "Created instance pool '"
                      + req.getInstancePoolName()
                      + "' ("
                      + id
                      + ")"
                      + (chose.isEmpty() ? "" : " with " + String.join(", ", chose))
                      + ". Clusters use it with instance_pool_id.";
              InstancePoolAndStats created;
              try {
                created = InstancePoolCalls.get(w, id);
              } catch (RuntimeException e) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("instance_pool_id", id);
                data.put("name", req.getInstancePoolName());
                return ToolResult.of(
                    data, said + " Reading it back failed; get_instance_pool shows it.");
              }
              return ToolResult.of(InstancePoolRows.detail(created), said);
            })
        .build();
  }

  static ToolDef edit() {
    return ToolDef.builder(ComputeToolset.ID, "edit_instance_pool")
        .title("Edit instance pool")
        .description(
            "Change an instance pool's name, node type, min idle instances, max capacity, idle"
                + " auto-termination or custom tags; unspecified settings stay as they are.")
        .input(Schema.of(POOL_ID).params(CHANGES.params()))
        .hints(ToolHints.write(true))
        .checkWith("get_instance_pool")
        .handler(
            (args, ctx) -> {
              CHANGES.requireAny(args);
              WorkspaceClient w = ctx.workspace();
              String id = InstancePoolCalls.resolve(w, POOL_ID.of(args));
              InstancePoolAndStats current = InstancePoolCalls.get(w, id);
              // the edit API needs name and node type and replaces the limits: today's, then
              // the ones given
              EditInstancePool req = CHANGES.apply(args, currentSpec(current));
              InstancePoolCalls.run(id, () -> w.instancePools().edit(req));
              String said =
                  "Edited instance pool '"
                      + req.getInstancePoolName()
                      + "' ("
                      + id
                      + "): "
                      + String.join(", ", CHANGES.given(args))
                      + ".";
              InstancePoolAndStats updated;
              try {
                updated = InstancePoolCalls.get(w, id);
              } catch (RuntimeException e) {
                return ToolResult.of(
                    InstancePoolRows.detail(current),
                    said + " Reading it back failed: these are the settings before the edit.");
              }
              return ToolResult.of(InstancePoolRows.detail(updated), said);
            })
        .build();
  }

  /** The pool's current spec as an edit request: every setting the edit would otherwise drop. */
  private static EditInstancePool currentSpec(InstancePoolAndStats p) {
    return new EditInstancePool()
        .setInstancePoolId(p.getInstancePoolId())
        .setInstancePoolName(p.getInstancePoolName())
        .setNodeTypeId(p.getNodeTypeId())
        .setMinIdleInstances(p.getMinIdleInstances())
        .setMaxCapacity(p.getMaxCapacity())
        .setIdleInstanceAutoterminationMinutes(p.getIdleInstanceAutoterminationMinutes())
        .setCustomTags(p.getCustomTags())
        .setRemoteDiskThroughput(p.getRemoteDiskThroughput())
        .setTotalInitialRemoteDiskSize(p.getTotalInitialRemoteDiskSize());
  }

  /** A pool and the clusters drawing from it, resolved once for the confirmation and the act. */
  private record Doomed(InstancePoolAndStats pool, List<ClusterDetails> users) {}

  static ToolDef delete() {
    Deletion<Doomed> deletion =
        Deletion.of(
            (args, ctx) -> {
              WorkspaceClient w = ctx.workspace();
              InstancePoolAndStats p =
                  InstancePoolCalls.get(w, InstancePoolCalls.resolve(w, POOL_ID.of(args)));
              return new Doomed(p, InstancePoolCalls.clustersUsing(w, p.getInstancePoolId()));
            },
            (d, args, ctx) ->
                ConfirmationTarget.irreversible(
                    "delete instance pool "
                        + name(d.pool())
                        + " ("
                        + d.pool().getNodeTypeId()
                        + "; its idle instances are terminated"
                        + (d.users().isEmpty()
                            ? ""
                            : "; "
                                + Counted.of(d.users().size(), "cluster", "clusters")
                                + " not terminated use it: "
                                + d.users().stream()
                                    .map(ClusterStateTools::name)
                                    .collect(Collectors.joining(", ")))
                        + ") in "
                        + ctx.workspaceHost(),
                    d.pool().getInstancePoolId() + "|" + d.pool().getInstancePoolName()),
            (d, args, ctx) -> {
              String id = d.pool().getInstancePoolId();
              InstancePoolCalls.run(
                  id,
                  () ->
                      ctx.workspace()
                          .instancePools()
                          .delete(new DeleteInstancePool().setInstancePoolId(id)));
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("instance_pool_id", id);
              data.put("name", d.pool().getInstancePoolName());
              data.put("deleted", true);
              return ToolResult.of(data, "Deleted instance pool " + name(d.pool()) + ".");
            });
    return ToolDef.builder(ComputeToolset.ID, "delete_instance_pool")
        .title("Delete instance pool")
        .description(
            "Delete an instance pool for good: its idle instances are terminated and it leaves"
                + " list_instance_pools. The confirmation names the clusters that use it.")
        .input(Schema.of(POOL_ID))
        .hints(ToolHints.destructive(true))
        .checkWith("list_instance_pools")
        .confirmTarget(deletion)
        .handler(deletion)
        .build();
  }

  static String name(InstancePoolAndStats p) {
    return "'" + p.getInstancePoolName() + "' (" + p.getInstancePoolId() + ")";
  }
}
