package dev.databricksmcp.server.tools.sql;

import static dev.databricksmcp.server.tools.sql.SqlParams.WAIT_SECONDS;
import static dev.databricksmcp.server.tools.sql.SqlParams.WAREHOUSE_ID;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.sql.CreateWarehouseRequest;
import com.databricks.sdk.service.sql.CreateWarehouseRequestWarehouseType;
import com.databricks.sdk.service.sql.DeleteWarehouseRequest;
import com.databricks.sdk.service.sql.EditWarehouseRequest;
import com.databricks.sdk.service.sql.EndpointInfo;
import com.databricks.sdk.service.sql.GetWarehouseRequest;
import com.databricks.sdk.service.sql.GetWarehouseResponse;
import com.databricks.sdk.service.sql.ListWarehousesRequest;
import com.databricks.sdk.service.sql.ListWarehousesResponse;
import com.databricks.sdk.service.sql.StartRequest;
import com.databricks.sdk.service.sql.State;
import com.databricks.sdk.service.sql.StopRequest;
import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.ConfirmationTarget;
import dev.databricksmcp.server.core.ErrorMapper;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolHandler;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.WorkHandle;
import dev.databricksmcp.server.core.patterns.Deletion;
import dev.databricksmcp.server.core.patterns.GivenFields;
import dev.databricksmcp.server.core.patterns.Listing;
import dev.databricksmcp.server.core.patterns.Lookup;
import dev.databricksmcp.server.core.patterns.StateChange;
import dev.databricksmcp.server.core.wait.Waited;
import dev.databricksmcp.server.core.wait.Waiter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SQL warehouses: list, get, create, update, start and stop (bounded wait), delete. */
public final class WarehouseTools {
  private static final Param<String> NAME = Param.string("name", "New name");

  private static final Param<String> SIZE =
      Param.string("cluster_size", "2X-Small, X-Small, Small, Medium, Large, … (default {default})")
          .withDefault("Small");

  private static final Param<Integer> AUTO_STOP =
      Param.integer(
              "auto_stop_mins", "Stop after this many idle minutes (default {default}; 0 = never)")
          .range(0, 10_000)
          .withDefault(10);

  private static final Param<Integer> MAX_CLUSTERS =
      Param.integer("max_num_clusters", "Upper bound for scaling (default {default})")
          .range(1, 40)
          .withDefault(1);

  private static final Param<Boolean> SERVERLESS =
      Param.bool("enable_serverless_compute", "Serverless (starts in seconds; default {default})")
          .withDefault(true);

  /** What update_warehouse changes: only what the caller gave, the rest stays as it is. */
  private static final GivenFields<EditWarehouseRequest> CHANGES =
      GivenFields.<EditWarehouseRequest>of()
          .field(NAME, EditWarehouseRequest::setName)
          .field(SIZE.optional().describedAs("New size"), EditWarehouseRequest::setClusterSize)
          .field(
              AUTO_STOP.optional().describedAs("Idle minutes before stopping (0 = never)"),
              (r, v) -> r.setAutoStopMins((long) v))
          .field(
              MAX_CLUSTERS.optional().describedAs("Upper bound for scaling"),
              (r, v) -> r.setMaxNumClusters((long) v));

  private WarehouseTools() {}

  public static List<ToolDef> definitions() {
    return List.of(list(), get(), create(), update(), start(), stop(), delete());
  }

  static ToolDef list() {
    Listing<EndpointInfo> listing =
        Listing.of(
                "warehouses",
                (page, args, ctx) -> {
                  ListWarehousesResponse r =
                      ctx.workspace()
                          .warehouses()
                          .impl()
                          .list(
                              new ListWarehousesRequest()
                                  .setPageSize((long) page.maxResults())
                                  .setPageToken(page.pageToken()));
                  return Listing.Page.of(r.getWarehouses(), r.getNextPageToken());
                })
            .rows(WarehouseRows::row);
    return ToolDef.builder(SqlToolset.ID, "list_warehouses")
        .title("List SQL warehouses")
        .description(
            "SQL warehouses: id, name, state, size, type, serverless, auto-stop. Other tools take"
                + " a warehouse by id or name.")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  /** A warehouse as the API has it now. */
  private static GetWarehouseResponse read(ToolContext ctx, String id) {
    return ctx.workspace().warehouses().get(new GetWarehouseRequest().setId(id));
  }

  /** The id of the warehouse the call names by id or by name ({@link WarehouseResolver}). */
  private static String id(Args args, ToolContext ctx) {
    return WarehouseResolver.resolve(ctx.workspace(), WAREHOUSE_ID.name(), WAREHOUSE_ID.of(args));
  }

  /** A handler that gets the call's arguments with warehouse_id resolved to an id. */
  private static ToolHandler resolving(ToolHandler handler) {
    return (args, ctx) ->
        handler.handle(WarehouseResolver.resolved(args, ctx.workspace(), WAREHOUSE_ID.name()), ctx);
  }

  static ToolDef get() {
    Lookup<GetWarehouseResponse> lookup =
        Lookup.of(
                WAREHOUSE_ID,
                (key, ctx) ->
                    read(ctx, WarehouseResolver.resolve(ctx.workspace(), WAREHOUSE_ID.name(), key)),
                w -> "Warehouse " + w.getName() + " is " + w.getState() + ".")
            .shape(WarehouseRows::detail);
    return ToolDef.builder(SqlToolset.ID, "get_warehouse")
        .title("Get SQL warehouse")
        .description(
            "One SQL warehouse (by id or name): the fields of list_warehouses, then scaling,"
                + " active sessions, creator, channel, health and connection details.")
        .input(lookup.input())
        .hints(ToolHints.read())
        .handler(lookup)
        .build();
  }

  static ToolDef create() {
    return ToolDef.builder(SqlToolset.ID, "create_warehouse")
        .title("Create SQL warehouse")
        .description(
            "Create a SQL warehouse (it starts right away and costs money while running). Returns"
                + " its id and state.")
        .input(
            Schema.of(
                NAME.required().describedAs("Warehouse name"),
                SIZE,
                AUTO_STOP,
                MAX_CLUSTERS,
                SERVERLESS))
        .hints(ToolHints.write(false))
        .checkWith("list_warehouses")
        .handler(
            (args, ctx) -> {
              CreateWarehouseRequest req =
                  new CreateWarehouseRequest()
                      .setName(NAME.of(args))
                      .setClusterSize(SIZE.of(args))
                      .setAutoStopMins((long) AUTO_STOP.of(args))
                      .setMinNumClusters(1L)
                      .setMaxNumClusters((long) MAX_CLUSTERS.of(args))
                      .setEnableServerlessCompute(SERVERLESS.of(args))
                      .setWarehouseType(CreateWarehouseRequestWarehouseType.PRO);
              String id = ctx.workspace().warehouses().create(req).getResponse().getId();
              ctx.track(handle(id));
              GetWarehouseResponse w;
              try {
                w = ctx.workspace().warehouses().get(new GetWarehouseRequest().setId(id));
              } catch (RuntimeException e) {
                return stateUnknown(
                    id, null, "Created warehouse " + id + ", but reading it back failed", e);
              }
              return ToolResult.of(
                  WarehouseRows.detail(w),
                  "Created warehouse " + id + "; it is " + w.getState() + ".");
            })
        .build();
  }

  static ToolDef update() {
    return ToolDef.builder(SqlToolset.ID, "update_warehouse")
        .title("Update SQL warehouse")
        .description(
            "Change a SQL warehouse's name, size, auto-stop or scaling; unspecified settings stay"
                + " as they are.")
        .input(Schema.of(WAREHOUSE_ID).params(CHANGES.params()))
        .hints(ToolHints.write(true))
        .checkWith("get_warehouse")
        .handler(
            (args, ctx) -> {
              String id = id(args, ctx);
              WorkspaceClient w = ctx.workspace();
              GetWarehouseResponse current =
                  w.warehouses().get(new GetWarehouseRequest().setId(id));
              // the edit API replaces every setting: today's values, then the ones given
              EditWarehouseRequest req =
                  CHANGES.apply(
                      args,
                      new EditWarehouseRequest()
                          .setId(id)
                          .setName(current.getName())
                          .setClusterSize(current.getClusterSize())
                          .setAutoStopMins(current.getAutoStopMins())
                          .setMaxNumClusters(current.getMaxNumClusters())
                          .setMinNumClusters(current.getMinNumClusters())
                          .setEnableServerlessCompute(current.getEnableServerlessCompute()));
              w.warehouses().edit(req);
              ctx.track(handle(id));
              GetWarehouseResponse updated;
              try {
                updated = w.warehouses().get(new GetWarehouseRequest().setId(id));
              } catch (RuntimeException e) {
                return stateUnknown(
                    id, current, "Updated warehouse " + id + ", but reading it back failed", e);
              }
              return ToolResult.of(WarehouseRows.detail(updated), "Updated warehouse " + id + ".");
            })
        .build();
  }

  static ToolDef start() {
    StateChange change =
        StateChange.of(
                "start warehouse",
                WAREHOUSE_ID,
                (id, ctx) -> ctx.workspace().warehouses().start(new StartRequest().setId(id)))
            .tracking(WarehouseTools::handle)
            .awaiting(WAIT_SECONDS, (id, wait, ctx) -> awaitState(id, wait, ctx, true));
    return ToolDef.builder(SqlToolset.ID, "start_warehouse")
        .title("Start SQL warehouse")
        .description(
            WAIT_SECONDS.fill(
                "Start a SQL warehouse and wait up to wait_seconds (default {default}) for"
                    + " RUNNING; returns the state reached."))
        .input(change.input())
        .hints(ToolHints.write(true))
        .checkWith("get_warehouse")
        .handler(resolving(change))
        .build();
  }

  static ToolDef stop() {
    StateChange change =
        StateChange.of(
                "stop warehouse",
                WAREHOUSE_ID,
                (id, ctx) -> ctx.workspace().warehouses().stop(new StopRequest().setId(id)))
            .tracking(WarehouseTools::handle)
            .awaiting(WAIT_SECONDS, (id, wait, ctx) -> awaitState(id, wait, ctx, false));
    return ToolDef.builder(SqlToolset.ID, "stop_warehouse")
        .title("Stop SQL warehouse")
        .description(
            WAIT_SECONDS.fill(
                "Stop a SQL warehouse (running queries fail; confirmed first while it runs) and"
                    + " wait up to wait_seconds (default {default}) for STOPPED."))
        .input(change.input())
        // stopping breaks the queries and sessions running on it: confirmed unless it is not
        // running
        .hints(ToolHints.destructive(true))
        .confirmTarget(
            (args, ctx) -> {
              String id = id(args, ctx);
              GetWarehouseResponse w = read(ctx, id);
              if (w.getState() == State.STOPPED
                  || w.getState() == State.STOPPING
                  || w.getState() == State.DELETED) {
                return null;
              }
              long sessions = w.getNumActiveSessions() == null ? 0 : w.getNumActiveSessions();
              return new ConfirmationTarget(
                  "stop SQL warehouse '"
                      + w.getName()
                      + "' ("
                      + id
                      + ", "
                      + w.getState()
                      + ", "
                      + sessions
                      + " active session(s), whose running queries fail) in "
                      + ctx.workspaceHost(),
                  id + "|" + w.getName() + "|" + w.getCreatorName());
            })
        .checkWith("get_warehouse")
        .handler(resolving(change))
        .build();
  }

  /**
   * The {@link StateChange.Await} of start and stop: waits ({@link Waiter}) until the target state,
   * the wait, or a margin before the call's deadline. Once asked, the change is under way: a failed
   * status request ends the wait with the state unknown, not with an error that reads as if nothing
   * happened.
   */
  private static ToolResult awaitState(String id, Duration wait, ToolContext ctx, boolean start)
      throws InterruptedException {
    WorkspaceClient w = ctx.workspace();
    String asked = "Asked warehouse " + id + " to " + (start ? "start" : "stop");
    State target = start ? State.RUNNING : State.STOPPED;
    Waited<GetWarehouseResponse> waited =
        Waiter.polling(() -> w.warehouses().get(new GetWarehouseRequest().setId(id)))
            .until(r -> r.getState() == target)
            .describedAs(r -> "warehouse " + id + " " + target + " (now " + r.getState() + ")")
            .waitFor(ctx, wait)
            .throwIfInterrupted();
    GetWarehouseResponse current = waited.last();
    if (waited.outcome() == Waited.Outcome.POLL_FAILED) {
      return stateUnknown(id, current, asked + ", but reading its state failed", waited.failure());
    }
    boolean reached = current.getState() == target;
    return ToolResult.of(
        WarehouseRows.row(current),
        "Warehouse "
            + id
            + " is "
            + current.getState()
            + (reached ? "." : " (not yet " + target + "; call get_warehouse to check again)."));
  }

  private static WorkHandle handle(String warehouseId) {
    return new WorkHandle("warehouse_id", warehouseId, "get_warehouse");
  }

  /**
   * A change Databricks accepted, whose result could not be read back: said as done, state unknown.
   */
  private static ToolResult stateUnknown(
      String id, GetWarehouseResponse lastKnown, String what, RuntimeException failure) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", id);
    data.put("state", "UNKNOWN");
    if (lastKnown != null) {
      data.put("last_known_state", String.valueOf(lastKnown.getState()));
    }
    ErrorMapper.MappedError why = ErrorMapper.map(failure);
    data.put("status_error", Map.of("error_code", why.code().name(), "message", why.message()));
    return ToolResult.of(
        data,
        what
            + " ("
            + why.code()
            + "). Check with get_warehouse with warehouse_id="
            + id
            + " before trying again.");
  }

  static ToolDef delete() {
    Deletion<GetWarehouseResponse> deletion =
        Deletion.of(
            (args, ctx) -> read(ctx, id(args, ctx)),
            (w, args, ctx) ->
                new ConfirmationTarget(
                    "delete SQL warehouse '"
                        + w.getName()
                        + "' ("
                        + w.getId()
                        + ") in "
                        + ctx.workspaceHost(),
                    w.getId() + "|" + w.getName() + "|" + w.getCreatorName()),
            (w, args, ctx) -> {
              ctx.workspace().warehouses().delete(new DeleteWarehouseRequest().setId(w.getId()));
              return ToolResult.of(
                  Map.of("id", w.getId(), "deleted", true), "Deleted warehouse " + w.getId() + ".");
            });
    return ToolDef.builder(SqlToolset.ID, "delete_warehouse")
        .title("Delete SQL warehouse")
        .description(
            "Delete a SQL warehouse permanently. Queries and dashboards that use it stop working.")
        .input(Schema.of(WAREHOUSE_ID))
        .hints(ToolHints.destructive(true))
        .checkWith("get_warehouse")
        .confirmTarget(deletion)
        .handler(deletion)
        .build();
  }
}
