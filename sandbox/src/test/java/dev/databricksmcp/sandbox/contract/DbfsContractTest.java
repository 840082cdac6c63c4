package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.BadRequest;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.files.FileInfo;
import com.databricks.sdk.service.files.Put;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Identities;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The DBFS API 2.0 against its reference (index https://docs.databricks.com/api/files/v2/dbfs.md;
 * the FileInfo object: {@code path}, {@code is_dir}, {@code file_size}, {@code modification_time}).
 * Each page names its errors; where one is silent (delete of a missing path), the test says so.
 */
@Timeout(120)
@ExtendWith(SharedSandbox.class)
class DbfsContractTest {
  private static final String BASE = "/api/2.0/dbfs";
  private static final JsonShape FILE_INFO =
      JsonShape.named("FileInfo").required("path", "is_dir", "file_size", "modification_time");

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String dir() {
    return "/contract/" + unique("dbfs");
  }

  private static Reply put(String path, String text, boolean overwrite) {
    return admin()
        .post(
            BASE + "/put",
            "{\"path\": \""
                + path
                + "\", \"contents\": \""
                + b64(text)
                + "\", \"overwrite\": "
                + overwrite
                + "}");
  }

  private static Reply post(String op, String json) {
    return admin().post(BASE + "/" + op, json);
  }

  /**
   * Put: {@code {}}; an existing file without overwrite is RESOURCE_ALREADY_EXISTS; contents over 1
   * MB are MAX_BLOCK_SIZE_EXCEEDED. https://docs.databricks.com/api/files/v2/put.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/dbfs/put",
      doc = "https://docs.databricks.com/api/files/v2/put.md")
  void putWritesAFileOfAtMostOneMegabyte() {
    String d = dir();
    put(d + "/a.txt", "hello", false).okEmpty();
    put(d + "/a.txt", "again", false)
        .isError(409, "RESOURCE_ALREADY_EXISTS", ResourceAlreadyExists.class);
    put(d + "/a.txt", "again", true).okEmpty();
    String big = Base64.getEncoder().encodeToString(new byte[1024 * 1024 + 1]);
    post("put", "{\"path\": \"" + d + "/big\", \"contents\": \"" + big + "\"}")
        .isError(400, "MAX_BLOCK_SIZE_EXCEEDED", BadRequest.class);
  }

  /**
   * Read: {@code {bytes_read, data}} (base64), reading to the end of the file at most; a length
   * over 1 MB is MAX_READ_SIZE_EXCEEDED; a directory or a negative offset INVALID_PARAMETER_VALUE;
   * a missing file RESOURCE_DOES_NOT_EXIST. https://docs.databricks.com/api/files/v2/read.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/dbfs/read",
      doc = "https://docs.databricks.com/api/files/v2/read.md")
  void readAnswersBase64AndTheBytesRead() {
    String d = dir();
    put(d + "/r.txt", "0123456789", false).okEmpty();
    JsonNode r =
        admin()
            .get(Wire.query(BASE + "/read", "path", d + "/r.txt", "offset", "7", "length", "100"))
            .ok();
    JsonShape.of("{\"bytes_read\": 0, \"data\": \"string\"}")
        .required("bytes_read", "data")
        .check(r);
    assertThat(r.get("bytes_read").asLong()).isEqualTo(3);
    assertThat(new String(Base64.getDecoder().decode(r.get("data").asText()))).isEqualTo("789");
    admin()
        .get(Wire.query(BASE + "/read", "path", d + "/r.txt", "length", "1048577"))
        .isError(400, "MAX_READ_SIZE_EXCEEDED", BadRequest.class);
    admin()
        .get(Wire.query(BASE + "/read", "path", d + "/r.txt", "offset", "-1"))
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin()
        .get(Wire.query(BASE + "/read", "path", d))
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin()
        .get(Wire.query(BASE + "/read", "path", d + "/none"))
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  /**
   * Get status: the FileInfo object; a missing path RESOURCE_DOES_NOT_EXIST.
   * https://docs.databricks.com/api/files/v2/get-status.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/dbfs/get-status",
      doc = "https://docs.databricks.com/api/files/v2/get-status.md")
  void getStatusAnswersTheFileInfo() {
    String d = dir();
    put(d + "/s.txt", "abc", false).okEmpty();
    JsonNode info =
        admin().get(Wire.query(BASE + "/get-status", "path", "dbfs:" + d + "/s.txt")).ok();
    FILE_INFO.check(info);
    assertThat(info.get("file_size").asLong()).isEqualTo(3);
    assertThat(info.get("is_dir").asBoolean()).isFalse();
    admin()
        .get(Wire.query(BASE + "/get-status", "path", d + "/none"))
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  /**
   * List: {@code {files: [FileInfo]}}, a file lists itself; a missing path RESOURCE_DOES_NOT_EXIST.
   * https://docs.databricks.com/api/files/v2/list.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/dbfs/list",
      doc = "https://docs.databricks.com/api/files/v2/list.md")
  void listAnswersTheEntries() {
    String d = dir();
    put(d + "/one", "1", false).okEmpty();
    post("mkdirs", "{\"path\": \"" + d + "/sub\"}").okEmpty();
    JsonNode all = admin().get(Wire.query(BASE + "/list", "path", d)).ok();
    JsonShape.of("{\"files\": [\"@FileInfo\"]}").required("files[].path").check(all);
    assertThat(all.get("files")).hasSize(2);
    assertThat(admin().get(Wire.query(BASE + "/list", "path", d + "/one")).ok().get("files"))
        .hasSize(1);
    admin()
        .get(Wire.query(BASE + "/list", "path", d + "/none"))
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  /**
   * Create, add-block, close: a handle; blocks over 1 MB MAX_BLOCK_SIZE_EXCEEDED; an unknown handle
   * RESOURCE_DOES_NOT_EXIST; create on an existing path without overwrite RESOURCE_ALREADY_EXISTS.
   * https://docs.databricks.com/api/files/v2/create.md, add-block.md, close.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/dbfs/create",
      doc = "https://docs.databricks.com/api/files/v2/create.md")
  @Contract(
      value = "POST /api/2.0/dbfs/add-block",
      doc = "https://docs.databricks.com/api/files/v2/add-block.md")
  @Contract(
      value = "POST /api/2.0/dbfs/close",
      doc = "https://docs.databricks.com/api/files/v2/close.md")
  void streamingUploadThroughAHandle() {
    String d = dir();
    JsonNode created = post("create", "{\"path\": \"" + d + "/s.bin\"}").ok();
    JsonShape.of("{\"handle\": 0}").required("handle").check(created);
    long handle = created.get("handle").asLong();
    post("add-block", "{\"handle\": " + handle + ", \"data\": \"" + b64("ab") + "\"}").okEmpty();
    String big = Base64.getEncoder().encodeToString(new byte[1024 * 1024 + 1]);
    post("add-block", "{\"handle\": " + handle + ", \"data\": \"" + big + "\"}")
        .isError(400, "MAX_BLOCK_SIZE_EXCEEDED", BadRequest.class);
    post("close", "{\"handle\": " + handle + "}").okEmpty();
    post("close", "{\"handle\": " + handle + "}")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    post("add-block", "{\"handle\": 12345, \"data\": \"\"}")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    post("create", "{\"path\": \"" + d + "/s.bin\"}")
        .isError(409, "RESOURCE_ALREADY_EXISTS", ResourceAlreadyExists.class);
  }

  /**
   * Mkdirs: {@code {}}, with parents; a file on the way RESOURCE_ALREADY_EXISTS.
   * https://docs.databricks.com/api/files/v2/mkdirs.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/dbfs/mkdirs",
      doc = "https://docs.databricks.com/api/files/v2/mkdirs.md")
  void mkdirsMakesParents() {
    String d = dir();
    post("mkdirs", "{\"path\": \"" + d + "/a/b\"}").okEmpty();
    assertThat(
            admin()
                .get(Wire.query(BASE + "/get-status", "path", d + "/a"))
                .ok()
                .get("is_dir")
                .asBoolean())
        .isTrue();
    put(d + "/f", "x", false).okEmpty();
    post("mkdirs", "{\"path\": \"" + d + "/f/g\"}")
        .isError(409, "RESOURCE_ALREADY_EXISTS", ResourceAlreadyExists.class);
  }

  /**
   * Move: a missing source RESOURCE_DOES_NOT_EXIST, an existing destination
   * RESOURCE_ALREADY_EXISTS; a directory moves with everything in it.
   * https://docs.databricks.com/api/files/v2/move.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/dbfs/move",
      doc = "https://docs.databricks.com/api/files/v2/move.md")
  void moveRenamesFilesAndDirectories() {
    String d = dir();
    put(d + "/src/f", "x", false).okEmpty();
    post("move", "{\"source_path\": \"" + d + "/src\", \"destination_path\": \"" + d + "/dst\"}")
        .okEmpty();
    admin().get(Wire.query(BASE + "/get-status", "path", d + "/dst/f")).ok();
    post("move", "{\"source_path\": \"" + d + "/src\", \"destination_path\": \"" + d + "/x\"}")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    put(d + "/other", "y", false).okEmpty();
    post("move", "{\"source_path\": \"" + d + "/other\", \"destination_path\": \"" + d + "/dst\"}")
        .isError(409, "RESOURCE_ALREADY_EXISTS", ResourceAlreadyExists.class);
  }

  /**
   * Delete: a non-empty directory without {@code recursive} is IO_ERROR; with it everything goes.
   * The page names no error for a path that is not there: the sandbox answers {@code {}}, as HDFS's
   * delete does. https://docs.databricks.com/api/files/v2/delete.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/dbfs/delete",
      doc = "https://docs.databricks.com/api/files/v2/delete.md")
  void deleteNeedsRecursiveForAFullDirectory() {
    String d = dir();
    put(d + "/f", "x", false).okEmpty();
    post("delete", "{\"path\": \"" + d + "\"}").isError(400, "IO_ERROR", BadRequest.class);
    post("delete", "{\"path\": \"" + d + "\", \"recursive\": true}").okEmpty();
    admin()
        .get(Wire.query(BASE + "/get-status", "path", d + "/f"))
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    post("delete", "{\"path\": \"" + d + "\"}").okEmpty();
  }

  /** Put, get-status and list through the Databricks SDK for Java. */
  @Test
  @Contract(
      value = "POST /api/2.0/dbfs/put",
      doc = "https://docs.databricks.com/api/files/v2/put.md")
  void sdkRoundTrip() {
    WorkspaceClient sdk = SharedSandbox.sdk(Identities.ADMIN_TOKEN);
    String d = dir();
    sdk.dbfs().put(new Put().setPath("dbfs:" + d + "/sdk.txt").setContents(b64("sdk")));
    FileInfo info = sdk.dbfs().getStatus(d + "/sdk.txt");
    assertThat(info.getFileSize()).isEqualTo(3L);
    assertThat(sdk.dbfs().list(d)).extracting(FileInfo::getPath).containsExactly(d + "/sdk.txt");
  }
}
