package dev.databricksmcp.server.tools.admin;

import static dev.databricksmcp.server.tools.admin.AdminParams.KEY;
import static dev.databricksmcp.server.tools.admin.AdminParams.SCOPE;
import static dev.databricksmcp.server.tools.admin.AdminParams.VALUE;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.workspace.CreateScope;
import com.databricks.sdk.service.workspace.DeleteScope;
import com.databricks.sdk.service.workspace.DeleteSecret;
import com.databricks.sdk.service.workspace.PutSecret;
import com.databricks.sdk.service.workspace.ScopeBackendType;
import com.databricks.sdk.service.workspace.SecretMetadata;
import com.databricks.sdk.service.workspace.SecretScope;
import dev.databricksmcp.server.core.ConfirmationTarget;
import dev.databricksmcp.server.core.Counted;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.patterns.Deletion;
import dev.databricksmcp.server.core.patterns.Listing;
import dev.databricksmcp.server.core.patterns.WholeListPages;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * Secret scopes and secrets: list, create and delete scopes; list (keys and update times), put and
 * delete secrets. There is no tool that reads a secret's value, in any mode: a value goes in
 * through put_secret and never comes back out.
 */
final class SecretTools {
  private static final Param<Boolean> ALL_USERS_MANAGE =
      Param.bool(
              "all_users_manage",
              "Give every workspace user MANAGE on the scope (the group 'users'); by default only"
                  + " you (and workspace admins) manage it")
          .withDefault(false);

  private SecretTools() {}

  static List<ToolDef> definitions() {
    return List.of(
        listScopes(), createScope(), deleteScope(), listSecrets(), putSecret(), deleteSecret());
  }

  static ToolDef listScopes() {
    Listing<SecretScope> listing =
        Listing.<SecretScope>of(
                "secret scopes",
                (page, args, ctx) -> WholeListPages.of(scopes(ctx.workspace()), page))
            .rows(SecretRows::scope);
    return ToolDef.builder(AdminToolset.ID, "list_secret_scopes")
        .title("List secret scopes")
        .description(
            "Secret scopes of the workspace (every user sees every scope's name): name and"
                + " backend_type. list_secrets shows a scope's keys.")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  static ToolDef createScope() {
    return ToolDef.builder(AdminToolset.ID, "create_secret_scope")
        .title("Create secret scope")
        .description(
            "Create a Databricks-backed secret scope; you get MANAGE on it, or every user does"
                + " with all_users_manage=true. Then put_secret stores values in it.")
        .input(Schema.of(SCOPE, ALL_USERS_MANAGE))
        .hints(ToolHints.write(false))
        .checkWith("list_secret_scopes")
        .handler(
            (args, ctx) -> {
              String scope = SCOPE.of(args);
              boolean everyone = ALL_USERS_MANAGE.of(args);
              CreateScope req =
                  new CreateScope()
                      .setScope(scope)
                      .setScopeBackendType(ScopeBackendType.DATABRICKS);
              if (everyone) {
                req.setInitialManagePrincipal("users");
              }
              ctx.workspace().secrets().createScope(req);
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("name", scope);
              data.put("backend_type", ScopeBackendType.DATABRICKS.name());
              data.put("managed_by", everyone ? "users" : "you");
              return ToolResult.of(
                  data,
                  "Created secret scope "
                      + scope
                      + (everyone ? "; every user can manage it." : "; you manage it."));
            })
        .build();
  }

  /** A scope with its keys, resolved once for the confirmation and the delete. */
  private record DoomedScope(String name, List<SecretMetadata> secrets) {}

  static ToolDef deleteScope() {
    Deletion<DoomedScope> deletion =
        Deletion.of(
            (args, ctx) -> {
              String scope = existingScope(ctx.workspace(), SCOPE.of(args));
              return new DoomedScope(scope, secrets(ctx.workspace(), scope));
            },
            (d, args, ctx) ->
                ConfirmationTarget.irreversible(
                    "delete secret scope "
                        + d.name()
                        + " and its "
                        + Counted.of(d.secrets().size(), "secret", "secrets")
                        + " in "
                        + ctx.workspaceHost(),
                    d.name() + "|" + d.secrets().size()),
            (d, args, ctx) -> {
              ctx.workspace().secrets().deleteScope(new DeleteScope().setScope(d.name()));
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("name", d.name());
              data.put("deleted", true);
              return ToolResult.of(
                  data,
                  "Deleted secret scope "
                      + d.name()
                      + " with its "
                      + Counted.of(d.secrets().size(), "secret", "secrets")
                      + ".");
            });
    return ToolDef.builder(AdminToolset.ID, "delete_secret_scope")
        .title("Delete secret scope")
        .description(
            "Delete a secret scope with every secret in it, for good (needs MANAGE). The"
                + " confirmation says how many secrets go with it.")
        .input(Schema.of(SCOPE))
        .hints(ToolHints.destructive(false))
        .checkWith("list_secret_scopes")
        .confirmTarget(deletion)
        .handler(deletion)
        .build();
  }

  static ToolDef listSecrets() {
    Listing<SecretMetadata> listing =
        Listing.<SecretMetadata>of(
                "secrets",
                (page, args, ctx) ->
                    WholeListPages.of(secrets(ctx.workspace(), SCOPE.of(args)), page))
            .params(SCOPE)
            .rows(SecretRows::secret);
    return ToolDef.builder(AdminToolset.ID, "list_secrets")
        .title("List secrets")
        .description(
            "The secrets of a scope (needs READ): key and updated_at only. Values are never"
                + " shown, by this or any tool.")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  static ToolDef putSecret() {
    return ToolDef.builder(AdminToolset.ID, "put_secret")
        .title("Put secret")
        .description(
            "Store a secret in a scope (needs WRITE), replacing the key's value if it exists. The"
                + " value is write-only: it is not echoed, logged or audited, and no tool reads"
                + " it back.")
        .input(Schema.of(SCOPE, KEY, VALUE))
        .hints(ToolHints.write(true))
        .checkWith("list_secrets")
        .handler(
            (args, ctx) -> {
              String scope = SCOPE.of(args);
              String key = KEY.of(args);
              ctx.workspace()
                  .secrets()
                  .putSecret(
                      new PutSecret().setScope(scope).setKey(key).setStringValue(VALUE.of(args)));
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("scope", scope);
              data.put("key", key);
              data.put("stored", true);
              return ToolResult.of(
                  data,
                  "Stored secret " + key + " in scope " + scope + "; its value is not shown.");
            })
        .build();
  }

  private record DoomedSecret(String scope, String key) {}

  static ToolDef deleteSecret() {
    Deletion<DoomedSecret> deletion =
        Deletion.of(
            (args, ctx) -> {
              String scope = SCOPE.of(args);
              String key = KEY.of(args);
              boolean there =
                  secrets(ctx.workspace(), scope).stream().anyMatch(s -> key.equals(s.getKey()));
              if (!there) {
                throw ToolException.notFound("Secret " + key + " in scope " + scope);
              }
              return new DoomedSecret(scope, key);
            },
            (d, args, ctx) ->
                ConfirmationTarget.irreversible(
                    "delete secret "
                        + d.key()
                        + " from scope "
                        + d.scope()
                        + " in "
                        + ctx.workspaceHost(),
                    d.scope() + "|" + d.key()),
            (d, args, ctx) -> {
              ctx.workspace()
                  .secrets()
                  .deleteSecret(new DeleteSecret().setScope(d.scope()).setKey(d.key()));
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("scope", d.scope());
              data.put("key", d.key());
              data.put("deleted", true);
              return ToolResult.of(
                  data, "Deleted secret " + d.key() + " from scope " + d.scope() + ".");
            });
    return ToolDef.builder(AdminToolset.ID, "delete_secret")
        .title("Delete secret")
        .description("Delete one secret from a scope, for good (needs WRITE).")
        .input(Schema.of(SCOPE, KEY))
        .hints(ToolHints.destructive(false))
        .checkWith("list_secrets")
        .confirmTarget(deletion)
        .handler(deletion)
        .build();
  }

  static List<SecretScope> scopes(WorkspaceClient w) {
    return StreamSupport.stream(w.secrets().listScopes().spliterator(), false).toList();
  }

  static List<SecretMetadata> secrets(WorkspaceClient w, String scope) {
    return StreamSupport.stream(w.secrets().listSecrets(scope).spliterator(), false).toList();
  }

  /** The scope's name when it exists; NOT_FOUND naming it otherwise. */
  static String existingScope(WorkspaceClient w, String scope) {
    return scopes(w).stream()
        .map(SecretScope::getName)
        .filter(scope::equals)
        .findFirst()
        .orElseThrow(() -> ToolException.notFound("Secret scope " + scope));
  }
}
