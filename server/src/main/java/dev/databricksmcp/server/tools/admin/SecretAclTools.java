package dev.databricksmcp.server.tools.admin;

import static dev.databricksmcp.server.tools.admin.AdminParams.PERMISSION;
import static dev.databricksmcp.server.tools.admin.AdminParams.PRINCIPAL;
import static dev.databricksmcp.server.tools.admin.AdminParams.SCOPE;

import com.databricks.sdk.service.workspace.AclItem;
import com.databricks.sdk.service.workspace.AclPermission;
import com.databricks.sdk.service.workspace.DeleteAcl;
import com.databricks.sdk.service.workspace.PutAcl;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.patterns.Listing;
import dev.databricksmcp.server.core.patterns.WholeListPages;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/** Who may use a secret scope: list, put and delete its ACLs (all need MANAGE on the scope). */
final class SecretAclTools {
  private SecretAclTools() {}

  static List<ToolDef> definitions() {
    return List.of(list(), put(), delete());
  }

  static ToolDef list() {
    Listing<AclItem> listing =
        Listing.<AclItem>of(
                "ACLs",
                (page, args, ctx) ->
                    WholeListPages.of(
                        StreamSupport.stream(
                                ctx.workspace().secrets().listAcls(SCOPE.of(args)).spliterator(),
                                false)
                            .toList(),
                        page))
            .params(SCOPE)
            .rows(SecretRows::acl);
    return ToolDef.builder(AdminToolset.ID, "list_secret_acls")
        .title("List secret scope ACLs")
        .description(
            "Who holds what on a secret scope (needs MANAGE): principal (user, service principal"
                + " or group) and permission (READ, WRITE, MANAGE).")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  static ToolDef put() {
    return ToolDef.builder(AdminToolset.ID, "put_secret_acl")
        .title("Put secret scope ACL")
        .description(
            "Give a user, service principal or group READ, WRITE or MANAGE on a secret scope"
                + " (needs MANAGE), replacing what they held.")
        .input(Schema.of(SCOPE, PRINCIPAL, PERMISSION))
        .hints(ToolHints.write(true))
        .checkWith("list_secret_acls")
        .handler(
            (args, ctx) -> {
              String scope = SCOPE.of(args);
              String principal = PRINCIPAL.of(args);
              AclPermission permission = AclPermission.valueOf(PERMISSION.of(args));
              ctx.workspace()
                  .secrets()
                  .putAcl(
                      new PutAcl()
                          .setScope(scope)
                          .setPrincipal(principal)
                          .setPermission(permission));
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("scope", scope);
              data.put("principal", principal);
              data.put("permission", permission.name());
              return ToolResult.of(
                  data, "Gave " + principal + " " + permission + " on secret scope " + scope + ".");
            })
        .build();
  }

  static ToolDef delete() {
    return ToolDef.builder(AdminToolset.ID, "delete_secret_acl")
        .title("Delete secret scope ACL")
        .description(
            "Take a principal's ACL off a secret scope (needs MANAGE); groups they are in keep"
                + " theirs.")
        .input(Schema.of(SCOPE, PRINCIPAL))
        .hints(ToolHints.write(true))
        .checkWith("list_secret_acls")
        .handler(
            (args, ctx) -> {
              String scope = SCOPE.of(args);
              String principal = PRINCIPAL.of(args);
              ctx.workspace()
                  .secrets()
                  .deleteAcl(new DeleteAcl().setScope(scope).setPrincipal(principal));
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("scope", scope);
              data.put("principal", principal);
              data.put("deleted", true);
              return ToolResult.of(
                  data, "Removed the ACL of " + principal + " on secret scope " + scope + ".");
            })
        .build();
  }
}
