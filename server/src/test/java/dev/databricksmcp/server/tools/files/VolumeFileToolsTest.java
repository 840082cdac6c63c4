package dev.databricksmcp.server.tools.files;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.data;
import static dev.databricksmcp.server.testing.SandboxFixture.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.service.catalog.CreateVolumeRequestContent;
import com.databricks.sdk.service.catalog.VolumeType;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.server.testing.SandboxFixture;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The volume file tools against the sandbox through the real SDK: upload, metadata, ranged download
 * (text, base64, a range ending inside a character), listing with pages, confirmed deletes of a
 * file and an empty directory, and the answers for bad paths, a missing volume, an existing file
 * without overwrite and a caller without the volume's privileges.
 */
@Timeout(120)
class VolumeFileToolsTest {
  private static SandboxFixture fx;
  private static final String V = "/Volumes/main/default/tool_files";

  @BeforeAll
  static void start() {
    fx = new SandboxFixture();
    fx.adminClient()
        .volumes()
        .create(
            new CreateVolumeRequestContent()
                .setCatalogName("main")
                .setSchemaName("default")
                .setName("tool_files")
                .setVolumeType(VolumeType.MANAGED));
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static Map<String, Object> ok(CallToolResult r) {
    assertThat(r.isError()).as(String.valueOf(body(r))).isFalse();
    return data(r);
  }

  private static void upload(String path, String content) {
    ok(fx.call("upload_volume_file", Map.of("path", path, "content", content)));
  }

  @Test
  void uploadMetadataAndDownloadInRanges() {
    upload(V + "/data/people.csv", "id,name\n1,Zoë\n");
    assertThat(ok(fx.call("get_volume_file_metadata", Map.of("path", V + "/data/people.csv"))))
        .containsEntry("size", 15)
        .containsEntry("content_type", "application/octet-stream");
    assertThat(ok(fx.call("download_volume_file", Map.of("path", V + "/data/people.csv"))))
        .containsEntry("encoding", "text")
        .containsEntry("content", "id,name\n1,Zoë\n")
        .containsEntry("truncated", false);
    // bytes 10-12 end inside 'ë' (2 bytes): the whole characters come, the rest next time
    Map<String, Object> part =
        ok(
            fx.call(
                "download_volume_file",
                Map.of("path", V + "/data/people.csv", "offset", 10, "length", 3)));
    assertThat(part)
        .containsEntry("encoding", "text")
        .containsEntry("content", "Zo")
        .containsEntry("next_offset", 12);
    CallToolResult again =
        fx.call("upload_volume_file", Map.of("path", V + "/data/people.csv", "content", "x"));
    assertThat(errorCode(again)).isEqualTo("CONFLICT");
    assertThat(String.valueOf(body(again).get("error"))).contains("overwrite=true");
  }

  @Test
  void binaryDownloadsAsBase64() {
    ok(
        fx.call(
            "upload_volume_file",
            Map.of("path", V + "/bin/b", "content", "AAEC/w==", "encoding", "base64")));
    assertThat(ok(fx.call("download_volume_file", Map.of("path", V + "/bin/b"))))
        .containsEntry("encoding", "base64")
        .containsEntry("content", "AAEC/w==");
  }

  @Test
  void listInPagesAndMakeDirectories() {
    ok(fx.call("create_volume_directory", Map.of("path", V + "/pages/sub")));
    upload(V + "/pages/a", "a");
    upload(V + "/pages/b", "b");
    CallToolResult first =
        fx.call("list_volume_directory", Map.of("path", V + "/pages", "max_results", 2));
    assertThat((List<?>) ok(first).get("items")).hasSize(2);
    CallToolResult second =
        fx.call(
            "list_volume_directory",
            Map.of(
                "path",
                V + "/pages",
                "max_results",
                2,
                "page_token",
                data(first).get("next_page_token")));
    assertThat((List<?>) ok(second).get("items")).hasSize(1);
  }

  @Test
  void deletesAreConfirmedAndADirectoryMustBeEmpty() {
    upload(V + "/del/f.txt", "bye");
    CallToolResult notEmpty = fx.call("delete_volume_file", Map.of("path", V + "/del"));
    assertThat(errorCode(notEmpty)).isEqualTo("VALIDATION_ERROR");
    Map<String, Object> args = new HashMap<>(Map.of("path", V + "/del/f.txt"));
    CallToolResult asked = fx.callConfirming("delete_volume_file", args);
    assertThat(errorCode(asked)).isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(String.valueOf(body(asked).get("error"))).contains("f.txt").contains("3 bytes");
    @SuppressWarnings("unchecked")
    Map<String, Object> details = (Map<String, Object>) body(asked).get("details");
    args.put("confirmation_token", details.get("confirmation_token"));
    assertThat(ok(fx.callConfirming("delete_volume_file", args))).containsEntry("deleted", true);
    assertThat(ok(fx.call("delete_volume_file", Map.of("path", V + "/del"))))
        .containsEntry("is_directory", true);
    assertThat(errorCode(fx.call("list_volume_directory", Map.of("path", V + "/del"))))
        .isEqualTo("NOT_FOUND");
  }

  @Test
  void badPathsMissingVolumesAndPrivileges() {
    for (String path : List.of("/tmp/x", "/Volumes/main/default", V + "/../x", "Volumes/a/b/c/d")) {
      CallToolResult r = fx.call("download_volume_file", Map.of("path", path));
      assertThat(errorCode(r)).as(path).isEqualTo("VALIDATION_ERROR");
      assertThat(String.valueOf(body(r).get("error"))).as(path).startsWith("path");
    }
    assertThat(
            errorCode(
                fx.call("download_volume_file", Map.of("path", "/Volumes/main/default/nope/f"))))
        .isEqualTo("NOT_FOUND");
    assertThat(errorCode(fx.call("download_volume_file", Map.of("path", V + "/missing"))))
        .isEqualTo("NOT_FOUND");
    upload(V + "/secret.txt", "s");
    CallToolResult denied =
        fx.call(
            "download_volume_file",
            Map.of("path", V + "/secret.txt"),
            Identities.USER_TOKEN,
            false);
    assertThat(errorCode(denied)).isEqualTo("PERMISSION_DENIED");
  }
}
