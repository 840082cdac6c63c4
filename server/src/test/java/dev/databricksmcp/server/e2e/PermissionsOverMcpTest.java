package dev.databricksmcp.server.e2e;

import static dev.databricksmcp.server.testing.SandboxOverMcp.data;
import static dev.databricksmcp.server.testing.SandboxOverMcp.items;
import static dev.databricksmcp.server.testing.SandboxOverMcp.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.service.jobs.RunNow;
import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.server.testing.SandboxOverMcp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What issue 21 says a model can do with object ACLs on the sandbox, over MCP as a model does it:
 * create a job, find who can run it (get_permissions), grant the group {@code analysts}
 * CAN_MANAGE_RUN (update_permissions, answering the group's levels before and after); then, through
 * the Databricks SDK, the analyst (a member of analysts) runs the job and the service principal
 * (not in analysts, no admin) is refused with 403. And a notebook in a folder shows the grant it
 * inherits from that folder.
 */
@Timeout(180)
class PermissionsOverMcpTest {
  private SandboxOverMcp mcp;

  @BeforeEach
  void start() {
    mcp =
        SandboxOverMcp.start(
            Sandbox.start(new SandboxOptions(0, null, 200, 500)), "files", "jobs", "admin");
  }

  @AfterEach
  void stop() {
    mcp.close();
  }

  private WorkspaceClient as(String token) {
    return new WorkspaceClient(
        new DatabricksConfig().setHost(mcp.sandbox().host()).setToken(token).setAuthType("pat"));
  }

  @Test
  void aGroupGrantedCanManageRunRunsTheJobAndNoOneElse() {
    mcp.call("create_workspace_directory", Map.of("path", "/Shared/acl"));
    mcp.call(
        "import_notebook",
        Map.of("path", "/Shared/acl/hello", "content", "-- Databricks notebook source\nSELECT 1"));
    String jobId =
        String.valueOf(
            data(mcp.call(
                    "create_job",
                    Map.of(
                        "name",
                        "acl job",
                        "tasks",
                        List.of(
                            Map.of(
                                "task_key",
                                "hello",
                                "notebook_task",
                                Map.of("notebook_path", "/Shared/acl/hello"))))))
                .get("job_id"));

    List<Map<String, Object>> who =
        items(mcp.call("get_permissions", Map.of("object_type", "job", "object_id", jobId)));
    assertThat(who)
        .contains(
            Map.of(
                "kind",
                "user",
                "name",
                Identities.ADMIN.userName(),
                "display_name",
                Identities.ADMIN.displayName(),
                "levels",
                List.of(Map.of("level", "IS_OWNER"))),
            Map.of(
                "kind",
                "group",
                "name",
                "admins",
                "levels",
                List.of(Map.of("level", "CAN_MANAGE", "inherited_from", "the jobs root"))));
    assertThat(who).noneMatch(row -> "analysts".equals(row.get("name")));

    var granted =
        mcp.call(
            "update_permissions",
            Map.of(
                "object_type",
                "job",
                "object_id",
                jobId,
                "grants",
                List.of(Map.of("group_name", "analysts", "permission_level", "CAN_MANAGE_RUN"))));
    assertThat(data(granted).get("changes"))
        .isEqualTo(
            List.of(
                Map.of(
                    "kind",
                    "group",
                    "name",
                    "analysts",
                    "before",
                    List.of(),
                    "after",
                    List.of("CAN_MANAGE_RUN"))));
    assertThat(message(granted)).contains("group analysts [none] -> [CAN_MANAGE_RUN]");

    long job = Long.parseLong(jobId);
    assertThat(
            as(Identities.USER_TOKEN)
                .jobs()
                .runNow(new RunNow().setJobId(job))
                .getResponse()
                .getRunId())
        .isPositive();
    assertThatThrownBy(
            () -> as(Identities.SERVICE_PRINCIPAL_TOKEN).jobs().runNow(new RunNow().setJobId(job)))
        .isInstanceOf(PermissionDenied.class);
  }

  @Test
  void aNotebookShowsWhatItInheritsFromItsFolder() {
    mcp.call("create_workspace_directory", Map.of("path", "/Shared/team"));
    mcp.call(
        "import_notebook",
        Map.of("path", "/Shared/team/nb", "content", "-- Databricks notebook source\nSELECT 1"));
    String folderId =
        String.valueOf(mcp.admin().workspace().getStatus("/Shared/team").getObjectId());
    mcp.call(
        "update_permissions",
        Map.of(
            "object_type",
            "directory",
            "path",
            "/Shared/team",
            "grants",
            List.of(Map.of("group_name", "data-engineers", "permission_level", "CAN_EDIT"))));
    List<Map<String, Object>> who =
        items(
            mcp.call(
                "get_permissions", Map.of("object_type", "notebook", "path", "/Shared/team/nb")));
    assertThat(who)
        .contains(
            Map.of(
                "kind",
                "group",
                "name",
                "data-engineers",
                "levels",
                List.of(Map.of("level", "CAN_EDIT", "inherited_from", "folder " + folderId))));
  }
}
