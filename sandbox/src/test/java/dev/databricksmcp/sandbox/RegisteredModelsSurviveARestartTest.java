package dev.databricksmcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.catalog.DeleteModelVersionRequest;
import com.databricks.sdk.service.catalog.GetByAliasRequest;
import com.databricks.sdk.service.catalog.GetRegisteredModelRequest;
import com.databricks.sdk.service.catalog.RegisteredModelInfo;
import com.databricks.sdk.service.catalog.SetRegisteredModelAliasRequest;
import com.databricks.sdk.service.catalog.UpdateRegisteredModelRequest;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.uc.RegisteredModels;
import dev.databricksmcp.sandbox.uc.SampleModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code --sandbox-dir}, registered models keep their comment, versions and aliases across a
 * restart, and a deleted version number is not given again.
 */
@Timeout(120)
class RegisteredModelsSurviveARestartTest {
  @TempDir Path dir;

  @Test
  void modelsVersionsAndAliasesAreKept() {
    String full = SampleModels.CHURN.fullName();
    RegisteredModelInfo before;
    try (Sandbox first = Sandbox.start(new SandboxOptions(0, dir, 300))) {
      WorkspaceClient w = SandboxClients.pat(first, Identities.ADMIN_TOKEN);
      w.registeredModels()
          .update(new UpdateRegisteredModelRequest().setFullName(full).setComment("kept"));
      w.registeredModels()
          .setAlias(
              new SetRegisteredModelAliasRequest()
                  .setFullName(full)
                  .setAlias("champion")
                  .setVersionNum(3L));
      w.modelVersions().delete(new DeleteModelVersionRequest().setFullName(full).setVersion(3L));
      w.registeredModels()
          .setAlias(
              new SetRegisteredModelAliasRequest()
                  .setFullName(full)
                  .setAlias("champion")
                  .setVersionNum(1L));
      before =
          w.registeredModels()
              .get(new GetRegisteredModelRequest().setFullName(full).setIncludeAliases(true));
    }
    try (Sandbox second = Sandbox.start(new SandboxOptions(0, dir, 300))) {
      WorkspaceClient w = SandboxClients.pat(second, Identities.ADMIN_TOKEN);
      assertThat(
              w.registeredModels()
                  .get(new GetRegisteredModelRequest().setFullName(full).setIncludeAliases(true)))
          .isEqualTo(before);
      assertThat(
              w.modelVersions()
                  .getByAlias(new GetByAliasRequest().setFullName(full).setAlias("champion"))
                  .getVersion())
          .isEqualTo(1L);
      assertThat(
              second
                  .state(RegisteredModels.class)
                  .addVersion(full, "dbfs:/m", "r", null, Identities.ADMIN.userName(), 1L)
                  .getVersion())
          .as("version 3 was deleted; its number is not reused")
          .isEqualTo(4L);
    }
  }
}
