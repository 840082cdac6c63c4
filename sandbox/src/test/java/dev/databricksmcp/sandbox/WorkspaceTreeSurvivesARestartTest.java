package dev.databricksmcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.workspace.ExportFormat;
import com.databricks.sdk.service.workspace.ExportRequest;
import com.databricks.sdk.service.workspace.Import;
import com.databricks.sdk.service.workspace.ImportFormat;
import com.databricks.sdk.service.workspace.Language;
import com.databricks.sdk.service.workspace.ObjectType;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.workspace.WorkspaceTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code --sandbox-dir}, the workspace tree outlives a restart: folders, notebooks with their
 * source and ids, files; and it lives in the sandbox's state document, not as host files named
 * after the workspace paths.
 */
@Timeout(120)
class WorkspaceTreeSurvivesARestartTest {
  @TempDir Path dir;

  @Test
  void foldersNotebooksAndFilesAreKept() throws Exception {
    String home = "/Users/" + Identities.ANALYST.userName();
    long id;
    try (Sandbox first = Sandbox.start(new SandboxOptions(0, dir, 300))) {
      WorkspaceClient analyst = SandboxClients.pat(first, Identities.USER_TOKEN);
      analyst.workspace().mkdirs(home + "/project");
      analyst
          .workspace()
          .importContent(
              new Import()
                  .setPath(home + "/project/report")
                  .setFormat(ImportFormat.SOURCE)
                  .setLanguage(Language.SQL)
                  .setContent(encode("SELECT 42")));
      id = analyst.workspace().getStatus(home + "/project/report").getObjectId();
    }
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
      assertThat(files.map(Path::toString)).noneMatch(p -> p.contains("report"));
    }
    try (Sandbox second = Sandbox.start(new SandboxOptions(0, dir, 300))) {
      WorkspaceClient analyst = SandboxClients.pat(second, Identities.USER_TOKEN);
      var info = analyst.workspace().getStatus(home + "/project/report");
      assertThat(info.getObjectType()).isEqualTo(ObjectType.NOTEBOOK);
      assertThat(info.getObjectId()).isEqualTo(id);
      String source =
          new String(
              Base64.getDecoder()
                  .decode(
                      analyst
                          .workspace()
                          .export(
                              new ExportRequest()
                                  .setPath(home + "/project/report")
                                  .setFormat(ExportFormat.SOURCE))
                          .getContent()),
              StandardCharsets.UTF_8);
      assertThat(source).isEqualTo("-- Databricks notebook source\nSELECT 42\n");
      assertThat(second.state(WorkspaceTree.class).find(home + "/project/report")).isPresent();
    }
  }

  private static String encode(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
