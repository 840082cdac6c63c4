package dev.databricksmcp.server.tools.admin;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.data;
import static dev.databricksmcp.server.testing.SandboxFixture.errorCode;
import static dev.databricksmcp.server.testing.SandboxFixture.items;
import static dev.databricksmcp.server.testing.SandboxFixture.message;
import static dev.databricksmcp.server.testing.SandboxFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.service.jobs.CreateJob;
import com.databricks.sdk.service.workspace.Import;
import com.databricks.sdk.service.workspace.ImportFormat;
import com.databricks.sdk.service.workspace.Language;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.server.security.AuditLog;
import dev.databricksmcp.server.security.CallPolicies;
import dev.databricksmcp.server.security.SecuritySettings;
import dev.databricksmcp.server.testing.SandboxFixture;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The permission tools against the sandbox through the real SDK: each tool's answer, the validation
 * errors naming their field, read-only mode refusing the writes, set's confirmation listing what it
 * removes, and an analyst refused with PERMISSION_DENIED on the admin's job.
 */
@Timeout(120)
class PermissionToolsTest {
  private static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static String job(String name) {
    return String.valueOf(fx.adminClient().jobs().create(new CreateJob().setName(name)).getJobId());
  }

  private static Map<String, Object> target(String jobId) {
    return Map.of("object_type", "job", "object_id", jobId);
  }

  private static Map<String, Object> grant(String jobId, Map<String, Object> grant) {
    return Map.of("object_type", "job", "object_id", jobId, "grants", List.of(grant));
  }

  private static String error(CallToolResult r) {
    return String.valueOf(body(r).get("error"));
  }

  @Test
  void getShowsEachPrincipalWithItsLevelsAndWhereFrom() {
    String id = job("acl-get");
    CallToolResult r = fx.call("get_permissions", target(id));
    assertThat(data(r)).containsEntry("object_id", "/jobs/" + id);
    assertThat(data(r).get("levels_low_to_high"))
        .isEqualTo(List.of("CAN_VIEW", "CAN_MANAGE_RUN", "CAN_MANAGE", "IS_OWNER"));
    assertThat(items(r))
        .extracting(row -> row.get("name") + "=" + row.get("levels"))
        .containsExactly(
            Identities.ADMIN.userName() + "=[{level=IS_OWNER}]",
            "admins=[{level=CAN_MANAGE, inherited_from=the jobs root}]");
    assertThat(message(r)).contains("2 principals").contains("CAN_VIEW < CAN_MANAGE_RUN");
  }

  @Test
  void levelsAreListedWithDescriptions() {
    CallToolResult r = fx.call("get_permission_levels", target(job("acl-levels")));
    assertThat(items(r))
        .extracting(row -> row.get("level"))
        .containsExactly("CAN_VIEW", "CAN_MANAGE_RUN", "CAN_MANAGE", "IS_OWNER");
    assertThat(items(r)).allMatch(row -> !String.valueOf(row.get("description")).isBlank());
  }

  @Test
  void updateShowsBeforeAndAfterOfEachPrincipalTouched() {
    String id = job("acl-update");
    CallToolResult viewer =
        fx.call(
            "update_permissions",
            grant(
                id,
                Map.of(
                    "user_name", Identities.ANALYST.userName(), "permission_level", "can_view")));
    assertThat(data(viewer).get("changes"))
        .isEqualTo(
            List.of(
                Map.of(
                    "kind", "user",
                    "name", Identities.ANALYST.userName(),
                    "before", List.of(),
                    "after", List.of("CAN_VIEW"))));
    // a new owner: the old one is touched too, and shown losing IS_OWNER
    CallToolResult owner =
        fx.call(
            "update_permissions",
            grant(
                id,
                Map.of(
                    "user_name", Identities.ANALYST.userName(), "permission_level", "IS_OWNER")));
    assertThat(data(owner).get("changes"))
        .asList()
        .contains(
            Map.of(
                "kind", "user",
                "name", Identities.ADMIN.userName(),
                "before", List.of("IS_OWNER"),
                "after", List.of()));
  }

  @Test
  void setIsConfirmedWithWhatItRemovesAndAdds() {
    String id = job("acl-set");
    ok(
        fx.call(
            "update_permissions",
            grant(id, Map.of("group_name", "analysts", "permission_level", "CAN_MANAGE_RUN"))));
    Map<String, Object> args =
        grant(id, Map.of("user_name", Identities.ADMIN.userName(), "permission_level", "IS_OWNER"));
    CallToolResult ask = fx.callConfirming("set_permissions", args);
    assertThat(errorCode(ask)).isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(error(ask))
        .contains("replace the direct permissions of job " + id)
        .contains("remove group analysts: CAN_MANAGE_RUN")
        .contains("add nothing")
        .contains("inherited permissions are not removed");
    CallToolResult set = fx.call("set_permissions", args);
    assertThat(data(set).get("removed")).isEqualTo(List.of("group analysts: CAN_MANAGE_RUN"));
    assertThat(items(fx.call("get_permissions", target(id))))
        .noneMatch(row -> "analysts".equals(row.get("name")));
    // a job keeps exactly one owner: the workspace says so
    CallToolResult ownerless =
        fx.call(
            "set_permissions",
            grant(id, Map.of("group_name", "analysts", "permission_level", "CAN_VIEW")));
    assertThat(errorCode(ownerless)).isEqualTo("VALIDATION_ERROR");
    assertThat(error(ownerless)).contains("exactly one owner");
  }

  @Test
  void validationErrorsNameTheField() {
    String id = job("acl-bad");
    CallToolResult level =
        fx.call(
            "update_permissions",
            grant(id, Map.of("group_name", "analysts", "permission_level", "CAN_RESTART")));
    assertThat(errorCode(level)).isEqualTo("VALIDATION_ERROR");
    assertThat(error(level)).startsWith("grants[0].permission_level:").contains("CAN_MANAGE_RUN");
    CallToolResult two =
        fx.call(
            "update_permissions",
            grant(
                id,
                Map.of(
                    "group_name",
                    "analysts",
                    "user_name",
                    "a@b.c",
                    "permission_level",
                    "CAN_VIEW")));
    assertThat(error(two)).startsWith("grants[0]:").contains("exactly one");
    CallToolResult none =
        fx.call(
            "update_permissions",
            Map.of("object_type", "job", "object_id", id, "grants", List.of()));
    assertThat(error(none)).startsWith("grants:");
    CallToolResult both =
        fx.call(
            "get_permissions", Map.of("object_type", "job", "object_id", id, "path", "/Shared"));
    assertThat(error(both)).startsWith("object_id:");
    CallToolResult jobByPath =
        fx.call("get_permissions", Map.of("object_type", "job", "path", "/Shared"));
    assertThat(error(jobByPath)).startsWith("path:");
    CallToolResult notANotebook =
        fx.call("get_permissions", Map.of("object_type", "notebook", "path", "/Shared"));
    assertThat(error(notANotebook)).startsWith("path:").contains("directory");
    CallToolResult badId =
        fx.call("get_permissions", Map.of("object_type", "job", "object_id", "1/../2"));
    assertThat(error(badId)).startsWith("object_id:");
    assertThat(
            errorCode(fx.call("get_permissions", Map.of("object_type", "gadget", "object_id", id))))
        .isEqualTo("VALIDATION_ERROR");
    assertThat(errorCode(fx.call("get_permissions", target("1")))).isEqualTo("NOT_FOUND");
  }

  @Test
  void aNotebookIsNamedByPathAndShowsItsFolder() {
    fx.adminClient()
        .workspace()
        .importContent(
            new Import()
                .setPath("/Shared/acl-nb")
                .setFormat(ImportFormat.SOURCE)
                .setLanguage(Language.SQL)
                .setContent(
                    Base64.getEncoder()
                        .encodeToString("SELECT 1".getBytes(StandardCharsets.UTF_8))));
    CallToolResult r =
        fx.call("get_permissions", Map.of("object_type", "notebook", "path", "/Shared/acl-nb"));
    long shared = fx.adminClient().workspace().getStatus("/Shared").getObjectId();
    assertThat(items(r))
        .contains(
            Map.of(
                "kind",
                "group",
                "name",
                "users",
                "levels",
                List.of(Map.of("level", "CAN_MANAGE", "inherited_from", "folder " + shared))));
    assertThat(String.valueOf(data(r).get("object"))).contains("/Shared/acl-nb");
  }

  @Test
  void readOnlyModeRefusesTheWrites() {
    String id = job("acl-ro");
    for (String tool : List.of("update_permissions", "set_permissions")) {
      CallToolResult r =
          CallPolicies.invoker(true, SecuritySettings.defaults(), AuditLog.discard(), fx.services)
              .invoke(
                  fx.tool(tool, false),
                  grant(id, Map.of("group_name", "analysts", "permission_level", "CAN_VIEW")),
                  fx.adminContext());
      assertThat(errorCode(r)).as(tool).isEqualTo("READ_ONLY");
    }
    assertThat(fx.tool("get_permissions", true).name()).isEqualTo("get_permissions");
    assertThat(items(fx.call("get_permissions", target(id))))
        .noneMatch(row -> "analysts".equals(row.get("name")));
  }

  @Test
  void anAnalystCannotSetPermissionsOnTheAdminsJob() {
    String id = job("acl-denied");
    CallToolResult r =
        fx.call(
            "set_permissions",
            grant(
                id,
                Map.of("user_name", Identities.ANALYST.userName(), "permission_level", "IS_OWNER")),
            Identities.USER_TOKEN,
            false);
    assertThat(errorCode(r)).isEqualTo("PERMISSION_DENIED");
    CallToolResult update =
        fx.call(
            "update_permissions",
            grant(
                id,
                Map.of(
                    "user_name", Identities.ANALYST.userName(), "permission_level", "CAN_MANAGE")),
            Identities.USER_TOKEN,
            false);
    assertThat(errorCode(update)).isEqualTo("PERMISSION_DENIED");
    assertThat(String.valueOf(body(update))).doesNotContain(Identities.USER_TOKEN);
  }
}
