package dev.databricksmcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.workspace.CreateRepoRequest;
import com.databricks.sdk.service.workspace.GetRepoResponse;
import com.databricks.sdk.service.workspace.UpdateRepoRequest;
import dev.databricksmcp.sandbox.auth.Identities;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** With {@code --sandbox-dir}, a repo and its Git folder outlive a restart, checked-out ref too. */
@Timeout(120)
class GitFoldersSurviveARestartTest {
  @TempDir Path dir;

  @Test
  void reposAreKept() {
    String path = "/Repos/" + Identities.ANALYST.userName() + "/kept";
    GetRepoResponse before;
    try (Sandbox first = Sandbox.start(new SandboxOptions(0, dir, 300))) {
      WorkspaceClient analyst = SandboxClients.pat(first, Identities.USER_TOKEN);
      long id =
          analyst
              .repos()
              .create(
                  new CreateRepoRequest()
                      .setUrl("https://github.com/a/kept.git")
                      .setProvider("gitHub")
                      .setPath(path))
              .getId();
      analyst.repos().update(new UpdateRepoRequest().setRepoId(id).setBranch("dev"));
      before = analyst.repos().get(id);
    }
    try (Sandbox second = Sandbox.start(new SandboxOptions(0, dir, 300))) {
      WorkspaceClient analyst = SandboxClients.pat(second, Identities.USER_TOKEN);
      GetRepoResponse after = analyst.repos().get(before.getId());
      assertThat(after).isEqualTo(before);
      assertThat(after.getBranch()).isEqualTo("dev");
      assertThat(analyst.workspace().getStatus(path).getObjectId()).isEqualTo(before.getId());
    }
  }
}
