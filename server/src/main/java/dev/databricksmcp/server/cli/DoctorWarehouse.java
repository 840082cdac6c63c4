package dev.databricksmcp.server.cli;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.service.iam.ComplexValue;
import com.databricks.sdk.service.iam.User;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.GetWarehouseResponse;
import com.databricks.sdk.service.sql.State;
import com.databricks.sdk.service.sql.StatementResponse;
import com.databricks.sdk.service.sql.StatementState;
import com.databricks.sdk.service.sql.WarehouseAccessControlResponse;
import com.databricks.sdk.service.sql.WarehousePermission;
import com.databricks.sdk.service.sql.WarehousePermissionLevel;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.tools.sql.SqlSettings;
import dev.databricksmcp.server.tools.sql.WarehouseChooser;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the SQL tools have a warehouse to run on: the one they would choose ({@link
 * WarehouseChooser}, with DATABRICKS_MCP_WAREHOUSE_ID), and whether the principal may use it. A
 * running warehouse is asked {@code SELECT 1}, which takes CAN USE and so proves it; a stopped one
 * is not started (that would cost the user money and minutes) and its permissions are read instead
 * (https://docs.databricks.com/api/workspace/warehouses/getpermissions): CAN USE or more passes.
 */
final class DoctorWarehouse {
  private static final String NAME = "SQL warehouse";

  /** The levels that may run statements (CAN USE and every level above it). */
  private static final Set<WarehousePermissionLevel> USABLE =
      Set.of(
          WarehousePermissionLevel.CAN_USE,
          WarehousePermissionLevel.CAN_MONITOR,
          WarehousePermissionLevel.CAN_MANAGE,
          WarehousePermissionLevel.IS_OWNER);

  private static final String GET_ACCESS =
      "ask a workspace admin for CAN USE on it, or set DATABRICKS_MCP_WAREHOUSE_ID to a warehouse"
          + " you may use";

  private DoctorWarehouse() {}

  static DoctorChecks.Check check(WorkspaceClient w, User me, Map<String, String> env) {
    String configured = SqlSettings.fromEnvironment(env).defaultWarehouseId();
    WarehouseChooser.Choice choice;
    try {
      choice = WarehouseChooser.choose(w, null, configured);
    } catch (ToolException e) {
      return DoctorChecks.Check.fail(
          NAME,
          "no SQL warehouse is visible to you",
          "ask a workspace admin for CAN USE on a SQL warehouse (or for the right to create one)");
    }
    GetWarehouseResponse warehouse;
    try {
      warehouse = w.warehouses().get(choice.id());
    } catch (com.databricks.sdk.core.error.platform.NotFound e) {
      return DoctorChecks.Check.fail(
          NAME,
          "DATABRICKS_MCP_WAREHOUSE_ID=" + choice.id() + " names no warehouse",
          "set it to the id of a warehouse (list_warehouses), or unset it to let the SQL tools"
              + " choose");
    }
    String which =
        "'"
            + warehouse.getName()
            + "' ("
            + choice.id()
            + ", "
            + warehouse.getState()
            + "; "
            + choice.reason()
            + ")";
    if (warehouse.getState() == State.RUNNING) {
      return trySelectOne(w, choice.id(), which);
    }
    Optional<WarehousePermissionLevel> level;
    try {
      level = level(w, me, choice.id());
    } catch (PermissionDenied e) {
      // its permissions are readable with any level on it (sandbox's model of the API): none
      level = Optional.empty();
    }
    if (level.isPresent() && USABLE.contains(level.get())) {
      return DoctorChecks.Check.pass(
          NAME, which + ": you hold " + level.get() + "; it starts on the first statement");
    }
    return DoctorChecks.Check.fail(
        NAME,
        which
            + ": you hold "
            + level.map(Object::toString).orElse("no permission")
            + " on it, and statements need CAN_USE",
        GET_ACCESS);
  }

  private static DoctorChecks.Check trySelectOne(WorkspaceClient w, String id, String which) {
    long started = System.nanoTime();
    try {
      StatementResponse r =
          w.statementExecution()
              .executeStatement(
                  new ExecuteStatementRequest()
                      .setWarehouseId(id)
                      .setStatement("SELECT 1")
                      .setWaitTimeout("10s"));
      StatementState state = r.getStatus() == null ? null : r.getStatus().getState();
      if (state == StatementState.SUCCEEDED) {
        long millis = (System.nanoTime() - started) / 1_000_000;
        return DoctorChecks.Check.pass(NAME, which + ": SELECT 1 answered in " + millis + " ms");
      }
      String error =
          r.getStatus() == null || r.getStatus().getError() == null
              ? String.valueOf(state)
              : r.getStatus().getError().getMessage();
      return DoctorChecks.Check.fail(
          NAME, which + ": SELECT 1 did not succeed: " + error, GET_ACCESS);
    } catch (PermissionDenied e) {
      return DoctorChecks.Check.fail(NAME, which + ": " + DoctorChecks.apiError(e), GET_ACCESS);
    }
  }

  /** The principal's highest level on the warehouse: granted to it or to a group it is in. */
  private static Optional<WarehousePermissionLevel> level(WorkspaceClient w, User me, String id) {
    Set<String> groups = new HashSet<>(Set.of("users"));
    List<ComplexValue> memberOf = me.getGroups() == null ? List.of() : List.copyOf(me.getGroups());
    memberOf.forEach(g -> groups.add(g.getDisplay()));
    WarehousePermissionLevel best = null;
    var acl = w.warehouses().getPermissions(id).getAccessControlList();
    for (WarehouseAccessControlResponse entry :
        acl == null ? List.<WarehouseAccessControlResponse>of() : acl) {
      boolean mine =
          me.getUserName().equalsIgnoreCase(String.valueOf(entry.getUserName()))
              || me.getUserName().equalsIgnoreCase(String.valueOf(entry.getServicePrincipalName()))
              || (entry.getGroupName() != null && groups.contains(entry.getGroupName()));
      if (mine && entry.getAllPermissions() != null) {
        for (WarehousePermission p : entry.getAllPermissions()) {
          if (best == null || rank(p.getPermissionLevel()) > rank(best)) {
            best = p.getPermissionLevel();
          }
        }
      }
    }
    return Optional.ofNullable(best);
  }

  private static int rank(WarehousePermissionLevel level) {
    return List.of(
            WarehousePermissionLevel.CAN_VIEW,
            WarehousePermissionLevel.CAN_USE,
            WarehousePermissionLevel.CAN_MONITOR,
            WarehousePermissionLevel.CAN_MANAGE,
            WarehousePermissionLevel.IS_OWNER)
        .indexOf(level);
  }
}
