package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.analyst;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.quote;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.BadRequest;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.workspace.Delete;
import com.databricks.sdk.service.workspace.ExportFormat;
import com.databricks.sdk.service.workspace.ExportRequest;
import com.databricks.sdk.service.workspace.ExportResponse;
import com.databricks.sdk.service.workspace.Import;
import com.databricks.sdk.service.workspace.ImportFormat;
import com.databricks.sdk.service.workspace.Language;
import com.databricks.sdk.service.workspace.ObjectInfo;
import com.databricks.sdk.service.workspace.ObjectType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.workspace.SampleNotebooks;
import dev.databricksmcp.sandbox.workspace.WorkspaceObject;
import dev.databricksmcp.sandbox.workspace.WorkspaceTree;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Workspace API (index: https://docs.databricks.com/api/workspace-files/v1/notebook.md; the
 * ObjectInfo object: https://docs.databricks.com/api/workspace-objects/v1/list). Error codes are
 * the pages' own (RESOURCE_DOES_NOT_EXIST, RESOURCE_ALREADY_EXISTS, DIRECTORY_NOT_EMPTY,
 * MAX_NOTEBOOK_SIZE_EXCEEDED); the pages give no statuses: RESOURCE_DOES_NOT_EXIST is 404 and
 * RESOURCE_ALREADY_EXISTS 400 as real workspaces answer them (databricks/cli#3386 shows "HTTP 400
 * RESOURCE_ALREADY_EXISTS" for an import, databrickslabs/dbx#613 the same for mkdirs;
 * databricks/cli#5763 a 404 for an import into a missing folder); DIRECTORY_NOT_EMPTY and
 * MAX_NOTEBOOK_SIZE_EXCEEDED, undocumented, 400. Who may write where is the default folder
 * permissions (a user's home and /Shared).
 */
@Timeout(120)
@ExtendWith(SharedSandbox.class)
class WorkspaceContractTest {
  static final String BASE = "/api/2.0/workspace";
  private static final String ADMIN_HOME = "/Users/" + Identities.ADMIN.userName();
  private static final String ANALYST_HOME = "/Users/" + Identities.ANALYST.userName();

  /** ObjectInfo as the list and get-status pages show it. */
  private static final JsonShape OBJECT =
      JsonShape.of(
              "{\"object_type\": \"NOTEBOOK|DIRECTORY|LIBRARY|FILE|REPO|DASHBOARD\","
                  + " \"path\": \"string\", \"language\": \"SCALA|PYTHON|SQL|R\","
                  + " \"created_at\": 0, \"modified_at\": 0, \"object_id\": 0, \"size\": 0,"
                  + " \"resource_id\": \"string\", \"directory_info\": {}}")
          .required("object_type", "path", "object_id");

  /**
   * Get status: ObjectInfo of an object or directory; "If path does not exist, this call returns an
   * error RESOURCE_DOES_NOT_EXIST"; {@code language} only for notebooks; created_at, modified_at
   * and size "only applicable to files".
   * https://docs.databricks.com/api/workspace-files/v1/get-status.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/workspace/get-status",
      doc = "https://docs.databricks.com/api/workspace-files/v1/get-status.md")
  void getStatusDescribesTheObject() {
    JsonNode nb = status(SampleNotebooks.SQL.path());
    OBJECT.check(nb);
    assertThat(nb.get("object_type").asText()).isEqualTo("NOTEBOOK");
    assertThat(nb.get("language").asText()).isEqualTo("SQL");
    assertThat(nb.get("path").asText()).isEqualTo(SampleNotebooks.SQL.path());
    assertThat(nb.has("size")).isFalse();
    JsonNode dir = status("/Shared");
    OBJECT.check(dir);
    assertThat(dir.get("object_type").asText()).isEqualTo("DIRECTORY");
    assertThat(dir.has("language")).isFalse();
    String file = ADMIN_HOME + "/" + unique("status") + ".txt";
    importRaw(file, "hello");
    JsonNode f = status(file);
    OBJECT.check(f);
    assertThat(f.get("object_type").asText()).isEqualTo("FILE");
    assertThat(f.get("size").asLong()).isEqualTo(5);
    assertThat(f.get("created_at").asLong()).isPositive();
    assertThat(f.get("modified_at").asLong()).isPositive();
    // the /Workspace prefix names the same tree
    assertThat(status("/Workspace" + file).get("object_id")).isEqualTo(f.get("object_id"));
    admin()
        .get(Wire.query(BASE + "/get-status", "path", ADMIN_HOME + "/nothing-here"))
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    admin()
        .get(Wire.query(BASE + "/get-status", "path", "relative/path"))
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
  }

  /**
   * List: "Lists the contents of a directory, or the object if it is not a directory"; {@code
   * {objects: [ObjectInfo]}}; a missing path RESOURCE_DOES_NOT_EXIST; {@code
   * notebooks_modified_after} leaves out notebooks not changed since.
   * https://docs.databricks.com/api/workspace-files/v1/list.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/workspace/list",
      doc = "https://docs.databricks.com/api/workspace-files/v1/list.md")
  void listShowsADirectorysChildren() {
    JsonNode shared = admin().get(Wire.query(BASE + "/list", "path", "/Shared")).ok();
    JsonShape.of("{\"objects\": [null]}").check(shared);
    shared.get("objects").forEach(OBJECT::check);
    assertThat(paths(shared)).contains(SampleNotebooks.SQL.path(), SampleNotebooks.PYTHON.path());
    JsonNode one = admin().get(Wire.query(BASE + "/list", "path", SampleNotebooks.SQL.path())).ok();
    assertThat(paths(one)).containsExactly(SampleNotebooks.SQL.path());
    String dir = ADMIN_HOME + "/" + unique("list");
    mkdirs(dir);
    assertThat(admin().get(Wire.query(BASE + "/list", "path", dir)).ok().path("objects").size())
        .isZero();
    importSource(dir + "/nb", "SQL", "SELECT 1");
    JsonNode later =
        admin()
            .get(
                Wire.query(
                    BASE + "/list",
                    "path",
                    dir,
                    "notebooks_modified_after",
                    String.valueOf(System.currentTimeMillis() + 60_000)))
            .ok();
    assertThat(later.path("objects").size()).isZero();
    // the root lists the top-level folders; a user sees only their own home in /Users
    assertThat(paths(admin().get(Wire.query(BASE + "/list", "path", "/")).ok()))
        .contains("/Users", "/Shared");
    assertThat(paths(analyst().get(Wire.query(BASE + "/list", "path", "/Users")).ok()))
        .containsExactly(ANALYST_HOME);
    admin()
        .get(Wire.query(BASE + "/list", "path", "/Shared/no-such-folder"))
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    analyst()
        .get(Wire.query(BASE + "/list", "path", ADMIN_HOME))
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
  }

  /**
   * Import: answers {@code {}}; "If path already exists and overwrite is set to false, this call
   * returns an error RESOURCE_ALREADY_EXISTS"; "To import a single file as SOURCE, you must set the
   * language field"; content "has a limit of 10 MB" (MAX_NOTEBOOK_SIZE_EXCEEDED); AUTO "If the item
   * is imported as a notebook, then the item's extension is automatically removed"; the parent
   * folder must exist (a real workspace answers 404, databricks/cli#5763).
   * https://docs.databricks.com/api/workspace-files/v1/import.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/workspace/import",
      doc = "https://docs.databricks.com/api/workspace-files/v1/import.md")
  void importCreatesNotebooksAndFiles() {
    String dir = ADMIN_HOME + "/" + unique("import");
    mkdirs(dir);
    admin()
        .post(BASE + "/import", importBody(dir + "/nb", "SOURCE", "PYTHON", "print(1)", false))
        .okEmpty();
    JsonNode nb = status(dir + "/nb");
    assertThat(nb.get("object_type").asText()).isEqualTo("NOTEBOOK");
    assertThat(nb.get("language").asText()).isEqualTo("PYTHON");
    alreadyExists(
        admin()
            .post(
                BASE + "/import", importBody(dir + "/nb", "SOURCE", "PYTHON", "print(2)", false)));
    admin()
        .post(BASE + "/import", importBody(dir + "/nb", "SOURCE", "PYTHON", "print(2)", true))
        .okEmpty();
    assertThat(exportText(dir + "/nb", "SOURCE")).contains("print(2)");
    assertThat(status(dir + "/nb").get("object_id")).isEqualTo(nb.get("object_id"));
    admin()
        .post(BASE + "/import", importBody(dir + "/nolang", "SOURCE", null, "print(1)", false))
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin()
        .post(
            BASE + "/import",
            importBody(
                dir + "/auto.sql", "AUTO", null, "-- Databricks notebook source\nSELECT 1", false))
        .okEmpty();
    assertThat(status(dir + "/auto").get("language").asText()).isEqualTo("SQL");
    admin()
        .post(BASE + "/import", importBody(dir + "/data.csv", "AUTO", null, "a,b\n1,2\n", false))
        .okEmpty();
    assertThat(status(dir + "/data.csv").get("object_type").asText()).isEqualTo("FILE");
    admin()
        .post(BASE + "/import", importBody(dir + "/missing/nb", "SOURCE", "SQL", "SELECT 1", false))
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    // a folder is never overwritten by an import
    alreadyExists(
        admin().post(BASE + "/import", importBody(dir, "SOURCE", "SQL", "SELECT 1", true)));
    analyst()
        .post(BASE + "/import", importBody(ADMIN_HOME + "/x", "SOURCE", "SQL", "SELECT 1", false))
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    analyst()
        .post(
            BASE + "/import",
            importBody(ANALYST_HOME + "/" + unique("mine"), "SOURCE", "SQL", "SELECT 1", false))
        .okEmpty();
  }

  /**
   * Import of an .ipynb document (JUPYTER): a notebook whose commands are its cells, markdown cells
   * as {@code %md} commands, exported back as JUPYTER with the same cells.
   * https://docs.databricks.com/api/workspace-files/v1/import.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/workspace/import",
      doc = "https://docs.databricks.com/api/workspace-files/v1/import.md")
  void jupyterRoundTrips() throws Exception {
    String path = ADMIN_HOME + "/" + unique("ipynb");
    String ipynb =
        "{\"cells\": [{\"cell_type\": \"markdown\", \"metadata\": {}, \"source\": [\"# Title\"]},"
            + " {\"cell_type\": \"code\", \"execution_count\": null, \"metadata\": {},"
            + " \"outputs\": [], \"source\": [\"x = 1\\n\", \"print(x)\"]}],"
            + " \"metadata\": {\"language_info\": {\"name\": \"python\"}},"
            + " \"nbformat\": 4, \"nbformat_minor\": 5}";
    admin().post(BASE + "/import", importBody(path, "JUPYTER", null, ipynb, false)).okEmpty();
    assertThat(status(path).get("language").asText()).isEqualTo("PYTHON");
    String source = exportText(path, "SOURCE");
    assertThat(source)
        .startsWith("# Databricks notebook source\n")
        .contains("# MAGIC %md", "# COMMAND ----------", "x = 1\nprint(x)");
    JsonNode back = new ObjectMapper().readTree(exportText(path, "JUPYTER"));
    assertThat(back.get("nbformat").asInt()).isEqualTo(4);
    assertThat(back.get("cells")).hasSize(2);
    assertThat(back.get("cells").get(0).get("cell_type").asText()).isEqualTo("markdown");
    assertThat(back.get("cells").get(1).get("source").toString()).contains("print(x)");
    admin()
        .post(BASE + "/import", importBody(path + "2", "JUPYTER", null, "not json", false))
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
  }

  /**
   * Export: {@code {content, file_type}}, content base64; "By default, this is SOURCE"; {@code
   * direct_download=true} answers the file itself; a missing path RESOURCE_DOES_NOT_EXIST.
   * https://docs.databricks.com/api/workspace-objects/v1/export.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/workspace/export",
      doc = "https://docs.databricks.com/api/workspace-objects/v1/export.md")
  void exportGivesTheSource() {
    JsonNode out =
        admin().get(Wire.query(BASE + "/export", "path", SampleNotebooks.SQL.path())).ok();
    JsonShape.of("{\"content\": \"string\", \"file_type\": \"string\"}")
        .required("content")
        .check(out);
    String text = decode(out.get("content").asText());
    assertThat(text)
        .startsWith("-- Databricks notebook source\n")
        .contains("-- COMMAND ----------");
    assertThat(out.get("file_type").asText()).isEqualTo("sql");
    Reply direct =
        admin()
            .get(
                Wire.query(
                    BASE + "/export",
                    "path",
                    SampleNotebooks.SQL.path(),
                    "direct_download",
                    "true"));
    assertThat(direct.status()).isEqualTo(200);
    assertThat(direct.body()).isEqualTo(text);
    admin()
        .get(Wire.query(BASE + "/export", "path", "/Shared/nothing-here"))
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    admin()
        .get(Wire.query(BASE + "/export", "path", SampleNotebooks.SQL.path(), "format", "source"))
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
  }

  /**
   * Mkdirs: answers {@code {}}; creates the missing parents; an existing directory is left as it
   * is; "If there is an object (not a directory) at any prefix of the input path, this call returns
   * an error RESOURCE_ALREADY_EXISTS". https://docs.databricks.com/api/workspace-files/v1/mkdirs.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/workspace/mkdirs",
      doc = "https://docs.databricks.com/api/workspace-files/v1/mkdirs.md")
  void mkdirsCreatesParents() {
    String top = ADMIN_HOME + "/" + unique("mk");
    admin().post(BASE + "/mkdirs", "{\"path\": " + quote(top + "/a/b") + "}").okEmpty();
    assertThat(status(top + "/a").get("object_type").asText()).isEqualTo("DIRECTORY");
    assertThat(status(top + "/a/b").get("object_type").asText()).isEqualTo("DIRECTORY");
    admin().post(BASE + "/mkdirs", "{\"path\": " + quote(top + "/a/b") + "}").okEmpty();
    importRaw(top + "/f.txt", "x");
    alreadyExists(admin().post(BASE + "/mkdirs", "{\"path\": " + quote(top + "/f.txt/sub") + "}"));
    analyst()
        .post(BASE + "/mkdirs", "{\"path\": " + quote(ADMIN_HOME + "/nope") + "}")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
  }

  /**
   * Delete: answers {@code {}}; a missing path RESOURCE_DOES_NOT_EXIST; "If path is a non-empty
   * directory and recursive is set to false, this call returns an error DIRECTORY_NOT_EMPTY".
   * https://docs.databricks.com/api/workspace-objects/v1/delete.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/workspace/delete",
      doc = "https://docs.databricks.com/api/workspace-objects/v1/delete.md")
  void deleteRemovesObjectsAndTrees() {
    String dir = ADMIN_HOME + "/" + unique("del");
    mkdirs(dir + "/sub");
    importSource(dir + "/sub/nb", "SQL", "SELECT 1");
    admin()
        .post(BASE + "/delete", "{\"path\": " + quote(dir) + "}")
        .isError(400, "DIRECTORY_NOT_EMPTY", BadRequest.class);
    admin().post(BASE + "/delete", "{\"path\": " + quote(dir + "/sub/nb") + "}").okEmpty();
    admin()
        .post(BASE + "/delete", "{\"path\": " + quote(dir + "/sub/nb") + "}")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    importSource(dir + "/sub/nb2", "SQL", "SELECT 1");
    admin().post(BASE + "/delete", "{\"path\": " + quote(dir) + ", \"recursive\": true}").okEmpty();
    admin()
        .get(Wire.query(BASE + "/get-status", "path", dir + "/sub/nb2"))
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    analyst()
        .post(BASE + "/delete", "{\"path\": " + quote(SampleNotebooks.SQL.path() + "x") + "}")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    admin()
        .post(BASE + "/delete", "{\"path\": \"/Shared\", \"recursive\": true}")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
  }

  /**
   * What a caller might try to reach the host or exhaust the sandbox with: {@code ..} and {@code .}
   * segments, empty segments, a very long path, content over the documented 10 MB.
   */
  @Test
  @Contract(
      value = "POST /api/2.0/workspace/import",
      doc = "https://docs.databricks.com/api/workspace-files/v1/import.md")
  void pathsAreNamesInTheTreeNotHostPaths() {
    for (String path :
        List.of(
            ADMIN_HOME + "/../../etc/passwd",
            ADMIN_HOME + "/./x",
            ADMIN_HOME + "//x",
            "/" + "a".repeat(5000),
            "C:\\Windows\\x")) {
      admin()
          .post(BASE + "/import", importBody(path, "SOURCE", "PYTHON", "print(1)", true))
          .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
      admin()
          .get(Wire.query(BASE + "/export", "path", path))
          .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    }
    String big = Base64.getEncoder().encodeToString(new byte[WorkspaceTree.MAX_CONTENT_BYTES + 1]);
    admin()
        .post(
            BASE + "/import",
            "{\"path\": "
                + quote(ADMIN_HOME + "/big.bin")
                + ", \"format\": \"RAW\", \"content\": \""
                + big
                + "\"}")
        .isError(400, "MAX_NOTEBOOK_SIZE_EXCEEDED", BadRequest.class);
    admin()
        .get(Wire.query(BASE + "/get-status", "path", ADMIN_HOME + "/big.bin"))
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  /**
   * Through the real SDK: mkdirs, importContent, getStatus, list, export (SOURCE and JUPYTER),
   * delete; and the tree's lookup for other areas. This SDK version has no upload/download helpers
   * for the workspace (no WorkspaceExt in com.databricks.sdk.mixin).
   */
  @Test
  @Contract(
      value = "POST /api/2.0/workspace/import",
      doc = "https://docs.databricks.com/api/workspace-files/v1/import.md")
  @Contract(
      value = "GET /api/2.0/workspace/export",
      doc = "https://docs.databricks.com/api/workspace-objects/v1/export.md")
  void sdkRoundTrip() {
    WorkspaceClient w = SharedSandbox.sdk(Identities.ADMIN_TOKEN);
    String dir = ADMIN_HOME + "/" + unique("sdk");
    w.workspace().mkdirs(dir);
    String source =
        "-- Databricks notebook source\nSELECT 1\n\n-- COMMAND ----------\n\nSELECT 2\n";
    w.workspace()
        .importContent(
            new Import()
                .setPath(dir + "/q")
                .setFormat(ImportFormat.SOURCE)
                .setLanguage(Language.SQL)
                .setContent(encode(source)));
    ObjectInfo info = w.workspace().getStatus(dir + "/q");
    assertThat(info.getObjectType()).isEqualTo(ObjectType.NOTEBOOK);
    assertThat(info.getLanguage()).isEqualTo(Language.SQL);
    List<String> listed = new ArrayList<>();
    w.workspace().list(dir).forEach(o -> listed.add(o.getPath()));
    assertThat(listed).containsExactly(dir + "/q");
    ExportResponse exported =
        w.workspace()
            .export(new ExportRequest().setPath(dir + "/q").setFormat(ExportFormat.SOURCE));
    assertThat(decode(exported.getContent())).isEqualTo(source);
    assertThat(exported.getFileType()).isEqualTo("sql");
    ExportResponse jupyter =
        w.workspace()
            .export(new ExportRequest().setPath(dir + "/q").setFormat(ExportFormat.JUPYTER));
    assertThat(jupyter.getFileType()).isEqualTo("ipynb");
    WorkspaceObject found =
        SharedSandbox.sandbox().state(WorkspaceTree.class).find(dir + "/q").orElseThrow();
    assertThat(found.notebookCells()).containsExactly("SELECT 1", "SELECT 2");
    w.workspace().delete(new Delete().setPath(dir).setRecursive(true));
    assertThatThrownBy(() -> w.workspace().getStatus(dir)).isInstanceOf(ResourceDoesNotExist.class);
  }

  /**
   * RESOURCE_ALREADY_EXISTS as the Workspace API sends it: 400 on the wire. The SDK raises its
   * ResourceAlreadyExists for the code (its rule for the code comes first), which reports 409
   * whatever the wire said, so Reply.isError's status check does not apply.
   */
  static void alreadyExists(Reply r) {
    assertThat(r.status()).as(r.describe("status")).isEqualTo(400);
    assertThat(r.json().path("error_code").asText()).isEqualTo("RESOURCE_ALREADY_EXISTS");
    assertThat(r.json().path("message").asText()).isNotBlank();
    assertThat(r.sdkError()).isExactlyInstanceOf(ResourceAlreadyExists.class);
  }

  static JsonNode status(String path) {
    return admin().get(Wire.query(BASE + "/get-status", "path", path)).ok();
  }

  static void mkdirs(String path) {
    admin().post(BASE + "/mkdirs", "{\"path\": " + quote(path) + "}").okEmpty();
  }

  static void importSource(String path, String language, String text) {
    admin().post(BASE + "/import", importBody(path, "SOURCE", language, text, false)).okEmpty();
  }

  static void importRaw(String path, String text) {
    admin().post(BASE + "/import", importBody(path, "RAW", null, text, false)).okEmpty();
  }

  static String importBody(
      String path, String format, String language, String text, boolean overwrite) {
    return "{\"path\": "
        + quote(path)
        + ", \"format\": \""
        + format
        + "\""
        + (language == null ? "" : ", \"language\": \"" + language + "\"")
        + ", \"content\": \""
        + encode(text)
        + "\", \"overwrite\": "
        + overwrite
        + "}";
  }

  static String exportText(String path, String format) {
    return decode(
        admin()
            .get(Wire.query(BASE + "/export", "path", path, "format", format))
            .ok()
            .get("content")
            .asText());
  }

  private static String encode(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }

  private static List<String> paths(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.path("objects").forEach(o -> out.add(o.get("path").asText()));
    return out;
  }
}
