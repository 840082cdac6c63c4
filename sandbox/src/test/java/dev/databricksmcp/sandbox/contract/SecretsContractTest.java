package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.analyst;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.quote;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.workspace.AclItem;
import com.databricks.sdk.service.workspace.AclPermission;
import com.databricks.sdk.service.workspace.CreateScope;
import com.databricks.sdk.service.workspace.PutAcl;
import com.databricks.sdk.service.workspace.PutSecret;
import com.databricks.sdk.service.workspace.SecretMetadata;
import com.databricks.sdk.service.workspace.SecretScope;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Identities;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Secrets API (index: https://docs.databricks.com/api/secrets/v1/secret-scope.md, secret.md,
 * secret-acl.md) for Databricks-backed scopes. Where the pages are silent the sandbox chooses, and
 * the test says so: a value over 128 KB is INVALID_PARAMETER_VALUE (put-secret.md: "if the request
 * parameters are invalid"); put-acl both "creates or overwrites" and lists RESOURCE_ALREADY_EXISTS,
 * the sandbox overwrites (as the CLI and Terraform expect of it); workspace admins hold MANAGE on
 * every scope (the secrets guide's "workspace admins have MANAGE permissions on all scopes").
 */
@Timeout(120)
@ExtendWith(SharedSandbox.class)
class SecretsContractTest {
  private static final String BASE = "/api/2.0/secrets";
  private static final String DOC = "https://docs.databricks.com/api/secrets/v1/";

  /** A scope made by the admin, with the analyst given {@code permission} when not null. */
  private static String scope(String permission) {
    String scope = unique("scope");
    admin().post(BASE + "/scopes/create", "{\"scope\": " + quote(scope) + "}").okEmpty();
    if (permission != null) {
      admin()
          .post(
              BASE + "/acls/put",
              "{\"scope\": "
                  + quote(scope)
                  + ", \"principal\": "
                  + quote(Identities.ANALYST.userName())
                  + ", \"permission\": "
                  + quote(permission)
                  + "}")
          .okEmpty();
    }
    return scope;
  }

  private static String secretBody(String scope, String key, String value) {
    return "{\"scope\": "
        + quote(scope)
        + ", \"key\": "
        + quote(key)
        + ", \"string_value\": "
        + quote(value)
        + "}";
  }

  /**
   * Create: {@code {}}; a second scope of the name is RESOURCE_ALREADY_EXISTS; a name outside
   * "alphanumeric characters, dashes, underscores, and periods, ≤ 128 characters" is
   * INVALID_PARAMETER_VALUE; {@code initial_manage_principal} other than {@code users} is refused
   * ("The only supported principal for this option is the group users").
   * https://docs.databricks.com/api/secrets/v1/create-scope.md
   */
  @Test
  @Contract(value = "POST /api/2.0/secrets/scopes/create", doc = DOC + "create-scope.md")
  void createScope() {
    String scope = scope(null);
    admin()
        .post(BASE + "/scopes/create", "{\"scope\": " + quote(scope) + "}")
        .isError(409, "RESOURCE_ALREADY_EXISTS", ResourceAlreadyExists.class);
    for (String bad : new String[] {"has space", "semi;colon", "x".repeat(129), ""}) {
      admin()
          .post(BASE + "/scopes/create", "{\"scope\": " + quote(bad) + "}")
          .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    }
    admin()
        .post(
            BASE + "/scopes/create",
            "{\"scope\": "
                + quote(unique("s"))
                + ", \"initial_manage_principal\": "
                + quote(Identities.ANALYST.userName())
                + "}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
  }

  /**
   * List scopes: the documented example's shape, {@code {"scopes": [{"name", "backend_type"}]}};
   * every user sees every scope's name ("readable by all users in the workspace").
   * https://docs.databricks.com/api/secrets/v1/list-scopes.md
   */
  @Test
  @Contract(value = "GET /api/2.0/secrets/scopes/list", doc = DOC + "list-scopes.md")
  void listScopes() {
    String scope = scope(null);
    JsonNode list = analyst().get(BASE + "/scopes/list").ok();
    JsonShape.of("{\"scopes\": [{\"name\": \"string\", \"backend_type\": \"DATABRICKS\"}]}")
        .required("scopes[].name", "scopes[].backend_type")
        .check(list);
    assertThat(list.get("scopes").findValuesAsText("name")).contains(scope);
  }

  /**
   * Delete scope: MANAGE required; an unknown scope is RESOURCE_DOES_NOT_EXIST.
   * https://docs.databricks.com/api/secrets/v1/delete-scope.md
   */
  @Test
  @Contract(value = "POST /api/2.0/secrets/scopes/delete", doc = DOC + "delete-scope.md")
  void deleteScope() {
    String scope = scope("WRITE");
    String body = "{\"scope\": " + quote(scope) + "}";
    analyst()
        .post(BASE + "/scopes/delete", body)
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    admin().post(BASE + "/scopes/delete", body).okEmpty();
    admin()
        .post(BASE + "/scopes/delete", body)
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  /**
   * Put: WRITE or MANAGE required; exactly one of string_value and bytes_value; a key outside the
   * naming rules or a value over 128 KB is INVALID_PARAMETER_VALUE (the sandbox's choice of code
   * for the size, see the class); an unknown scope RESOURCE_DOES_NOT_EXIST.
   * https://docs.databricks.com/api/secrets/v1/put-secret.md
   */
  @Test
  @Contract(value = "POST /api/2.0/secrets/put", doc = DOC + "put-secret.md")
  void putSecret() {
    String scope = scope("READ");
    admin().post(BASE + "/put", secretBody(scope, "k1", "foobar")).okEmpty();
    analyst()
        .post(BASE + "/put", secretBody(scope, "k2", "foobar"))
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    admin()
        .post(BASE + "/put", secretBody(unique("none"), "k", "v"))
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    admin()
        .post(BASE + "/put", secretBody(scope, "bad key", "v"))
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin()
        .post(BASE + "/put", secretBody(scope, "big", "x".repeat(128 * 1024 + 1)))
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin()
        .post(BASE + "/put", secretBody(scope, "exactly-128k", "x".repeat(128 * 1024)))
        .okEmpty();
    admin()
        .post(
            BASE + "/put",
            "{\"scope\": "
                + quote(scope)
                + ", \"key\": \"both\", \"string_value\": \"a\","
                + " \"bytes_value\": \"YQ==\"}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin()
        .post(BASE + "/put", "{\"scope\": " + quote(scope) + ", \"key\": \"neither\"}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
  }

  /**
   * List secrets: READ required; keys and {@code last_updated_timestamp} (ms), never a value.
   * https://docs.databricks.com/api/secrets/v1/list-secrets.md
   */
  @Test
  @Contract(value = "GET /api/2.0/secrets/list", doc = DOC + "list-secrets.md")
  void listSecrets() {
    String scope = scope("READ");
    long before = System.currentTimeMillis();
    admin().post(BASE + "/put", secretBody(scope, "listed", "the-listed-value")).okEmpty();
    JsonNode list = analyst().get(Wire.query(BASE + "/list", "scope", scope)).ok();
    JsonShape.of("{\"secrets\": [{\"key\": \"string\", \"last_updated_timestamp\": 0}]}")
        .required("secrets[].key", "secrets[].last_updated_timestamp")
        .check(list);
    assertThat(list.get("secrets").get(0).get("key").asText()).isEqualTo("listed");
    assertThat(list.get("secrets").get(0).get("last_updated_timestamp").asLong())
        .isGreaterThanOrEqualTo(before);
    assertThat(list.toString()).doesNotContain("the-listed-value");

    String hidden = scope(null);
    analyst()
        .get(Wire.query(BASE + "/list", "scope", hidden))
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
  }

  /**
   * Delete secret: WRITE required; an unknown key RESOURCE_DOES_NOT_EXIST ("if no such secret scope
   * or secret exists"). https://docs.databricks.com/api/secrets/v1/delete-secret.md
   */
  @Test
  @Contract(value = "POST /api/2.0/secrets/delete", doc = DOC + "delete-secret.md")
  void deleteSecret() {
    String scope = scope("READ");
    admin().post(BASE + "/put", secretBody(scope, "gone", "v")).okEmpty();
    String body = "{\"scope\": " + quote(scope) + ", \"key\": \"gone\"}";
    analyst()
        .post(BASE + "/delete", body)
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    admin().post(BASE + "/delete", body).okEmpty();
    admin()
        .post(BASE + "/delete", body)
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  /**
   * Get: READ required; {@code {"key", "value"}} with the value's bytes in base64; an unknown key
   * RESOURCE_DOES_NOT_EXIST. https://docs.databricks.com/api/secrets/v1/get-secret.md
   */
  @Test
  @Contract(value = "GET /api/2.0/secrets/get", doc = DOC + "get-secret.md")
  void getSecret() {
    String scope = scope("READ");
    admin().post(BASE + "/put", secretBody(scope, "k", "foobar")).okEmpty();
    JsonNode got = analyst().get(Wire.query(BASE + "/get", "scope", scope, "key", "k")).ok();
    JsonShape.of("{\"key\": \"string\", \"value\": \"string\"}")
        .required("key", "value")
        .check(got);
    assertThat(
            new String(
                Base64.getDecoder().decode(got.get("value").asText()), StandardCharsets.UTF_8))
        .isEqualTo("foobar");
    analyst()
        .get(Wire.query(BASE + "/get", "scope", scope(null), "key", "k"))
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    admin()
        .get(Wire.query(BASE + "/get", "scope", scope, "key", "missing"))
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  /**
   * Put ACL: MANAGE required; the permission one of READ, WRITE, MANAGE and the principal an
   * existing user or group, else INVALID_PARAMETER_VALUE; a second put overwrites.
   * https://docs.databricks.com/api/secrets/v1/put-acl.md
   */
  @Test
  @Contract(value = "POST /api/2.0/secrets/acls/put", doc = DOC + "put-acl.md")
  void putAcl() {
    String scope = scope("WRITE");
    String acl = "{\"scope\": " + quote(scope) + ", \"principal\": \"data-engineers\",";
    analyst()
        .post(BASE + "/acls/put", acl + " \"permission\": \"READ\"}")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    admin().post(BASE + "/acls/put", acl + " \"permission\": \"READ\"}").okEmpty();
    admin().post(BASE + "/acls/put", acl + " \"permission\": \"WRITE\"}").okEmpty();
    assertThat(
            admin()
                .get(Wire.query(BASE + "/acls/get", "scope", scope, "principal", "data-engineers"))
                .ok()
                .get("permission")
                .asText())
        .isEqualTo("WRITE");
    admin()
        .post(BASE + "/acls/put", acl + " \"permission\": \"OWN\"}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin()
        .post(
            BASE + "/acls/put",
            "{\"scope\": "
                + quote(scope)
                + ", \"principal\": \"nobody@nowhere\", \"permission\": \"READ\"}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
  }

  /**
   * Delete ACL: MANAGE required; an ACL that is not there is RESOURCE_DOES_NOT_EXIST.
   * https://docs.databricks.com/api/secrets/v1/delete-acl.md
   */
  @Test
  @Contract(value = "POST /api/2.0/secrets/acls/delete", doc = DOC + "delete-acl.md")
  void deleteAcl() {
    String scope = scope("READ");
    String body =
        "{\"scope\": "
            + quote(scope)
            + ", \"principal\": "
            + quote(Identities.ANALYST.userName())
            + "}";
    analyst()
        .post(BASE + "/acls/delete", body)
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    admin().post(BASE + "/acls/delete", body).okEmpty();
    admin()
        .post(BASE + "/acls/delete", body)
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  /**
   * List ACLs: MANAGE required; {@code {"items": [{"principal", "permission"}]}} (the AclItem list
   * as ListAclsResponse names it; the page's example calls the array "acls", the OpenAPI spec and
   * every SDK "items"). The creator holds MANAGE.
   * https://docs.databricks.com/api/secrets/v1/list-acls.md
   */
  @Test
  @Contract(value = "GET /api/2.0/secrets/acls/list", doc = DOC + "list-acls.md")
  void listAcls() {
    String scope = scope("READ");
    JsonNode list = admin().get(Wire.query(BASE + "/acls/list", "scope", scope)).ok();
    JsonShape.of(
            "{\"items\": [{\"principal\": \"string\", \"permission\": \"READ|WRITE|MANAGE\"}]}")
        .required("items[].principal", "items[].permission")
        .check(list);
    assertThat(list.get("items").toString())
        .contains(Identities.ADMIN.userName(), "MANAGE", Identities.ANALYST.userName(), "READ");
    analyst()
        .get(Wire.query(BASE + "/acls/list", "scope", scope))
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
  }

  /**
   * Get ACL: MANAGE required; the AclItem; a principal without an ACL RESOURCE_DOES_NOT_EXIST.
   * https://docs.databricks.com/api/secrets/v1/get-acl.md
   */
  @Test
  @Contract(value = "GET /api/2.0/secrets/acls/get", doc = DOC + "get-acl.md")
  void getAcl() {
    String scope = scope("READ");
    JsonNode acl =
        admin()
            .get(
                Wire.query(
                    BASE + "/acls/get", "scope", scope, "principal", Identities.ANALYST.userName()))
            .ok();
    JsonShape.of("{\"principal\": \"string\", \"permission\": \"READ|WRITE|MANAGE\"}")
        .required("principal", "permission")
        .check(acl);
    assertThat(acl.get("permission").asText()).isEqualTo("READ");
    admin()
        .get(Wire.query(BASE + "/acls/get", "scope", scope, "principal", "analysts"))
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  /**
   * The round trip the issue asks for, through the Databricks SDK: a scope with {@code
   * initial_manage_principal=users} (every user MANAGEs it), a secret, its listing without a value,
   * its value read back, an ACL for a group; a user with READ only cannot put.
   */
  @Test
  @Contract(value = "POST /api/2.0/secrets/scopes/create", doc = DOC + "create-scope.md")
  @Contract(value = "POST /api/2.0/secrets/put", doc = DOC + "put-secret.md")
  @Contract(value = "GET /api/2.0/secrets/list", doc = DOC + "list-secrets.md")
  @Contract(value = "GET /api/2.0/secrets/get", doc = DOC + "get-secret.md")
  @Contract(value = "POST /api/2.0/secrets/acls/put", doc = DOC + "put-acl.md")
  void sdkRoundTrip() {
    WorkspaceClient analyst = SharedSandbox.sdk(Identities.USER_TOKEN);
    WorkspaceClient admin = SharedSandbox.sdk(Identities.ADMIN_TOKEN);
    String shared = unique("shared");
    analyst
        .secrets()
        .createScope(new CreateScope().setScope(shared).setInitialManagePrincipal("users"));
    assertThat(StreamSupport.stream(analyst.secrets().listScopes().spliterator(), false))
        .extracting(SecretScope::getName)
        .contains(shared);
    analyst
        .secrets()
        .putSecret(new PutSecret().setScope(shared).setKey("api").setStringValue("s3cr3t"));
    assertThat(StreamSupport.stream(analyst.secrets().listSecrets(shared).spliterator(), false))
        .extracting(SecretMetadata::getKey)
        .containsExactly("api");
    assertThat(
            new String(
                Base64.getDecoder().decode(analyst.secrets().getSecret(shared, "api").getValue()),
                StandardCharsets.UTF_8))
        .isEqualTo("s3cr3t");
    analyst
        .secrets()
        .putAcl(
            new PutAcl()
                .setScope(shared)
                .setPrincipal("analysts")
                .setPermission(AclPermission.READ));
    assertThat(StreamSupport.stream(analyst.secrets().listAcls(shared).spliterator(), false))
        .extracting(AclItem::getPrincipal)
        .contains("users", "analysts");

    String readOnly = unique("readonly");
    admin.secrets().createScope(new CreateScope().setScope(readOnly));
    admin
        .secrets()
        .putAcl(
            new PutAcl()
                .setScope(readOnly)
                .setPrincipal("analysts")
                .setPermission(AclPermission.READ));
    assertThatThrownBy(
            () ->
                analyst
                    .secrets()
                    .putSecret(new PutSecret().setScope(readOnly).setKey("k").setStringValue("v")))
        .isInstanceOf(PermissionDenied.class);
    assertThat(analyst.secrets().listSecrets(readOnly)).isEmpty();
  }
}
