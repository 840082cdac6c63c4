package dev.databricksmcp.sandbox.uc;

import com.databricks.sdk.service.catalog.Privilege;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.auth.Principal;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.state.PersistentState;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Unity Catalog privileges and their checks. Grants on a catalog apply to its schemas and tables,
 * and on a schema to its tables; ALL_PRIVILEGES implies every privilege; owners and admins need no
 * grant. Securables are keyed by lower-case full name ("main", "main.default", "main.default.t").
 */
public final class Grants implements PersistentState, DropCascade.Dependent {
  /** One grant holder's privileges on a securable, and where inherited ones come from. */
  public record Effective(Privilege privilege, String inheritedFrom) {}

  private final Map<String, Map<String, Set<Privilege>>> grants = new ConcurrentHashMap<>();
  private final Metastore metastore;

  public Grants(Metastore metastore) {
    this.metastore = metastore;
    // a new workspace's analyst and service principal can read samples; the analyst can work in
    // main.default
    for (Principal p : List.of(Identities.ANALYST, Identities.SERVICE_PRINCIPAL)) {
      grant(
          "samples",
          p.userName(),
          EnumSet.of(Privilege.USE_CATALOG, Privilege.USE_SCHEMA, Privilege.SELECT));
    }
    grant("main", Identities.ANALYST.userName(), EnumSet.of(Privilege.USE_CATALOG));
    grant(
        "main.default",
        Identities.ANALYST.userName(),
        EnumSet.of(Privilege.USE_SCHEMA, Privilege.CREATE_TABLE));
  }

  public synchronized void grant(String securable, String principal, Set<Privilege> privileges) {
    grants
        .computeIfAbsent(key(securable), k -> new LinkedHashMap<>())
        .computeIfAbsent(principal, k -> EnumSet.noneOf(Privilege.class))
        .addAll(privileges);
  }

  public synchronized void revoke(String securable, String principal, Set<Privilege> privileges) {
    Map<String, Set<Privilege>> onSecurable = grants.get(key(securable));
    if (onSecurable != null && onSecurable.containsKey(principal)) {
      onSecurable.get(principal).removeAll(privileges);
      if (onSecurable.get(principal).isEmpty()) {
        onSecurable.remove(principal);
      }
    }
  }

  /**
   * Grants belong to the object: when it is dropped they go, with those on everything under it, so
   * an object created again under the name starts with none.
   */
  @Override
  public synchronized void dropped(String fullName) {
    grants.keySet().removeIf(k -> DropCascade.isAtOrUnder(k, fullName));
  }

  @Override
  public String persistenceName() {
    return "grants";
  }

  /** Securable → principal → privileges. */
  @Override
  public synchronized JsonNode save() {
    return Json.MAPPER.valueToTree(grants);
  }

  /** Replaces every grant, the new workspace's included, with those of the earlier run. */
  @Override
  public synchronized void restore(JsonNode saved) {
    Map<String, Map<String, Set<Privilege>>> in =
        Json.MAPPER.convertValue(
            saved, new TypeReference<Map<String, Map<String, Set<Privilege>>>>() {});
    grants.clear();
    in.forEach(
        (securable, holders) ->
            holders.forEach((principal, privileges) -> grant(securable, principal, privileges)));
  }

  /** Direct grants on one securable: principal → privileges. */
  public synchronized Map<String, Set<Privilege>> direct(String securable) {
    Map<String, Set<Privilege>> out = new LinkedHashMap<>();
    grants
        .getOrDefault(key(securable), Map.of())
        .forEach((p, privs) -> out.put(p, EnumSet.copyOf(privs)));
    return out;
  }

  /** Every principal's privileges on a securable, including those inherited from its parents. */
  public synchronized Map<String, List<Effective>> effective(String securable) {
    Map<String, List<Effective>> out = new LinkedHashMap<>();
    for (String level : lineage(securable)) {
      grants
          .getOrDefault(level, Map.of())
          .forEach(
              (principal, privs) -> {
                for (Privilege p : privs) {
                  out.computeIfAbsent(principal, k -> new ArrayList<>())
                      .add(new Effective(p, level.equals(key(securable)) ? null : level));
                }
              });
    }
    return out;
  }

  /**
   * True when the principal holds the privilege here or above, owns something on the way, or is an
   * admin.
   */
  public boolean has(Principal principal, String securable, Privilege privilege) {
    if (principal.admin() || owns(principal, securable)) {
      return true;
    }
    synchronized (this) {
      for (String level : lineage(securable)) {
        Set<Privilege> privs = grants.getOrDefault(level, Map.of()).get(principal.userName());
        if (privs != null
            && (privs.contains(privilege) || privs.contains(Privilege.ALL_PRIVILEGES))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * True when the principal may see the securable at all (any privilege on it or above, or below
   * it).
   */
  public boolean canSee(Principal principal, String securable) {
    if (principal.admin() || owns(principal, securable)) {
      return true;
    }
    String k = key(securable);
    synchronized (this) {
      for (Map.Entry<String, Map<String, Set<Privilege>>> e : grants.entrySet()) {
        boolean related = lineage(securable).contains(e.getKey()) || e.getKey().startsWith(k + ".");
        if (related && e.getValue().containsKey(principal.userName())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A table's metadata is visible to its owner and to holders of SELECT, MODIFY or BROWSE on it or
   * above.
   */
  public boolean canSeeTable(Principal principal, String fullName) {
    return has(principal, fullName, Privilege.SELECT)
        || has(principal, fullName, Privilege.MODIFY)
        || has(principal, fullName, Privilege.BROWSE);
  }

  // --- the checks SQL and the API make, with Databricks' messages

  public void requireUseCatalog(Principal p, String catalog) {
    if (!has(p, catalog, Privilege.USE_CATALOG)) {
      throw denied(p, "USE CATALOG", "Catalog", catalog);
    }
  }

  public void requireUseSchema(Principal p, String catalog, String schema) {
    requireUseCatalog(p, catalog);
    if (!has(p, catalog + "." + schema, Privilege.USE_SCHEMA)) {
      throw denied(p, "USE SCHEMA", "Schema", catalog + "." + schema);
    }
  }

  public void requireSelect(Principal p, String fullName) {
    String[] t = fullName.split("\\.");
    requireUseSchema(p, t[0], t[1]);
    if (!has(p, fullName, Privilege.SELECT)) {
      throw denied(p, "SELECT", "Table", fullName);
    }
  }

  public void requireModify(Principal p, String fullName) {
    String[] t = fullName.split("\\.");
    requireUseSchema(p, t[0], t[1]);
    if (!has(p, fullName, Privilege.MODIFY)) {
      throw denied(p, "MODIFY", "Table", fullName);
    }
  }

  public void requireCreateTable(Principal p, String catalog, String schema) {
    requireUseSchema(p, catalog, schema);
    if (!has(p, catalog + "." + schema, Privilege.CREATE_TABLE)) {
      throw denied(p, "CREATE TABLE", "Schema", catalog + "." + schema);
    }
  }

  public void requireCreateSchema(Principal p, String catalog) {
    requireUseCatalog(p, catalog);
    if (!has(p, catalog, Privilege.CREATE_SCHEMA)) {
      throw denied(p, "CREATE SCHEMA", "Catalog", catalog);
    }
  }

  /** The owner (or an admin) may manage grants and drop the object. */
  public void requireOwner(Principal p, String securable, String what) {
    if (!p.admin() && !owns(p, securable)) {
      throw ApiException.denied("User does not have MANAGE on " + what + " '" + securable + "'.");
    }
  }

  private boolean owns(Principal p, String securable) {
    for (String level : lineage(securable)) {
      if (p.userName().equals(metastore.ownerOf(level))) {
        return true;
      }
    }
    return false;
  }

  private static ApiException denied(Principal p, String privilege, String kind, String name) {
    return ApiException.denied(
        "User does not have " + privilege + " on " + kind + " '" + name + "'.");
  }

  /** The securable and its parents, most specific first. */
  private static List<String> lineage(String securable) {
    String[] parts = key(securable).split("\\.");
    List<String> out = new ArrayList<>();
    for (int i = parts.length; i >= 1; i--) {
      out.add(String.join(".", java.util.Arrays.copyOf(parts, i)));
    }
    return out;
  }

  private static String key(String securable) {
    return securable.toLowerCase(Locale.ROOT);
  }
}
