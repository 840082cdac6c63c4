package dev.databricksmcp.sandbox.uc;

import com.databricks.sdk.service.catalog.EffectivePermissionsList;
import com.databricks.sdk.service.catalog.EffectivePrivilege;
import com.databricks.sdk.service.catalog.EffectivePrivilegeAssignment;
import com.databricks.sdk.service.catalog.GetPermissionsResponse;
import com.databricks.sdk.service.catalog.PermissionsChange;
import com.databricks.sdk.service.catalog.Privilege;
import com.databricks.sdk.service.catalog.PrivilegeAssignment;
import com.databricks.sdk.service.catalog.SecurableType;
import com.databricks.sdk.service.catalog.UpdatePermissions;
import com.databricks.sdk.service.catalog.UpdatePermissionsResponse;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.http.Router;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Grants on catalogs, schemas, tables and functions (registered models among them): get, update
 * (add / remove), effective (with inheritance).
 */
public final class GrantsApi implements ApiModule {
  private static final String BASE = "/api/2.1/unity-catalog";

  private final Grants grants;
  private final Metastore metastore;
  private final Identities identities;
  private final Supplier<List<FunctionNamespace>> functions;

  /**
   * @param functions the states holding what the API calls a FUNCTION (functions, registered
   *     models), asked on each request: areas registered after this one add theirs
   */
  public GrantsApi(
      Grants grants,
      Metastore metastore,
      Identities identities,
      Supplier<List<FunctionNamespace>> functions) {
    this.grants = grants;
    this.metastore = metastore;
    this.identities = identities;
    this.functions = functions;
  }

  @Override
  public void register(Router router) {
    router.get(BASE + "/permissions/{type}/{full_name}", this::get);
    router.patch(BASE + "/permissions/{type}/{full_name}", this::update);
    router.get(BASE + "/effective-permissions/{type}/{full_name}", this::effective);
  }

  private GetPermissionsResponse get(ApiRequest r) {
    String name = securable(r);
    checkMaxResults(r);
    String only = r.queryParam("principal").orElse(null);
    return new GetPermissionsResponse()
        .setPrivilegeAssignments(assignments(grants.direct(name), only));
  }

  private UpdatePermissionsResponse update(ApiRequest r) {
    String name = securable(r);
    grants.requireOwner(r.principal(), name, r.pathVar("type").toLowerCase(Locale.ROOT));
    UpdatePermissions body = r.bodyAs(UpdatePermissions.class);
    // changes is optional: without any, the answer is the assignments as they are
    java.util.Collection<PermissionsChange> changes =
        body.getChanges() == null ? List.<PermissionsChange>of() : body.getChanges();
    // every change is checked before any is applied, so a refused request changes nothing
    for (PermissionsChange change : changes) {
      if (change.getPrincipal() == null || change.getPrincipal().isBlank()) {
        throw ApiException.invalid("Missing required field: changes.principal");
      }
      if (!identities.isGrantPrincipal(change.getPrincipal())) {
        throw new ApiException(
            ErrorCode.PRINCIPAL_DOES_NOT_EXIST,
            "Could not find principal with name " + change.getPrincipal() + ".");
      }
      privileges(change.getAdd() == null ? List.of() : change.getAdd());
      privileges(change.getRemove() == null ? List.of() : change.getRemove());
    }
    for (PermissionsChange change : changes) {
      if (change.getAdd() != null) {
        grants.grant(name, change.getPrincipal(), privileges(change.getAdd()));
      }
      if (change.getRemove() != null) {
        grants.revoke(name, change.getPrincipal(), privileges(change.getRemove()));
      }
    }
    return new UpdatePermissionsResponse()
        .setPrivilegeAssignments(assignments(grants.direct(name), null));
  }

  private EffectivePermissionsList effective(ApiRequest r) {
    String name = securable(r);
    checkMaxResults(r);
    String only = r.queryParam("principal").orElse(null);
    List<EffectivePrivilegeAssignment> out = new ArrayList<>();
    grants
        .effective(name)
        .forEach(
            (principal, privileges) -> {
              if (only == null || only.equals(principal)) {
                List<EffectivePrivilege> list = new ArrayList<>();
                for (Grants.Effective e : privileges) {
                  EffectivePrivilege p = new EffectivePrivilege().setPrivilege(e.privilege());
                  if (e.inheritedFrom() != null) {
                    p.setInheritedFromName(e.inheritedFrom());
                    p.setInheritedFromType(
                        e.inheritedFrom().contains(".")
                            ? SecurableType.SCHEMA
                            : SecurableType.CATALOG);
                  }
                  list.add(p);
                }
                out.add(
                    new EffectivePrivilegeAssignment().setPrincipal(principal).setPrivileges(list));
              }
            });
    return new EffectivePermissionsList().setPrivilegeAssignments(out);
  }

  /**
   * {@code max_results} as the grants APIs document it: unset = every assignment; below 0, or 1 to
   * 149 (a page must hold a whole assignment), an invalid parameter; 0 or from 150 a page. The
   * sandbox's page holds every assignment of a securable.
   */
  private static void checkMaxResults(ApiRequest r) {
    r.intParam("max_results")
        .filter(max -> max < 0 || max > 0 && max < 150)
        .ifPresent(
            max -> {
              throw ApiException.invalid(
                  "max_results must be 0 or at least 150 (or not set), got " + max + ".");
            });
  }

  /** Checks the securable exists (by its type) and returns its lower-case full name. */
  private String securable(ApiRequest r) {
    String type = r.pathVar("type").toLowerCase(Locale.ROOT);
    String name = r.pathVar("full_name").toLowerCase(Locale.ROOT);
    String[] p = name.split("\\.");
    switch (type) {
      case "catalog" -> {
        requireParts(p, 1, type);
        metastore.requireCatalog(p[0]);
      }
      case "schema" -> {
        requireParts(p, 2, type);
        metastore.requireSchema(p[0], p[1]);
      }
      case "table", "view" -> {
        requireParts(p, 3, type);
        metastore.requireTable(p[0], p[1], p[2]);
      }
      case "function" -> {
        requireParts(p, 3, type);
        metastore.requireSchema(p[0], p[1]);
        if (functions.get().stream().noneMatch(f -> f.holdsFunction(name))) {
          throw new ApiException(
              ErrorCode.RESOURCE_DOES_NOT_EXIST, "Routine or Model '" + name + "' does not exist.");
        }
      }
      default ->
          throw ApiException.invalid(
              "The sandbox supports grants on catalog, schema, table and function (functions and"
                  + " registered models), not '"
                  + type
                  + "'.");
    }
    return name;
  }

  private static void requireParts(String[] parts, int n, String type) {
    if (parts.length != n) {
      throw ApiException.invalid("A " + type + " name has " + n + " dot-separated part(s).");
    }
  }

  private static Set<Privilege> privileges(java.util.Collection<Privilege> in) {
    Set<Privilege> out = EnumSet.noneOf(Privilege.class);
    for (Privilege p : in) {
      if (p == null) {
        throw ApiException.invalid("Unknown privilege in changes.");
      }
      out.add(p);
    }
    return out;
  }

  private static List<PrivilegeAssignment> assignments(
      Map<String, Set<Privilege>> direct, String only) {
    List<PrivilegeAssignment> out = new ArrayList<>();
    direct.forEach(
        (principal, privileges) -> {
          if (only == null || only.equals(principal)) {
            out.add(
                new PrivilegeAssignment()
                    .setPrincipal(principal)
                    .setPrivileges(new ArrayList<>(privileges)));
          }
        });
    return out;
  }
}
