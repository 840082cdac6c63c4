package dev.databricksmcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.iam.AccessControlRequest;
import com.databricks.sdk.service.iam.PermissionLevel;
import com.databricks.sdk.service.iam.UpdateObjectPermissions;
import com.databricks.sdk.service.jobs.CreateJob;
import dev.databricksmcp.sandbox.auth.Identities;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code --sandbox-dir}, an ACL set through the Permissions API outlives a restart with the
 * job it is on, and still decides who may see the job.
 */
@Timeout(120)
class PermissionsSurviveARestartTest {
  @TempDir Path dir;

  @Test
  void aGrantIsKept() {
    String id;
    try (Sandbox first = Sandbox.start(new SandboxOptions(0, dir, 300))) {
      WorkspaceClient admin = SandboxClients.pat(first, Identities.ADMIN_TOKEN);
      id = Long.toString(admin.jobs().create(new CreateJob().setName("kept")).getJobId());
      admin
          .permissions()
          .update(
              new UpdateObjectPermissions()
                  .setRequestObjectType("jobs")
                  .setRequestObjectId(id)
                  .setAccessControlList(
                      List.of(
                          new AccessControlRequest()
                              .setUserName(Identities.ANALYST.userName())
                              .setPermissionLevel(PermissionLevel.CAN_VIEW))));
    }
    try (Sandbox second = Sandbox.start(new SandboxOptions(0, dir, 300))) {
      WorkspaceClient analyst = SandboxClients.pat(second, Identities.USER_TOKEN);
      assertThat(analyst.jobs().get(Long.parseLong(id)).getSettings().getName()).isEqualTo("kept");
      assertThat(analyst.permissions().get("jobs", id).getAccessControlList())
          .anySatisfy(
              e -> {
                assertThat(e.getUserName()).isEqualTo(Identities.ANALYST.userName());
                assertThat(e.getAllPermissions().iterator().next().getPermissionLevel())
                    .isEqualTo(PermissionLevel.CAN_VIEW);
              });
    }
  }
}
