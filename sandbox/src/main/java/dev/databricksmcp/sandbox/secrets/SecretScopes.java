package dev.databricksmcp.sandbox.secrets;

import com.databricks.sdk.service.workspace.AclItem;
import com.databricks.sdk.service.workspace.AclPermission;
import com.databricks.sdk.service.workspace.ScopeBackendType;
import com.databricks.sdk.service.workspace.SecretMetadata;
import com.databricks.sdk.service.workspace.SecretScope;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.databricksmcp.sandbox.auth.Principal;
import dev.databricksmcp.sandbox.auth.WorkspaceGroups;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.state.PersistentState;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Databricks-backed secret scopes (https://docs.databricks.com/api/secrets/v1/secret-scope.md):
 * each with its ACLs and its secrets. A value is held as bytes and handed out only by {@link
 * #value}; nothing else here (listings, errors, {@code toString}) carries it. Kept with {@code
 * --sandbox-dir} ({@code DIR/state/secret-scopes.json}, inside the sandbox's own directory and
 * nowhere else).
 */
public final class SecretScopes implements PersistentState {
  /** "A workspace is limited to a maximum of 100 secret scopes." (create-scope.md) */
  static final int MAX_SCOPES = 100;

  /** "The maximum number of secrets in a given scope is 1000." (put-secret.md) */
  static final int MAX_SECRETS_PER_SCOPE = 1000;

  private record Stored(byte[] value, long updatedAt) {
    @Override
    public String toString() {
      return "Stored[updatedAt=" + updatedAt + "]";
    }
  }

  private static final class Scope {
    final String name;
    final Map<String, AclPermission> acls = new LinkedHashMap<>();
    final Map<String, Stored> secrets = new LinkedHashMap<>();

    Scope(String name) {
      this.name = name;
    }
  }

  private final Map<String, Scope> scopes = new LinkedHashMap<>();

  /** A new scope; MANAGE for the caller, or for the group {@code users} when asked. */
  public synchronized void create(String name, String manager) {
    if (scopes.containsKey(name)) {
      throw new ApiException(
          ErrorCode.RESOURCE_ALREADY_EXISTS, "Scope " + name + " already exists!");
    }
    if (scopes.size() >= MAX_SCOPES) {
      throw new ApiException(
          ErrorCode.RESOURCE_LIMIT_EXCEEDED,
          "A workspace can hold at most " + MAX_SCOPES + " secret scopes.");
    }
    Scope scope = new Scope(name);
    scope.acls.put(manager, AclPermission.MANAGE);
    scopes.put(name, scope);
  }

  public synchronized void delete(String name, Principal caller) {
    require(name, caller, AclPermission.MANAGE);
    scopes.remove(name);
  }

  /** Every scope: scope names are readable by all users (create-scope.md). */
  public synchronized List<SecretScope> list() {
    return scopes.values().stream()
        .map(s -> new SecretScope().setName(s.name).setBackendType(ScopeBackendType.DATABRICKS))
        .toList();
  }

  public synchronized void put(String name, String key, byte[] value, Principal caller) {
    Scope scope = require(name, caller, AclPermission.WRITE);
    if (!scope.secrets.containsKey(key) && scope.secrets.size() >= MAX_SECRETS_PER_SCOPE) {
      throw new ApiException(
          ErrorCode.RESOURCE_LIMIT_EXCEEDED,
          "Scope " + name + " holds the most secrets a scope can: " + MAX_SECRETS_PER_SCOPE + ".");
    }
    scope.secrets.put(key, new Stored(value.clone(), System.currentTimeMillis()));
  }

  public synchronized void deleteSecret(String name, String key, Principal caller) {
    Scope scope = require(name, caller, AclPermission.WRITE);
    if (scope.secrets.remove(key) == null) {
      throw missingSecret(name, key);
    }
  }

  /** Keys and last update times, never values. */
  public synchronized List<SecretMetadata> listSecrets(String name, Principal caller) {
    Scope scope = require(name, caller, AclPermission.READ);
    List<SecretMetadata> out = new ArrayList<>();
    scope.secrets.forEach(
        (key, s) -> out.add(new SecretMetadata().setKey(key).setLastUpdatedTimestamp(s.updatedAt)));
    return out;
  }

  /** The value, for a caller with READ (get-secret: the bytes, base64 on the wire). */
  public synchronized byte[] value(String name, String key, Principal caller) {
    Stored s = require(name, caller, AclPermission.READ).secrets.get(key);
    if (s == null) {
      throw missingSecret(name, key);
    }
    return s.value.clone();
  }

  public synchronized void putAcl(
      String name, String principal, AclPermission permission, Principal caller) {
    require(name, caller, AclPermission.MANAGE).acls.put(principal, permission);
  }

  public synchronized void deleteAcl(String name, String principal, Principal caller) {
    if (require(name, caller, AclPermission.MANAGE).acls.remove(principal) == null) {
      throw missingAcl(name, principal);
    }
  }

  public synchronized List<AclItem> listAcls(String name, Principal caller) {
    List<AclItem> out = new ArrayList<>();
    require(name, caller, AclPermission.MANAGE)
        .acls
        .forEach(
            (p, permission) -> out.add(new AclItem().setPrincipal(p).setPermission(permission)));
    return out;
  }

  public synchronized AclItem getAcl(String name, String principal, Principal caller) {
    AclPermission permission = require(name, caller, AclPermission.MANAGE).acls.get(principal);
    if (permission == null) {
      throw missingAcl(name, principal);
    }
    return new AclItem().setPrincipal(principal).setPermission(permission);
  }

  /**
   * The scope, when the caller holds at least {@code needed} on it: MANAGE ⊇ WRITE ⊇ READ, from an
   * ACL naming them or a group they are in; workspace admins hold MANAGE on every scope.
   */
  private Scope require(String name, Principal caller, AclPermission needed) {
    Scope scope = scopes.get(name);
    if (scope == null) {
      throw new ApiException(
          ErrorCode.RESOURCE_DOES_NOT_EXIST, "Scope " + name + " does not exist!");
    }
    if (rank(effective(scope, caller)) < rank(Optional.of(needed))) {
      throw ApiException.denied(
          "User "
              + caller.userName()
              + " does not have "
              + needed
              + " permission on scope "
              + name
              + ".");
    }
    return scope;
  }

  private static Optional<AclPermission> effective(Scope scope, Principal caller) {
    if (caller.admin()) {
      return Optional.of(AclPermission.MANAGE);
    }
    Optional<AclPermission> best = Optional.empty();
    for (Map.Entry<String, AclPermission> acl : scope.acls.entrySet()) {
      if (names(acl.getKey(), caller) && rank(Optional.of(acl.getValue())) > rank(best)) {
        best = Optional.of(acl.getValue());
      }
    }
    return best;
  }

  /** Whether an ACL's principal is the caller or a group the caller is in. */
  private static boolean names(String aclPrincipal, Principal caller) {
    return aclPrincipal.equalsIgnoreCase(caller.userName())
        || WorkspaceGroups.byName(aclPrincipal).map(g -> g.has(caller)).orElse(false);
  }

  private static int rank(Optional<AclPermission> permission) {
    return permission
        .map(
            p ->
                switch (p) {
                  case READ -> 1;
                  case WRITE -> 2;
                  case MANAGE -> 3;
                })
        .orElse(0);
  }

  private static ApiException missingSecret(String scope, String key) {
    return new ApiException(
        ErrorCode.RESOURCE_DOES_NOT_EXIST,
        "Secret " + key + " does not exist in scope " + scope + "!");
  }

  private static ApiException missingAcl(String scope, String principal) {
    return new ApiException(
        ErrorCode.RESOURCE_DOES_NOT_EXIST,
        "No ACL for principal " + principal + " on scope " + scope + ".");
  }

  @Override
  public String persistenceName() {
    return "secret-scopes";
  }

  @Override
  public synchronized JsonNode save() {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (Scope scope : scopes.values()) {
      ObjectNode s = out.addObject().put("name", scope.name);
      ObjectNode acls = s.putObject("acls");
      scope.acls.forEach((p, permission) -> acls.put(p, permission.name()));
      ArrayNode secrets = s.putArray("secrets");
      scope.secrets.forEach(
          (key, stored) ->
              secrets
                  .addObject()
                  .put("key", key)
                  .put("value", Base64.getEncoder().encodeToString(stored.value))
                  .put("updated_at", stored.updatedAt));
    }
    return out;
  }

  @Override
  public synchronized void restore(JsonNode saved) {
    scopes.clear();
    for (JsonNode s : saved) {
      Scope scope = new Scope(s.get("name").asText());
      s.get("acls")
          .fields()
          .forEachRemaining(
              e -> scope.acls.put(e.getKey(), AclPermission.valueOf(e.getValue().asText())));
      for (JsonNode secret : s.get("secrets")) {
        scope.secrets.put(
            secret.get("key").asText(),
            new Stored(
                Base64.getDecoder().decode(secret.get("value").asText()),
                secret.get("updated_at").asLong()));
      }
      scopes.put(scope.name, scope);
    }
  }
}
