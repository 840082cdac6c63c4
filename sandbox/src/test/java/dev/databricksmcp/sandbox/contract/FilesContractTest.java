package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.analyst;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.AlreadyExists;
import com.databricks.sdk.core.error.platform.BadRequest;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.service.files.DirectoryEntry;
import com.databricks.sdk.service.files.UploadRequest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Identities;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Files API 2.0 on volumes against the reference
 * (https://docs.databricks.com/api/workspace/files and its pages under
 * https://docs.databricks.com/api/files/v2/): files are raw bytes in the body (upload {@code PUT}
 * with {@code overwrite}, "If true or unspecified, an existing file will be overwritten"), download
 * supports {@code Range} (206 with {@code Content-Range}), metadata is the headers of a {@code
 * HEAD} ({@code content-length}, {@code content-type}, {@code last-modified}), a listing is {@code
 * {contents: [{path, is_directory, file_size, last_modified, name}], next_page_token}} with {@code
 * page_size} at most 1000, a missing directory is a 404. The reference names no error codes: the
 * sandbox answers 404 {@code NOT_FOUND}, 409 {@code ALREADY_EXISTS} and 403 {@code
 * PERMISSION_DENIED} (the Files API's codes as the SDK's error table maps them), and, where the
 * reference only says a directory must be empty to be deleted, 400 {@code FAILED_PRECONDITION}.
 */
@Timeout(120)
@ExtendWith(SharedSandbox.class)
class FilesContractTest {
  private static final String FILES = "/api/2.0/fs/files";
  private static final String DIRS = "/api/2.0/fs/directories";

  private static String volume() {
    String name = unique("files_contract");
    admin()
        .post(
            "/api/2.1/unity-catalog/volumes",
            "{\"catalog_name\": \"main\", \"schema_name\": \"default\", \"name\": \""
                + name
                + "\", \"volume_type\": \"MANAGED\"}")
        .ok();
    return "/Volumes/main/default/" + name;
  }

  private static Reply upload(String path, String body, String overwrite) {
    return admin()
        .send(
            "PUT",
            FILES + path + (overwrite == null ? "" : "?overwrite=" + overwrite),
            "application/octet-stream",
            body);
  }

  /** https://docs.databricks.com/api/files/v2/upload-file.md */
  @Test
  @Contract(
      value = "PUT /api/2.0/fs/files/{file_path*}",
      doc = "https://docs.databricks.com/api/files/v2/upload-file.md")
  void uploadTakesTheRawBodyAndOverwritesUnlessToldNot() {
    String v = volume();
    assertThat(upload(v + "/a.txt", "first", "false").status()).isEqualTo(200);
    upload(v + "/a.txt", "second", "false").isError(409, "ALREADY_EXISTS", AlreadyExists.class);
    assertThat(upload(v + "/a.txt", "third", null).status()).isEqualTo(200);
    assertThat(admin().get(FILES + v + "/a.txt").body()).isEqualTo("third");
    analyst()
        .send("PUT", FILES + v + "/b.txt", "application/octet-stream", "x")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    upload("/Volumes/main/default/no_such_volume/a.txt", "x", null)
        .isError(404, "NOT_FOUND", NotFound.class);
    upload("/tmp/a.txt", "x", null)
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
  }

  /** https://docs.databricks.com/api/files/v2/download-file.md: Range and 206. */
  @Test
  @Contract(
      value = "GET /api/2.0/fs/files/{file_path*}",
      doc = "https://docs.databricks.com/api/files/v2/download-file.md")
  void downloadAnswersTheBytesOrTheRangeAskedFor() {
    String v = volume();
    upload(v + "/d.txt", "0123456789", null);
    Reply whole = admin().get(FILES + v + "/d.txt");
    assertThat(whole.status()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo("0123456789");
    assertThat(whole.contentType()).isEqualTo("application/octet-stream");
    assertThat(whole.header("last-modified")).endsWith("GMT");

    Reply part =
        admin().send("GET", FILES + v + "/d.txt", null, null, Map.of("Range", "bytes=2-4"));
    assertThat(part.status()).isEqualTo(206);
    assertThat(part.body()).isEqualTo("234");
    assertThat(part.header("content-range")).isEqualTo("bytes 2-4/10");
    Reply tail = admin().send("GET", FILES + v + "/d.txt", null, null, Map.of("Range", "bytes=-3"));
    assertThat(tail.body()).isEqualTo("789");
    Reply past =
        admin().send("GET", FILES + v + "/d.txt", null, null, Map.of("Range", "bytes=50-"));
    assertThat(past.status()).isEqualTo(416);
    assertThat(past.header("content-range")).isEqualTo("bytes */10");

    admin().get(FILES + v + "/none.txt").isError(404, "NOT_FOUND", NotFound.class);
    analyst().get(FILES + v + "/d.txt").isError(403, "PERMISSION_DENIED", PermissionDenied.class);
  }

  /** https://docs.databricks.com/api/files/v2/get-file-metadata.md: headers, no body. */
  @Test
  @Contract(
      value = "HEAD /api/2.0/fs/files/{file_path*}",
      doc = "https://docs.databricks.com/api/files/v2/get-file-metadata.md")
  void headAnswersTheMetadataInItsHeaders() {
    String v = volume();
    upload(v + "/m.bin", "12345", null);
    Reply head = admin().send("HEAD", FILES + v + "/m.bin", null, null);
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.header("content-length")).isEqualTo("5");
    assertThat(head.header("content-type")).isEqualTo("application/octet-stream");
    assertThat(head.header("last-modified")).endsWith("GMT");
    assertThat(admin().send("HEAD", FILES + v + "/none", null, null).status()).isEqualTo(404);
  }

  /** https://docs.databricks.com/api/workspace/files (Delete a file). */
  @Test
  @Contract(
      value = "DELETE /api/2.0/fs/files/{file_path*}",
      doc = "https://docs.databricks.com/api/workspace/files")
  void deleteRemovesTheFile() {
    String v = volume();
    upload(v + "/x.txt", "x", null);
    assertThat(admin().delete(FILES + v + "/x.txt").status()).isEqualTo(200);
    admin().get(FILES + v + "/x.txt").isError(404, "NOT_FOUND", NotFound.class);
    admin().delete(FILES + v + "/x.txt").isError(404, "NOT_FOUND", NotFound.class);
  }

  /** https://docs.databricks.com/api/files/v2/list-directory-contents.md */
  @Test
  @Contract(
      value = "GET /api/2.0/fs/directories/{directory_path*}",
      doc = "https://docs.databricks.com/api/files/v2/list-directory-contents.md")
  void listAnswersTheDirectoryEntriesInPages() {
    String v = volume();
    upload(v + "/dir/one.csv", "a,b\n", null);
    upload(v + "/dir/two.json", "{}", null);
    upload(v + "/dir/sub/three", "", null);
    JsonNode page = admin().get(DIRS + v + "/dir?page_size=2").ok();
    JsonShape.of(
            "{\"contents\": [{\"path\": \"string\", \"is_directory\": true, \"file_size\": 0,"
                + " \"last_modified\": 0, \"name\": \"string\"}], \"next_page_token\": \"string\"}")
        .required("contents[].path", "contents[].name", "contents[].is_directory")
        .check(page);
    assertThat(page.get("contents")).hasSize(2);
    JsonNode rest =
        admin()
            .get(Wire.query(DIRS + v + "/dir", "page_token", page.get("next_page_token").asText()))
            .ok();
    assertThat(rest.get("contents")).hasSize(1);
    assertThat(rest.has("next_page_token")).isFalse();
    admin().get(DIRS + v + "/missing").isError(404, "NOT_FOUND", NotFound.class);
  }

  /** https://docs.databricks.com/api/workspace/files (Create a directory): like mkdir -p. */
  @Test
  @Contract(
      value = "PUT /api/2.0/fs/directories/{directory_path*}",
      doc = "https://docs.databricks.com/api/workspace/files")
  void createDirectoryMakesItsParentsAndIsIdempotent() {
    String v = volume();
    assertThat(admin().send("PUT", DIRS + v + "/a/b", null, null).status()).isEqualTo(200);
    assertThat(admin().send("PUT", DIRS + v + "/a/b", null, null).status()).isEqualTo(200);
    assertThat(admin().send("HEAD", DIRS + v + "/a", null, null).status()).isEqualTo(200);
    upload(v + "/f", "x", null);
    admin()
        .send("PUT", DIRS + v + "/f/g", null, null)
        .isError(409, "ALREADY_EXISTS", AlreadyExists.class);
  }

  /** https://docs.databricks.com/api/workspace/files (Delete a directory): only an empty one. */
  @Test
  @Contract(
      value = "DELETE /api/2.0/fs/directories/{directory_path*}",
      doc = "https://docs.databricks.com/api/workspace/files")
  void deleteDirectoryOnlyWhenEmpty() {
    String v = volume();
    upload(v + "/full/f", "x", null);
    admin().delete(DIRS + v + "/full").isError(400, "FAILED_PRECONDITION", BadRequest.class);
    admin().delete(FILES + v + "/full/f");
    assertThat(admin().delete(DIRS + v + "/full").status()).isEqualTo(200);
    admin().delete(DIRS + v + "/full").isError(404, "NOT_FOUND", NotFound.class);
  }

  /** https://docs.databricks.com/api/workspace/files (Get directory metadata): 200 or 404. */
  @Test
  @Contract(
      value = "HEAD /api/2.0/fs/directories/{directory_path*}",
      doc = "https://docs.databricks.com/api/workspace/files")
  void headOfADirectorySaysWhetherItExists() {
    String v = volume();
    assertThat(admin().send("HEAD", DIRS + v, null, null).status()).isEqualTo(200);
    assertThat(admin().send("HEAD", DIRS + v + "/nope", null, null).status()).isEqualTo(404);
  }

  /** Upload, list, metadata and download through the Databricks SDK for Java. */
  @Test
  @Contract(
      value = "PUT /api/2.0/fs/files/{file_path*}",
      doc = "https://docs.databricks.com/api/files/v2/upload-file.md")
  void sdkRoundTrip() throws Exception {
    WorkspaceClient sdk = SharedSandbox.sdk(Identities.ADMIN_TOKEN);
    String v = volume();
    sdk.files()
        .upload(
            new UploadRequest()
                .setFilePath(v + "/name with space.txt")
                .setContents(new ByteArrayInputStream("héllo".getBytes(StandardCharsets.UTF_8))));
    List<DirectoryEntry> listed =
        StreamSupport.stream(sdk.files().listDirectoryContents(v).spliterator(), false).toList();
    assertThat(listed).extracting(DirectoryEntry::getName).containsExactly("name with space.txt");
    assertThat(sdk.files().getMetadata(v + "/name with space.txt").getContentLength())
        .isEqualTo(6L);
    assertThat(
            new String(
                sdk.files().download(v + "/name with space.txt").getContents().readAllBytes(),
                StandardCharsets.UTF_8))
        .isEqualTo("héllo");
  }
}
