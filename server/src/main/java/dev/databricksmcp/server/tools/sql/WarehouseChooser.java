package dev.databricksmcp.server.tools.sql;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.sql.EndpointInfo;
import com.databricks.sdk.service.sql.ListWarehousesRequest;
import com.databricks.sdk.service.sql.State;
import dev.databricksmcp.server.core.ErrorCode;
import dev.databricksmcp.server.core.ToolException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * Which SQL warehouse a statement runs on: the one asked for (by id or name), else the configured
 * default, else the best available. Public for {@code databricks-mcp doctor}, which reports the
 * warehouse the SQL tools would choose.
 */
public final class WarehouseChooser {
  /** The choice and why, reported in the result so the model (and user) know. */
  public record Choice(String id, String name, String reason) {}

  private WarehouseChooser() {}

  public static Choice choose(WorkspaceClient w, String requested, String configuredDefault) {
    if (requested != null) {
      // an id as it is (no call when it is shaped like one), a name resolved to its warehouse
      String id = WarehouseResolver.resolve(w, "warehouse_id", requested);
      return new Choice(id, null, id.equals(requested.trim()) ? "requested" : "requested by name");
    }
    if (configuredDefault != null) {
      return new Choice(
          configuredDefault, null, "configured default (DATABRICKS_MCP_WAREHOUSE_ID)");
    }
    List<EndpointInfo> all =
        StreamSupport.stream(w.warehouses().list(new ListWarehousesRequest()).spliterator(), false)
            .filter(e -> e.getState() != State.DELETED && e.getState() != State.DELETING)
            .toList();
    EndpointInfo best =
        all.stream()
            .min(
                Comparator.comparingInt(WarehouseChooser::rank)
                    .thenComparing(e -> String.valueOf(e.getName())))
            .orElseThrow(
                () ->
                    new ToolException(
                        ErrorCode.NOT_FOUND,
                        "No SQL warehouse is available in this workspace; create one"
                            + " (create_warehouse) or pass warehouse_id."));
    return new Choice(
        best.getId(),
        best.getName(),
        "best available: "
            + String.valueOf(best.getState()).toLowerCase()
            + (Boolean.TRUE.equals(best.getEnableServerlessCompute()) ? ", serverless" : ""));
  }

  /**
   * Running before starting before stopped; serverless first within each (it starts in seconds).
   */
  private static int rank(EndpointInfo e) {
    int state = e.getState() == State.RUNNING ? 0 : e.getState() == State.STARTING ? 2 : 4;
    return state + (Boolean.TRUE.equals(e.getEnableServerlessCompute()) ? 0 : 1);
  }
}
