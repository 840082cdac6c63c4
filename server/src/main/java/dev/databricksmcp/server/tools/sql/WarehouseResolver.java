package dev.databricksmcp.server.tools.sql;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.sql.EndpointInfo;
import com.databricks.sdk.service.sql.ListWarehousesRequest;
import com.databricks.sdk.service.sql.State;
import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.ErrorCode;
import dev.databricksmcp.server.core.ToolException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * A warehouse given by id or by name, where a tool asks for {@code warehouse_id}: a model knows
 * warehouses by the name it saw ("Serverless Starter Warehouse") as often as by id. A value shaped
 * like a warehouse id (16 hex digits, as Databricks makes them) is used as it is, without a call;
 * anything else is looked up in the warehouse list, by id and then by name (exact, any case).
 */
final class WarehouseResolver {
  /** Databricks warehouse ids: 16 hexadecimal digits, e.g. {@code 5a1d7e3b9c0f4e2a}. */
  private static final Pattern ID = Pattern.compile("[0-9a-fA-F]{16}");

  /** How many warehouses an error lists, so that it stays short. */
  private static final int SHOWN = 5;

  private WarehouseResolver() {}

  /** True when the value is shaped like a warehouse id, and so taken as one without a call. */
  static boolean looksLikeId(String value) {
    return ID.matcher(value).matches();
  }

  /**
   * The id of the warehouse {@code value} names: the value itself when it is shaped like an id,
   * else the one warehouse with that id or name.
   *
   * @throws ToolException VALIDATION_ERROR naming {@code field} when several warehouses have that
   *     name (listing them) or none has that id or name (listing some that exist)
   */
  static String resolve(WorkspaceClient w, String field, String value) {
    String given = value.trim();
    if (looksLikeId(given)) {
      return given;
    }
    List<EndpointInfo> all =
        StreamSupport.stream(w.warehouses().list(new ListWarehousesRequest()).spliterator(), false)
            .filter(e -> e.getState() != State.DELETED && e.getState() != State.DELETING)
            .toList();
    for (EndpointInfo e : all) {
      if (given.equals(e.getId())) {
        return e.getId();
      }
    }
    String lower = given.toLowerCase(Locale.ROOT);
    List<EndpointInfo> named =
        all.stream()
            .filter(e -> e.getName() != null && e.getName().toLowerCase(Locale.ROOT).equals(lower))
            .toList();
    if (named.size() == 1) {
      return named.get(0).getId();
    }
    if (named.size() > 1) {
      throw new ToolException(
          ErrorCode.VALIDATION_ERROR,
          field
              + ": "
              + named.size()
              + " warehouses are named '"
              + given
              + "': "
              + describe(named)
              + "; pass the id of the one you mean.",
          details(field, named));
    }
    throw new ToolException(
        ErrorCode.VALIDATION_ERROR,
        field
            + ": no SQL warehouse has the id or name '"
            + given
            + "'"
            + (all.isEmpty()
                ? "; there are none (create_warehouse makes one)."
                : "; "
                    + (all.size() > SHOWN ? "some of those that exist" : "those that exist")
                    + ": "
                    + describe(all.subList(0, Math.min(SHOWN, all.size())))
                    + (all.size() > SHOWN ? " (list_warehouses for all)." : ".")),
        details(field, all.subList(0, Math.min(SHOWN, all.size()))));
  }

  /**
   * The call's arguments with {@code field} resolved to a warehouse id (for handlers that read the
   * id from the arguments themselves); unchanged when the field is not given.
   */
  static Args resolved(Args args, WorkspaceClient w, String field) {
    return args.withString(field, given -> resolve(w, field, given));
  }

  private static String describe(List<EndpointInfo> warehouses) {
    return warehouses.stream()
        .map(e -> "'" + e.getName() + "' (" + e.getId() + ", " + e.getState() + ")")
        .collect(Collectors.joining(", "));
  }

  private static Map<String, Object> details(String field, List<EndpointInfo> warehouses) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (EndpointInfo e : warehouses) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", e.getId());
      row.put("name", e.getName());
      row.put("state", String.valueOf(e.getState()));
      rows.add(row);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("field", field);
    details.put("warehouses", rows);
    return details;
  }
}
