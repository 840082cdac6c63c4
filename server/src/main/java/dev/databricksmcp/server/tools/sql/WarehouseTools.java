package dev.databricksmcp.server.tools.sql;

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
import dev.databricksmcp.server.core.Names;
import dev.databricksmcp.server.core.Pages;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.WorkHandle;
import dev.databricksmcp.server.core.wait.Waited;
import dev.databricksmcp.server.core.wait.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SQL warehouses: list, get, create, update, start and stop (bounded wait), delete. */
public final class WarehouseTools {
  private static final int DEFAULT_WAIT_SECONDS = 30;

  private WarehouseTools() {}

  public static List<ToolDef> definitions() {
    return List.of(list(), get(), create(), update(), start(), stop(), delete());
  }

  /** The fields a model needs to pick and manage a warehouse. */
  static Map<String, Object> compact(
      String id,
      String name,
      State state,
      String size,
      Long autoStop,
      Boolean serverless,
      Long clusters,
      String type) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", id);
    out.put("name", name);
    out.put("state", String.valueOf(state));
    out.put("cluster_size", size);
    out.put("auto_stop_mins", autoStop);
    out.put("serverless", Boolean.TRUE.equals(serverless));
    out.put("num_clusters", clusters);
    out.put("warehouse_type", type);
    return out;
  }

  static Map<String, Object> compact(EndpointInfo e) {
    return compact(
        e.getId(),
        e.getName(),
        e.getState(),
        e.getClusterSize(),
        e.getAutoStopMins(),
        e.getEnableServerlessCompute(),
        e.getNumClusters(),
        String.valueOf(e.getWarehouseType()));
  }

  static Map<String, Object> compact(GetWarehouseResponse e) {
    return compact(
        e.getId(),
        e.getName(),
        e.getState(),
        e.getClusterSize(),
        e.getAutoStopMins(),
        e.getEnableServerlessCompute(),
        e.getNumClusters(),
        String.valueOf(e.getWarehouseType()));
  }

  static ToolDef list() {
    return ToolDef.builder(SqlToolset.ID, "list_warehouses")
        .title("List SQL warehouses")
        .description("SQL warehouses with state, size, type, serverless and auto-stop.")
        .input(Schema.object().paging(Pages.DEFAULT_MAX_RESULTS, Pages.MAX_RESULTS_LIMIT))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              ListWarehousesRequest req =
                  new ListWarehousesRequest().setPageSize((long) Pages.maxResults(args));
              args.optionalString("page_token").ifPresent(req::setPageToken);
              ListWarehousesResponse page = ctx.workspace().warehouses().impl().list(req);
              List<Map<String, Object>> rows = new ArrayList<>();
              if (page.getWarehouses() != null) {
                page.getWarehouses().forEach(e -> rows.add(compact(e)));
              }
              return Pages.page("warehouses", rows, page.getNextPageToken());
            })
        .build();
  }

  static ToolDef get() {
    return ToolDef.builder(SqlToolset.ID, "get_warehouse")
        .title("Get SQL warehouse")
        .description(
            "One SQL warehouse in full: state, size, scaling, auto-stop, connection details.")
        .input(Schema.object().string("warehouse_id", "Warehouse id", true))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              GetWarehouseResponse w =
                  ctx.workspace()
                      .warehouses()
                      .get(
                          new GetWarehouseRequest()
                              .setId(Names.id("warehouse_id", args.string("warehouse_id"))));
              return ToolResult.of(w, "Warehouse " + w.getName() + " is " + w.getState() + ".");
            })
        .build();
  }

  static ToolDef create() {
    return ToolDef.builder(SqlToolset.ID, "create_warehouse")
        .title("Create SQL warehouse")
        .description(
            "Create a SQL warehouse (it starts right away and costs money while running). Returns"
                + " its id and state.")
        .input(
            Schema.object()
                .string("name", "Warehouse name", true)
                .string(
                    "cluster_size",
                    "2X-Small, X-Small, Small, Medium, Large, … (default Small)",
                    false)
                .integer(
                    "auto_stop_mins",
                    "Stop after this many idle minutes (default 10; 0 = never)",
                    0,
                    10_000,
                    false)
                .integer("max_num_clusters", "Upper bound for scaling (default 1)", 1, 40, false)
                .bool("enable_serverless_compute", "Serverless (starts in seconds; default true)"))
        .hints(ToolHints.write(false))
        .checkWith("list_warehouses")
        .handler(
            (args, ctx) -> {
              CreateWarehouseRequest req =
                  new CreateWarehouseRequest()
                      .setName(args.string("name"))
                      .setClusterSize(args.string("cluster_size", "Small"))
                      .setAutoStopMins((long) args.integer("auto_stop_mins", 10, 0, 10_000))
                      .setMinNumClusters(1L)
                      .setMaxNumClusters((long) args.integer("max_num_clusters", 1, 1, 40))
                      .setEnableServerlessCompute(args.bool("enable_serverless_compute", true))
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
                  compact(w), "Created warehouse " + id + "; it is " + w.getState() + ".");
            })
        .build();
  }

  static ToolDef update() {
    return ToolDef.builder(SqlToolset.ID, "update_warehouse")
        .title("Update SQL warehouse")
        .description(
            "Change a SQL warehouse's name, size, auto-stop or scaling; unspecified settings stay"
                + " as they are.")
        .input(
            Schema.object()
                .string("warehouse_id", "Warehouse id", true)
                .string("name", "New name", false)
                .string("cluster_size", "New size", false)
                .integer(
                    "auto_stop_mins", "Idle minutes before stopping (0 = never)", 0, 10_000, false)
                .integer("max_num_clusters", "Upper bound for scaling", 1, 40, false))
        .hints(ToolHints.write(true))
        .checkWith("get_warehouse")
        .handler(
            (args, ctx) -> {
              String id = Names.id("warehouse_id", args.string("warehouse_id"));
              WorkspaceClient w = ctx.workspace();
              GetWarehouseResponse current =
                  w.warehouses().get(new GetWarehouseRequest().setId(id));
              EditWarehouseRequest req =
                  new EditWarehouseRequest()
                      .setId(id)
                      .setName(args.string("name", current.getName()))
                      .setClusterSize(args.string("cluster_size", current.getClusterSize()))
                      .setAutoStopMins(
                          args.optionalInt("auto_stop_mins", 0, 10_000)
                              .map(Integer::longValue)
                              .orElse(current.getAutoStopMins()))
                      .setMaxNumClusters(
                          args.optionalInt("max_num_clusters", 1, 40)
                              .map(Integer::longValue)
                              .orElse(current.getMaxNumClusters()))
                      .setMinNumClusters(current.getMinNumClusters())
                      .setEnableServerlessCompute(current.getEnableServerlessCompute());
              w.warehouses().edit(req);
              ctx.track(handle(id));
              GetWarehouseResponse updated;
              try {
                updated = w.warehouses().get(new GetWarehouseRequest().setId(id));
              } catch (RuntimeException e) {
                return stateUnknown(
                    id, current, "Updated warehouse " + id + ", but reading it back failed", e);
              }
              return ToolResult.of(compact(updated), "Updated warehouse " + id + ".");
            })
        .build();
  }

  static ToolDef start() {
    return ToolDef.builder(SqlToolset.ID, "start_warehouse")
        .title("Start SQL warehouse")
        .description(
            "Start a SQL warehouse and wait up to wait_seconds (default 30) for RUNNING; returns"
                + " the state reached.")
        .input(waitSchema())
        .hints(ToolHints.write(true))
        .checkWith("get_warehouse")
        .handler((args, ctx) -> changeState(args, ctx, true))
        .build();
  }

  static ToolDef stop() {
    return ToolDef.builder(SqlToolset.ID, "stop_warehouse")
        .title("Stop SQL warehouse")
        .description(
            "Stop a SQL warehouse (running queries fail; confirmed first while it runs) and wait up"
                + " to wait_seconds (default 30) for STOPPED.")
        .input(waitSchema())
        // stopping breaks the queries and sessions running on it: confirmed unless it is not
        // running
        .hints(ToolHints.destructive(true))
        .confirmTarget(
            (args, ctx) -> {
              String id = Names.id("warehouse_id", args.string("warehouse_id"));
              GetWarehouseResponse w =
                  ctx.workspace().warehouses().get(new GetWarehouseRequest().setId(id));
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
        .handler((args, ctx) -> changeState(args, ctx, false))
        .build();
  }

  private static Schema.ObjectBuilder waitSchema() {
    return Schema.object()
        .string("warehouse_id", "Warehouse id", true)
        .integer("wait_seconds", "How long to wait for the new state (0-120)", 0, 120, false);
  }

  /**
   * Starts or stops, then waits ({@link Waiter}) until the target state, wait_seconds, or a margin
   * before the call's deadline. Once asked, the change is under way: a failed status request ends
   * the wait with the state unknown, not with an error that reads as if nothing happened.
   */
  private static ToolResult changeState(Args args, ToolContext ctx, boolean start)
      throws InterruptedException {
    String id = Names.id("warehouse_id", args.string("warehouse_id"));
    WorkspaceClient w = ctx.workspace();
    if (start) {
      w.warehouses().start(new StartRequest().setId(id));
    } else {
      w.warehouses().stop(new StopRequest().setId(id));
    }
    ctx.track(handle(id));
    String asked = "Asked warehouse " + id + " to " + (start ? "start" : "stop");
    State target = start ? State.RUNNING : State.STOPPED;
    Waited<GetWarehouseResponse> waited =
        Waiter.polling(() -> w.warehouses().get(new GetWarehouseRequest().setId(id)))
            .until(r -> r.getState() == target)
            .describedAs(r -> "warehouse " + id + " " + target + " (now " + r.getState() + ")")
            .waitFor(
                ctx, Duration.ofSeconds(args.integer("wait_seconds", DEFAULT_WAIT_SECONDS, 0, 120)))
            .throwIfInterrupted();
    GetWarehouseResponse current = waited.last();
    if (waited.outcome() == Waited.Outcome.POLL_FAILED) {
      return stateUnknown(id, current, asked + ", but reading its state failed", waited.failure());
    }
    boolean reached = current.getState() == target;
    return ToolResult.of(
        compact(current),
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
    return ToolDef.builder(SqlToolset.ID, "delete_warehouse")
        .title("Delete SQL warehouse")
        .description(
            "Delete a SQL warehouse permanently. Queries and dashboards that use it stop working.")
        .input(Schema.object().string("warehouse_id", "Warehouse id", true))
        .hints(ToolHints.destructive(true))
        .checkWith("get_warehouse")
        .confirmTarget(
            (args, ctx) -> {
              String id = Names.id("warehouse_id", args.string("warehouse_id"));
              GetWarehouseResponse w =
                  ctx.workspace().warehouses().get(new GetWarehouseRequest().setId(id));
              return new ConfirmationTarget(
                  "delete SQL warehouse '"
                      + w.getName()
                      + "' ("
                      + id
                      + ") in "
                      + ctx.workspaceHost(),
                  id + "|" + w.getName() + "|" + w.getCreatorName());
            })
        .handler(
            (args, ctx) -> {
              String id = Names.id("warehouse_id", args.string("warehouse_id"));
              ctx.workspace().warehouses().delete(new DeleteWarehouseRequest().setId(id));
              return ToolResult.of(
                  Map.of("id", id, "deleted", true), "Deleted warehouse " + id + ".");
            })
        .build();
  }
}
