package dev.databricksmcp.server.tools.catalog;

import com.databricks.sdk.core.http.Request;
import com.databricks.sdk.service.catalog.EffectivePermissionsList;
import com.databricks.sdk.service.catalog.GetEffectiveRequest;
import com.databricks.sdk.service.catalog.GetGrantRequest;
import com.databricks.sdk.service.catalog.GetPermissionsResponse;
import com.databricks.sdk.service.catalog.PermissionsChange;
import com.databricks.sdk.service.catalog.Privilege;
import com.databricks.sdk.service.catalog.PrivilegeAssignment;
import com.databricks.sdk.service.catalog.UpdatePermissions;
import com.databricks.sdk.service.catalog.UpdatePermissionsResponse;
import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.ConfirmationTarget;
import dev.databricksmcp.server.core.Counted;
import dev.databricksmcp.server.core.Names;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Params;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Grants (direct, effective, update) on any securable, and table / column lineage. */
public final class GrantLineageTools {
  private static final List<String> SECURABLES =
      List.of(
          "catalog",
          "schema",
          "table",
          "volume",
          "function",
          "metastore",
          "external_location",
          "storage_credential");

  private static final Param<String> SECURABLE_TYPE =
      Param.choice("securable_type", "What kind of object", SECURABLES).required();

  private static final Param<String> SECURABLE_NAME =
      Param.string("full_name", "Its name: catalog, catalog.schema or catalog.schema.object")
          .required();

  private static final Param<String> ONLY_PRINCIPAL =
      Param.string("principal", "Only this user, group or service principal");

  private static final Param<String> PRINCIPAL =
      Param.string("principal", "User (e-mail), group or service principal (application id)")
          .required();

  private static final Param<List<String>> ADD = Param.stringList("add", "Privileges to grant");

  private static final Param<List<String>> REMOVE =
      Param.stringList("remove", "Privileges to revoke");

  private static final Param<String> COLUMN_NAME = Params.columnName("column_name", "Column");

  private GrantLineageTools() {}

  public static List<ToolDef> definitions(MetadataCache cache) {
    return List.of(
        getGrants(),
        getEffectiveGrants(),
        updateGrants(),
        tableLineage(cache),
        columnLineage(cache));
  }

  private static Schema.ObjectBuilder securable() {
    return Schema.of(SECURABLE_TYPE, SECURABLE_NAME);
  }

  private static String securableType(Args args) {
    return SECURABLE_TYPE.of(args);
  }

  /** The securable's name, checked against its type's number of parts. */
  private static String securableName(Args args) {
    String type = securableType(args);
    int parts =
        switch (type) {
          case "schema" -> 2;
          case "table", "volume", "function" -> 3;
          default -> 1;
        };
    return Names.fullName(SECURABLE_NAME.name(), SECURABLE_NAME.of(args), parts);
  }

  static ToolDef getGrants() {
    return ToolDef.builder(CatalogToolset.ID, "get_grants")
        .title("Get grants")
        .description(
            "Privileges granted directly on a catalog, schema, table, volume or function: items of"
                + " {principal, privileges: [\"SELECT\", ...]}.")
        .input(securable().param(ONLY_PRINCIPAL))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              String name = securableName(args);
              GetGrantRequest req =
                  new GetGrantRequest()
                      .setSecurableType(securableType(args))
                      .setFullName(Names.path(name));
              ONLY_PRINCIPAL.optional(args).ifPresent(req::setPrincipal);
              GetPermissionsResponse r = ctx.workspace().grants().get(req);
              List<Map<String, Object>> rows = grantRows(r.getPrivilegeAssignments());
              return items(
                  rows,
                  Counted.of(rows.size(), "principal")
                      + (rows.size() == 1 ? " holds" : " hold")
                      + " direct grants on "
                      + name
                      + ".");
            })
        .build();
  }

  static ToolDef getEffectiveGrants() {
    return ToolDef.builder(CatalogToolset.ID, "get_effective_grants")
        .title("Get effective grants")
        .description(
            "All privileges that apply on a securable, including those inherited from its catalog"
                + " or schema: items of {principal, privileges, inherited_from: [{privilege, type,"
                + " name}]}.")
        .input(securable().param(ONLY_PRINCIPAL))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              String name = securableName(args);
              GetEffectiveRequest req =
                  new GetEffectiveRequest()
                      .setSecurableType(securableType(args))
                      .setFullName(Names.path(name));
              ONLY_PRINCIPAL.optional(args).ifPresent(req::setPrincipal);
              EffectivePermissionsList r = ctx.workspace().grants().getEffective(req);
              List<Map<String, Object>> rows = new ArrayList<>();
              if (r.getPrivilegeAssignments() != null) {
                r.getPrivilegeAssignments().forEach(a -> rows.add(CatalogRows.effectiveGrant(a)));
              }
              return items(
                  rows,
                  Counted.of(rows.size(), "principal")
                      + (rows.size() == 1 ? " has" : " have")
                      + " privileges on "
                      + name
                      + ".");
            })
        .build();
  }

  static ToolDef updateGrants() {
    return ToolDef.builder(CatalogToolset.ID, "update_grants")
        .title("Update grants")
        .description(
            "Grant (add) and/or revoke (remove) privileges for one principal on a securable, e.g."
                + " add [\"SELECT\"]. Privileges: SELECT, MODIFY, USE_CATALOG, USE_SCHEMA,"
                + " CREATE_TABLE, CREATE_SCHEMA, ALL_PRIVILEGES, …. A revoke is confirmed first.")
        .input(securable().params(PRINCIPAL, ADD, REMOVE))
        // a revoke can cut a principal (or a whole group) off from data: confirmed; a grant alone
        // is not
        .hints(ToolHints.destructive(true))
        .confirmTarget(GrantLineageTools::revokeTarget)
        .checkWith("get_grants")
        .handler(
            (args, ctx) -> {
              List<Privilege> add = privileges(args, ADD);
              List<Privilege> remove = privileges(args, REMOVE);
              if (add.isEmpty() && remove.isEmpty()) {
                throw ToolException.validation(ADD.name(), "give privileges to add and/or remove");
              }
              PermissionsChange change = new PermissionsChange().setPrincipal(PRINCIPAL.of(args));
              if (!add.isEmpty()) {
                change.setAdd(add);
              }
              if (!remove.isEmpty()) {
                change.setRemove(remove);
              }
              UpdatePermissionsResponse r =
                  ctx.workspace()
                      .grants()
                      .update(
                          new UpdatePermissions()
                              .setSecurableType(securableType(args))
                              .setFullName(Names.path(securableName(args)))
                              .setChanges(List.of(change)));
              return items(
                  grantRows(r.getPrivilegeAssignments()),
                  "Updated grants for "
                      + PRINCIPAL.of(args)
                      + " on "
                      + securableName(args)
                      + "; items are the direct grants there now.");
            })
        .build();
  }

  /**
   * What a revoke takes away, in words, bound to the principal's current direct privileges there:
   * if they change before the confirmed call, the confirmation no longer applies. Null (no
   * question) when the call only grants.
   */
  private static ConfirmationTarget revokeTarget(Args args, ToolContext ctx) {
    List<Privilege> remove = privileges(args, REMOVE);
    if (remove.isEmpty()) {
      return null;
    }
    String type = securableType(args);
    String name = securableName(args);
    String principal = PRINCIPAL.of(args);
    GetPermissionsResponse current =
        ctx.workspace()
            .grants()
            .get(
                new GetGrantRequest()
                    .setSecurableType(type)
                    .setFullName(Names.path(name))
                    .setPrincipal(principal));
    List<String> held = new ArrayList<>();
    if (current.getPrivilegeAssignments() != null) {
      current.getPrivilegeAssignments().stream()
          .filter(a -> principal.equals(a.getPrincipal()) && a.getPrivileges() != null)
          .forEach(a -> a.getPrivileges().forEach(p -> held.add(String.valueOf(p))));
    }
    held.sort(null);
    String what =
        remove.contains(Privilege.ALL_PRIVILEGES)
            ? "every privilege (ALL_PRIVILEGES)"
            : remove.toString();
    return ConfirmationTarget.irreversible(
        "revoke "
            + what
            + " on "
            + type
            + " '"
            + name
            + "' from "
            + principal
            + " (who now holds "
            + held
            + ") in "
            + ctx.workspaceHost(),
        type + "|" + name + "|" + principal + "|" + held);
  }

  private static List<Map<String, Object>> grantRows(Collection<PrivilegeAssignment> assignments) {
    List<Map<String, Object>> rows = new ArrayList<>();
    if (assignments != null) {
      assignments.forEach(a -> rows.add(CatalogRows.grant(a)));
    }
    return rows;
  }

  /** Rows as every list answers them: {@code data.items}, count = rows. */
  private static ToolResult items(List<Map<String, Object>> rows, String message) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("items", rows);
    return ToolResult.list(data, rows.size(), message);
  }

  private static List<Privilege> privileges(Args args, Param<List<String>> field) {
    List<Privilege> out = new ArrayList<>();
    List<String> given = field.of(args);
    for (String raw : given == null ? List.<String>of() : given) {
      try {
        out.add(Privilege.valueOf(raw.trim().toUpperCase(Locale.ROOT).replace(' ', '_')));
      } catch (IllegalArgumentException e) {
        throw ToolException.validation(
            field.name(),
            "'" + raw + "' is not a Unity Catalog privilege (e.g. SELECT, MODIFY, USE_SCHEMA)");
      }
    }
    return out;
  }

  static ToolDef tableLineage(MetadataCache cache) {
    return ToolDef.builder(CatalogToolset.ID, "get_table_lineage")
        .title("Get table lineage")
        .description(
            "Tables directly upstream (read to build it) and downstream (built from it) of a table:"
                + " upstreams and downstreams of {name, full_name, type, lineage_at}, with the"
                + " queries (statement_id), notebooks and jobs involved where Databricks records"
                + " them.")
        .input(Schema.of(CatalogParams.TABLE_FULL_NAME))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              String name = CatalogParams.TABLE_FULL_NAME.of(args);
              Map<String, Object> r =
                  get(
                      ctx.workspace(),
                      "/api/2.0/lineage-tracking/table-lineage",
                      Map.of("table_name", name, "include_entity_lineage", "true"));
              LineageRows.TableTypes types = LineageRows.lookup(cache, ctx);
              List<Map<String, Object>> up = LineageRows.tables(r.get("upstreams"), types);
              List<Map<String, Object>> down = LineageRows.tables(r.get("downstreams"), types);
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("full_name", name);
              data.put("upstreams", up);
              data.put("downstreams", down);
              return ToolResult.of(
                  data,
                  name
                      + ": "
                      + Counted.of(up.size(), "upstream table")
                      + ", "
                      + Counted.of(down.size(), "downstream table")
                      + ".");
            })
        .build();
  }

  static ToolDef columnLineage(MetadataCache cache) {
    return ToolDef.builder(CatalogToolset.ID, "get_column_lineage")
        .title("Get column lineage")
        .description(
            "Columns directly upstream and downstream of one column of a table: upstreams and"
                + " downstreams of {name, table_full_name, table_type, lineage_at}.")
        .input(Schema.of(CatalogParams.TABLE_FULL_NAME, COLUMN_NAME))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              String name = CatalogParams.TABLE_FULL_NAME.of(args);
              String column = COLUMN_NAME.of(args);
              Map<String, Object> r =
                  get(
                      ctx.workspace(),
                      "/api/2.0/lineage-tracking/column-lineage",
                      Map.of("table_name", name, "column_name", column));
              LineageRows.TableTypes types = LineageRows.lookup(cache, ctx);
              List<Map<String, Object>> up = LineageRows.columns(r.get("upstream_cols"), types);
              List<Map<String, Object>> down = LineageRows.columns(r.get("downstream_cols"), types);
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("table_full_name", name);
              data.put("name", column);
              data.put("upstreams", up);
              data.put("downstreams", down);
              return ToolResult.of(
                  data,
                  name
                      + "."
                      + column
                      + ": "
                      + Counted.of(up.size(), "upstream column")
                      + ", "
                      + Counted.of(down.size(), "downstream column")
                      + ".");
            })
        .build();
  }

  /** The lineage-tracking API has no typed SDK client: a GET through the SDK's own API client. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> get(
      com.databricks.sdk.WorkspaceClient w, String path, Map<String, String> query)
      throws java.io.IOException {
    Request request = new Request("GET", path);
    query.forEach(request::withQueryParam);
    request.withHeader("Accept", "application/json");
    return w.apiClient().execute(request, HashMap.class);
  }
}
