package dev.databricksmcp.sandbox.secrets;

import com.databricks.sdk.service.workspace.AclPermission;
import com.databricks.sdk.service.workspace.ListAclsResponse;
import com.databricks.sdk.service.workspace.ListScopesResponse;
import com.databricks.sdk.service.workspace.ListSecretsResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.auth.WorkspaceGroups;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.Router;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Secrets API 2.0 (https://docs.databricks.com/api/secrets/v1/secret-scope.md, secret.md,
 * secret-acl.md) for Databricks-backed scopes, ACLs enforced per caller. No error message carries a
 * secret's value: they name the scope, the key or the principal only.
 */
public final class SecretsApi implements ApiModule {
  private static final String BASE = "/api/2.0/secrets";

  /** Scope names and keys: "alphanumeric characters, dashes, underscores, and periods", ≤ 128. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

  /** "The maximum allowed secret value size is 128 KB." (put-secret.md) */
  static final int MAX_VALUE_BYTES = 128 * 1024;

  private final SecretScopes scopes;
  private final Identities identities;

  public SecretsApi(SecretScopes scopes, Identities identities) {
    this.scopes = scopes;
    this.identities = identities;
  }

  @Override
  public void register(Router router) {
    router.get(BASE + "/scopes/list", r -> new ListScopesResponse().setScopes(scopes.list()));
    router.post(BASE + "/scopes/create", this::createScope);
    router.post(
        BASE + "/scopes/delete",
        r -> {
          scopes.delete(required(body(r), "scope"), r.principal());
          return Map.of();
        });
    router.post(BASE + "/put", this::put);
    router.post(
        BASE + "/delete",
        r -> {
          JsonNode body = body(r);
          scopes.deleteSecret(required(body, "scope"), required(body, "key"), r.principal());
          return Map.of();
        });
    router.get(
        BASE + "/list",
        r ->
            new ListSecretsResponse()
                .setSecrets(scopes.listSecrets(query(r, "scope"), r.principal())));
    router.get(
        BASE + "/get",
        r -> {
          String key = query(r, "key");
          byte[] value = scopes.value(query(r, "scope"), key, r.principal());
          return Map.of("key", key, "value", Base64.getEncoder().encodeToString(value));
        });
    router.post(BASE + "/acls/put", this::putAcl);
    router.post(
        BASE + "/acls/delete",
        r -> {
          JsonNode body = body(r);
          scopes.deleteAcl(required(body, "scope"), required(body, "principal"), r.principal());
          return Map.of();
        });
    router.get(
        BASE + "/acls/list",
        r -> new ListAclsResponse().setItems(scopes.listAcls(query(r, "scope"), r.principal())));
    router.get(
        BASE + "/acls/get",
        r -> scopes.getAcl(query(r, "scope"), query(r, "principal"), r.principal()));
  }

  /**
   * Only Databricks-backed scopes; {@code initial_manage_principal} may only be {@code users} ("The
   * only supported principal for this option is the group users").
   */
  private Object createScope(ApiRequest r) {
    JsonNode body = body(r);
    String scope = named(required(body, "scope"), "scope");
    String backend = optional(body, "scope_backend_type");
    if (backend != null && !backend.equalsIgnoreCase("DATABRICKS")) {
      throw ApiException.invalid(
          "The sandbox holds only Databricks-backed scopes; scope_backend_type "
              + backend
              + " is not supported.");
    }
    String initial = optional(body, "initial_manage_principal");
    if (initial != null && !initial.equals("users")) {
      throw ApiException.invalid(
          "initial_manage_principal must be 'users' (the only supported principal).");
    }
    scopes.create(scope, initial != null ? initial : r.principal().userName());
    return Map.of();
  }

  /** Exactly one of string_value and bytes_value; the value itself is never put in a message. */
  private Object put(ApiRequest r) {
    JsonNode body = body(r);
    String scope = required(body, "scope");
    String key = named(required(body, "key"), "key");
    String text = optional(body, "string_value");
    String bytes = optional(body, "bytes_value");
    if ((text == null) == (bytes == null)) {
      throw ApiException.invalid("Exactly one of string_value and bytes_value must be specified.");
    }
    byte[] value;
    if (text != null) {
      value = text.getBytes(StandardCharsets.UTF_8);
    } else {
      try {
        value = Base64.getDecoder().decode(bytes);
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid("bytes_value must be base64.");
      }
    }
    if (value.length > MAX_VALUE_BYTES) {
      throw ApiException.invalid(
          "The secret value is "
              + value.length
              + " bytes; the maximum allowed size is 128 KB ("
              + MAX_VALUE_BYTES
              + " bytes).");
    }
    scopes.put(scope, key, value, r.principal());
    return Map.of();
  }

  /** The principal must exist: a user, a service principal's application id, or a group. */
  private Object putAcl(ApiRequest r) {
    JsonNode body = body(r);
    String scope = required(body, "scope");
    String principal = required(body, "principal");
    String permission = required(body, "permission").toUpperCase(Locale.ROOT);
    AclPermission level;
    try {
      level = AclPermission.valueOf(permission);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(
          "Invalid permission " + permission + ": one of READ, WRITE, MANAGE.");
    }
    boolean known =
        WorkspaceGroups.byName(principal).isPresent()
            || identities.all().stream().anyMatch(p -> p.userName().equalsIgnoreCase(principal));
    if (!known) {
      throw ApiException.invalid("Principal " + principal + " does not exist.");
    }
    scopes.putAcl(scope, principal, level, r.principal());
    return Map.of();
  }

  private static JsonNode body(ApiRequest r) {
    return r.bodyAs(JsonNode.class);
  }

  private static String optional(JsonNode body, String field) {
    JsonNode v = body.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static String required(JsonNode body, String field) {
    String v = optional(body, field);
    if (v == null || v.isEmpty()) {
      throw ApiException.invalid("Missing required field: " + field);
    }
    return v;
  }

  private static String query(ApiRequest r, String name) {
    return r.queryParam(name)
        .filter(v -> !v.isEmpty())
        .orElseThrow(() -> ApiException.invalid("Missing required field: " + name));
  }

  private static String named(String value, String field) {
    if (!NAME.matcher(value).matches()) {
      throw ApiException.invalid(
          field
              + " '"
              + value
              + "' must consist of alphanumeric characters, dashes, underscores, and periods,"
              + " and may not exceed 128 characters.");
    }
    return value;
  }
}
