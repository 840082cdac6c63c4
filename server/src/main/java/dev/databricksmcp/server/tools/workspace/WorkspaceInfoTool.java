package dev.databricksmcp.server.tools.workspace;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.iam.User;
import dev.databricksmcp.sandbox.SandboxBanner;
import dev.databricksmcp.sandbox.data.SandboxContents;
import dev.databricksmcp.server.core.ServerSettings;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.mcp.ServerInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** get_workspace_info: who and where the server is talking to, and how it is configured. */
public final class WorkspaceInfoTool {
  private WorkspaceInfoTool() {}

  /**
   * @param facts the server's configuration, reported back so the model knows what it has; the
   *     sandbox flag makes sure a model never takes the sandbox for production
   * @param enabledToolsets the ids of the toolsets the user's selection switches on
   */
  public static ToolDef definition(ServerSettings facts, List<String> enabledToolsets) {
    List<String> enabled = List.copyOf(enabledToolsets);
    boolean readOnlyMode = facts.readOnly();
    boolean sandbox = facts.sandbox();
    return ToolDef.builder(WorkspaceToolset.ID, "get_workspace_info")
        .title("Workspace info")
        .description(
            "Who and where this server is connected to: workspace host, current user, workspace id,"
                + " auth type, whether it is the local sandbox, server version, enabled toolsets,"
                + " read-only mode and whether destructive tools ask for confirmation; in the"
                + " sandbox also its sample data (schemas and tables), warehouses and SQL helpers"
                + " such as sandbox_sleep(seconds). Call it first to check the connection.")
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              WorkspaceClient w = ctx.workspace();
              User me = w.currentUser().me(new MeRequest());
              Map<String, Object> info = new LinkedHashMap<>();
              info.put("host", w.config().getHost());
              info.put("workspace_id", w.config().getWorkspaceId());
              info.put("sandbox", sandbox);
              info.put("current_user", me.getUserName());
              info.put("current_user_display_name", me.getDisplayName());
              info.put("auth_type", w.config().getAuthType());
              info.put("server_version", ServerInfo.version());
              info.put("enabled_toolsets", enabled);
              info.put("read_only", readOnlyMode);
              info.put("confirm_destructive", facts.confirmDestructive());
              info.put("http_auth", facts.httpAuth());
              if (sandbox) {
                // what a new sandbox holds, from the sandbox's own setup (SandboxContents)
                info.put("sandbox_contents", SandboxContents.describe());
                info.put("things_to_try", SandboxBanner.THINGS_TO_TRY);
              }
              String where = sandbox ? "the local sandbox workspace" : w.config().getHost();
              return ToolResult.of(
                  info,
                  "Connected to "
                      + where
                      + " as "
                      + me.getUserName()
                      + (sandbox
                          ? ". Sample data: "
                              + SandboxContents.SCHEMAS.stream()
                                  .filter(s -> !s.tables().isEmpty())
                                  .map(SandboxContents.SampleSchema::fullName)
                                  .collect(Collectors.joining(", "))
                              + "; write to main.default; sandbox_contents lists the tables,"
                              + " warehouses and helpers. "
                              + SandboxBanner.thingsToTry()
                              + "."
                          : ""));
            })
        .build();
  }
}
