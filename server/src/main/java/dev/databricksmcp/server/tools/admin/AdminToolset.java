package dev.databricksmcp.server.tools.admin;

import dev.databricksmcp.server.core.ModuleContext;
import dev.databricksmcp.server.core.OptionalToolset;
import dev.databricksmcp.server.core.ToolDef;
import java.util.ArrayList;
import java.util.List;

/**
 * Workspace administration: secret scopes, their secrets (never a value) and ACLs, who is who (the
 * current user, users, groups with their members, service principals), and object ACLs. Off by
 * default: most sessions need none of it and the default tool list stays under its token budget.
 */
public final class AdminToolset extends OptionalToolset {
  public static final String ID = "admin";

  public AdminToolset() {
    super(ID, "Secrets, permissions, identity, dashboards, apps");
  }

  @Override
  public List<ToolDef> tools(ModuleContext ctx) {
    List<ToolDef> tools = new ArrayList<>();
    tools.addAll(SecretTools.definitions());
    tools.addAll(SecretAclTools.definitions());
    tools.addAll(IdentityTools.definitions());
    tools.addAll(PermissionTools.definitions());
    tools.addAll(DashboardTools.definitions());
    tools.addAll(AppTools.definitions());
    return tools;
  }
}
