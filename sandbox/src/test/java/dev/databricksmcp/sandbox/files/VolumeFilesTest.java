package dev.databricksmcp.sandbox.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.error.platform.AlreadyExists;
import com.databricks.sdk.core.error.platform.BadRequest;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.service.catalog.CreateVolumeRequestContent;
import com.databricks.sdk.service.catalog.PermissionsChange;
import com.databricks.sdk.service.catalog.Privilege;
import com.databricks.sdk.service.catalog.UpdatePermissions;
import com.databricks.sdk.service.catalog.VolumeType;
import com.databricks.sdk.service.files.CreateDirectoryRequest;
import com.databricks.sdk.service.files.DirectoryEntry;
import com.databricks.sdk.service.files.DownloadResponse;
import com.databricks.sdk.service.files.GetMetadataResponse;
import com.databricks.sdk.service.files.UploadRequest;
import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.auth.Identities;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Files in volumes through the real Databricks SDK's {@code w.files()}. */
@Timeout(60)
class VolumeFilesTest {
  private static Sandbox sandbox;
  private static WorkspaceClient admin;
  private static WorkspaceClient analyst;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.inMemory());
    admin = client(Identities.ADMIN_TOKEN);
    analyst = client(Identities.USER_TOKEN);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  static WorkspaceClient client(String token) {
    return new WorkspaceClient(
        new DatabricksConfig().setHost(sandbox.host()).setToken(token).setAuthType("pat"));
  }

  static String volume(String name) {
    admin
        .volumes()
        .create(
            new CreateVolumeRequestContent()
                .setCatalogName("main")
                .setSchemaName("default")
                .setName(name)
                .setVolumeType(VolumeType.MANAGED));
    return "/Volumes/main/default/" + name;
  }

  static void upload(WorkspaceClient w, String path, String text, boolean overwrite) {
    w.files()
        .upload(
            new UploadRequest()
                .setFilePath(path)
                .setContents(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))
                .setOverwrite(overwrite));
  }

  static String text(DownloadResponse r) {
    try (InputStream in = r.getContents()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void uploadDownloadMetadataListAndDelete() {
    String v = volume("files_round_trip");
    upload(admin, v + "/dir/a.csv", "id,name\n1,x\n", false);
    assertThat(text(admin.files().download(v + "/dir/a.csv"))).isEqualTo("id,name\n1,x\n");

    GetMetadataResponse meta = admin.files().getMetadata(v + "/dir/a.csv");
    assertThat(meta.getContentLength()).isEqualTo(12L);
    assertThat(meta.getContentType()).isEqualTo("application/octet-stream");
    assertThat(meta.getLastModified()).endsWith("GMT");

    List<DirectoryEntry> root = list(v);
    assertThat(root).extracting(DirectoryEntry::getName).containsExactly("dir");
    assertThat(root.get(0).getIsDirectory()).isTrue();
    List<DirectoryEntry> dir = list(v + "/dir");
    assertThat(dir).extracting(DirectoryEntry::getPath).containsExactly(v + "/dir/a.csv");
    assertThat(dir.get(0).getFileSize()).isEqualTo(12L);

    assertThatThrownBy(() -> upload(admin, v + "/dir/a.csv", "again", false))
        .isInstanceOf(AlreadyExists.class);
    upload(admin, v + "/dir/a.csv", "replaced", true);
    assertThat(text(admin.files().download(v + "/dir/a.csv"))).isEqualTo("replaced");

    assertThatThrownBy(() -> admin.files().deleteDirectory(v + "/dir"))
        .isInstanceOf(BadRequest.class);
    admin.files().delete(v + "/dir/a.csv");
    assertThatThrownBy(() -> admin.files().getMetadata(v + "/dir/a.csv"))
        .isInstanceOf(NotFound.class);
    admin.files().deleteDirectory(v + "/dir");
    assertThatThrownBy(() -> admin.files().getDirectoryMetadata(v + "/dir"))
        .isInstanceOf(NotFound.class);
  }

  @Test
  void directoriesAreCreatedWithTheirParentsAndListedInPages() {
    String v = volume("files_dirs");
    admin.files().createDirectory(new CreateDirectoryRequest().setDirectoryPath(v + "/a/b/c"));
    admin.files().createDirectory(new CreateDirectoryRequest().setDirectoryPath(v + "/a/b/c"));
    admin.files().getDirectoryMetadata(v + "/a/b");
    for (int i = 0; i < 5; i++) {
      upload(admin, v + "/a/f" + i + ".txt", "x", false);
    }
    var firstPage =
        admin
            .files()
            .impl()
            .listDirectoryContents(
                new com.databricks.sdk.service.files.ListDirectoryContentsRequest()
                    .setDirectoryPath(v + "/a")
                    .setPageSize(2L));
    assertThat(firstPage.getContents()).hasSize(2);
    assertThat(firstPage.getNextPageToken()).isNotBlank();
    assertThat(list(v + "/a")).hasSize(6); // the SDK follows every page
    upload(admin, v + "/plain", "x", false);
    assertThatThrownBy(
            () ->
                admin
                    .files()
                    .createDirectory(
                        new CreateDirectoryRequest().setDirectoryPath(v + "/plain/sub")))
        .isInstanceOf(AlreadyExists.class);
  }

  @Test
  void volumePrivilegesDecideWhoReadsAndWrites() {
    String v = volume("files_grants");
    upload(admin, v + "/f.txt", "secret", false);
    assertThatThrownBy(() -> analyst.files().download(v + "/f.txt"))
        .isInstanceOf(PermissionDenied.class);
    grant("catalog", "main", Privilege.USE_CATALOG);
    grant("schema", "main.default", Privilege.USE_SCHEMA);
    grant("schema", "main.default", Privilege.READ_VOLUME); // inherited by its volumes
    assertThat(text(analyst.files().download(v + "/f.txt"))).isEqualTo("secret");
    assertThatThrownBy(() -> upload(analyst, v + "/g.txt", "mine", false))
        .isInstanceOf(PermissionDenied.class);
    grant("schema", "main.default", Privilege.WRITE_VOLUME);
    upload(analyst, v + "/g.txt", "mine", false);
    assertThat(list(v)).extracting(DirectoryEntry::getName).containsExactly("f.txt", "g.txt");
  }

  @Test
  void aDroppedVolumeTakesItsFilesAndAMissingVolumeIsNotFound() {
    String v = volume("files_dropped");
    upload(admin, v + "/f.txt", "x", false);
    admin.volumes().delete("main.default.files_dropped");
    assertThatThrownBy(() -> admin.files().download(v + "/f.txt")).isInstanceOf(NotFound.class);
    volume("files_dropped");
    assertThatThrownBy(() -> admin.files().download(v + "/f.txt")).isInstanceOf(NotFound.class);
    assertThat(list(v)).isEmpty();
    assertThatThrownBy(() -> admin.files().download("/Volumes/main/default/no_such/f.txt"))
        .isInstanceOf(NotFound.class);
  }

  private static List<DirectoryEntry> list(String dir) {
    return StreamSupport.stream(admin.files().listDirectoryContents(dir).spliterator(), false)
        .toList();
  }

  private static void grant(String type, String name, Privilege privilege) {
    admin
        .grants()
        .update(
            new UpdatePermissions()
                .setSecurableType(type)
                .setFullName(name)
                .setChanges(
                    List.of(
                        new PermissionsChange()
                            .setPrincipal(Identities.ANALYST.userName())
                            .setAdd(List.of(privilege)))));
  }
}
