package dev.databricksmcp.server.tools.files;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.data;
import static dev.databricksmcp.server.testing.SandboxFixture.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.service.workspace.ExportFormat;
import com.databricks.sdk.service.workspace.ExportRequest;
import com.databricks.sdk.service.workspace.Import;
import com.databricks.sdk.service.workspace.ImportFormat;
import com.databricks.sdk.service.workspace.Language;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.workspace.SampleNotebooks;
import dev.databricksmcp.server.testing.SandboxFixture;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The workspace tools of the files toolset against the sandbox, through the real SDK: listing (home
 * by default, recursive with a cap), status, folders, export (inline, and beyond the inline cap as
 * an embedded resource), import (text in, language inferred, existing objects refused unless
 * overwrite is confirmed), a recursive delete confirmed with its count; and bad paths refused
 * naming the field before anything is sent.
 */
@Timeout(120)
class WorkspaceToolsTest {
  private static final String HOME = "/Users/" + Identities.ADMIN.userName();
  private static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static Map<String, Object> ok(CallToolResult r) {
    assertThat(r.isError()).as(String.valueOf(body(r))).isFalse();
    return data(r);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> items(CallToolResult r) {
    return (List<Map<String, Object>>) ok(r).get("items");
  }

  private static String message(CallToolResult r) {
    return String.valueOf(body(r).get("message"));
  }

  private static void mkdirs(String path) {
    fx.adminClient().workspace().mkdirs(path);
  }

  private static void importSql(String path, String sql) {
    fx.adminClient()
        .workspace()
        .importContent(
            new Import()
                .setPath(path)
                .setFormat(ImportFormat.SOURCE)
                .setLanguage(Language.SQL)
                .setContent(
                    Base64.getEncoder().encodeToString(sql.getBytes(StandardCharsets.UTF_8))));
  }

  private static String exported(String path) {
    return new String(
        Base64.getDecoder()
            .decode(
                fx.adminClient()
                    .workspace()
                    .export(new ExportRequest().setPath(path).setFormat(ExportFormat.SOURCE))
                    .getContent()),
        StandardCharsets.UTF_8);
  }

  @Test
  void listDefaultsToTheHomeFolderAndWalksWithACap() {
    String dir = HOME + "/walk";
    mkdirs(dir + "/a/b");
    importSql(dir + "/a/one", "SELECT 1");
    importSql(dir + "/a/b/two", "SELECT 2");
    assertThat(items(fx.call("list_workspace", Map.of())))
        .extracting(r -> r.get("path"))
        .contains(dir);
    CallToolResult flat = fx.call("list_workspace", Map.of("path", dir));
    assertThat(items(flat)).extracting(r -> r.get("path")).containsExactly(dir + "/a");
    CallToolResult all = fx.call("list_workspace", Map.of("path", dir, "recursive", true));
    assertThat(items(all))
        .extracting(r -> r.get("path"))
        .containsExactlyInAnyOrder(dir + "/a", dir + "/a/b", dir + "/a/one", dir + "/a/b/two");
    assertThat(ok(all)).doesNotContainKey("truncated");
    Map<String, Object> notebook =
        items(all).stream().filter(r -> r.get("path").equals(dir + "/a/one")).findFirst().get();
    assertThat(notebook).containsEntry("type", "NOTEBOOK").containsEntry("language", "SQL");
    CallToolResult cut =
        fx.call("list_workspace", Map.of("path", dir, "recursive", true, "max_results", 2));
    assertThat(items(cut)).hasSize(2);
    assertThat(ok(cut)).containsEntry("truncated", true);
    assertThat(message(cut)).contains("max_results=2");
  }

  @Test
  void statusShowsTheSampleNotebookAndUnknownPathsAreNotFound() {
    Map<String, Object> s =
        ok(fx.call("get_workspace_status", Map.of("path", SampleNotebooks.SQL.path())));
    assertThat(s)
        .containsEntry("path", SampleNotebooks.SQL.path())
        .containsEntry("type", "NOTEBOOK")
        .containsEntry("language", "SQL")
        .containsKey("object_id");
    CallToolResult missing = fx.call("get_workspace_status", Map.of("path", "/Shared/nope"));
    assertThat(errorCode(missing)).isEqualTo("NOT_FOUND");
  }

  @Test
  void badPathsAreRefusedNamingTheField() {
    for (String bad :
        List.of("relative/x", "/Shared/../Users/x", "/Shared//x", "/" + "a".repeat(5000))) {
      for (String tool : List.of("get_workspace_status", "export_notebook", "list_workspace")) {
        CallToolResult r = fx.call(tool, Map.of("path", bad));
        assertThat(errorCode(r)).as(tool + " " + bad).isEqualTo("VALIDATION_ERROR");
        assertThat(String.valueOf(body(r).get("error"))).startsWith("path");
      }
    }
    CallToolResult r =
        fx.call("import_notebook", Map.of("path", "/Shared/../../etc/passwd", "content", "x"));
    assertThat(errorCode(r)).isEqualTo("VALIDATION_ERROR");
  }

  @Test
  void exportGivesTheSourceInlineOrAsAnEmbeddedResourceWhenLarge() {
    CallToolResult small =
        fx.call("export_notebook", Map.of("path", SampleNotebooks.PYTHON.path()));
    assertThat(ok(small))
        .containsEntry("language", "PYTHON")
        .containsEntry("format", "SOURCE")
        .doesNotContainKey("truncated");
    assertThat(String.valueOf(ok(small).get("content"))).startsWith("# Databricks notebook source");
    CallToolResult ipynb =
        fx.call("export_notebook", Map.of("path", SampleNotebooks.SQL.path(), "format", "JUPYTER"));
    assertThat(String.valueOf(ok(ipynb).get("content"))).contains("\"nbformat\"");

    String big = HOME + "/big";
    StringBuilder sql = new StringBuilder();
    while (sql.length() < NotebookTransferTools.INLINE_CHARS * 2) {
      sql.append("SELECT 'a fairly long line of sql text to fill the notebook';\n");
    }
    importSql(big, sql.toString());
    CallToolResult large = fx.call("export_notebook", Map.of("path", big));
    Map<String, Object> data = ok(large);
    assertThat(data).containsEntry("truncated", true);
    assertThat(String.valueOf(data.get("content"))).hasSize(NotebookTransferTools.INLINE_CHARS);
    List<McpSchema.Content> resources =
        large.content().stream().filter(c -> c instanceof McpSchema.EmbeddedResource).toList();
    assertThat(resources).hasSize(1);
    McpSchema.TextResourceContents whole =
        (McpSchema.TextResourceContents) ((McpSchema.EmbeddedResource) resources.get(0)).resource();
    assertThat(whole.text()).isEqualTo(exported(big));
    assertThat(whole.uri()).contains("/big");
  }

  @Test
  void importWritesTextRefusesAnExistingObjectAndReplacesItOnlyConfirmed() {
    String dir = HOME + "/imports";
    mkdirs(dir);
    CallToolResult created =
        fx.call(
            "import_notebook",
            Map.of("path", dir + "/report", "content", "SELECT 1", "language", "SQL"));
    assertThat(ok(created)).containsEntry("type", "NOTEBOOK").containsEntry("language", "SQL");
    assertThat(exported(dir + "/report")).contains("SELECT 1");

    CallToolResult again =
        fx.call(
            "import_notebook",
            Map.of("path", dir + "/report", "content", "SELECT 2", "language", "SQL"));
    assertThat(errorCode(again)).isEqualTo("ALREADY_EXISTS");
    assertThat(String.valueOf(body(again).get("error"))).contains("overwrite=true");

    Map<String, Object> replace =
        new HashMap<>(
            Map.of(
                "path",
                dir + "/report",
                "content",
                "SELECT 3",
                "language",
                "SQL",
                "overwrite",
                true));
    CallToolResult asked = fx.callConfirming("import_notebook", replace);
    assertThat(errorCode(asked)).isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(exported(dir + "/report")).contains("SELECT 1");
    @SuppressWarnings("unchecked")
    Map<String, Object> details = (Map<String, Object>) body(asked).get("details");
    replace.put("confirmation_token", details.get("confirmation_token"));
    ok(fx.callConfirming("import_notebook", replace));
    assertThat(exported(dir + "/report")).contains("SELECT 3");

    // the language from the content's header, then from the extension
    ok(
        fx.call(
            "import_notebook",
            Map.of("path", dir + "/headed", "content", "# Databricks notebook source\nprint(1)")));
    assertThat(ok(fx.call("get_workspace_status", Map.of("path", dir + "/headed"))))
        .containsEntry("language", "PYTHON");
    ok(fx.call("import_notebook", Map.of("path", dir + "/etl.sql", "content", "SELECT 1")));
    assertThat(ok(fx.call("get_workspace_status", Map.of("path", dir + "/etl.sql"))))
        .containsEntry("language", "SQL");
    CallToolResult noLanguage =
        fx.call("import_notebook", Map.of("path", dir + "/what", "content", "x = 1"));
    assertThat(errorCode(noLanguage)).isEqualTo("VALIDATION_ERROR");
    assertThat(String.valueOf(body(noLanguage).get("error"))).startsWith("language");

    CallToolResult noFolder =
        fx.call(
            "import_notebook",
            Map.of("path", dir + "/missing/x", "content", "SELECT 1", "language", "SQL"));
    assertThat(errorCode(noFolder)).isEqualTo("NOT_FOUND");
    CallToolResult notHers =
        fx.call(
            "import_notebook",
            Map.of("path", HOME + "/x", "content", "SELECT 1", "language", "SQL"),
            Identities.USER_TOKEN,
            false);
    assertThat(errorCode(notHers)).isEqualTo("PERMISSION_DENIED");
  }

  @Test
  void aFolderIsCreatedAndARecursiveDeleteSaysHowManyObjectsGo() {
    String dir = HOME + "/doomed";
    CallToolResult made = fx.call("create_workspace_directory", Map.of("path", dir + "/inner"));
    assertThat(ok(made)).containsEntry("type", "DIRECTORY");
    assertThat(message(made)).contains("Created folder");
    assertThat(message(fx.call("create_workspace_directory", Map.of("path", dir))))
        .contains("already existed");
    importSql(dir + "/inner/q1", "SELECT 1");
    importSql(dir + "/q2", "SELECT 2");

    CallToolResult notEmpty = fx.call("delete_workspace_object", Map.of("path", dir));
    assertThat(errorCode(notEmpty)).isEqualTo("VALIDATION_ERROR");
    assertThat(String.valueOf(body(notEmpty).get("error"))).startsWith("recursive");

    Map<String, Object> args = new HashMap<>(Map.of("path", dir, "recursive", true));
    CallToolResult asked = fx.callConfirming("delete_workspace_object", args);
    assertThat(errorCode(asked)).isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(String.valueOf(body(asked).get("error"))).contains(dir).contains("3 objects");
    @SuppressWarnings("unchecked")
    Map<String, Object> details = (Map<String, Object>) body(asked).get("details");
    args.put("confirmation_token", details.get("confirmation_token"));
    CallToolResult deleted = fx.callConfirming("delete_workspace_object", args);
    assertThat(ok(deleted)).containsEntry("deleted", true).containsEntry("objects_inside", 3);
    assertThat(errorCode(fx.call("get_workspace_status", Map.of("path", dir))))
        .isEqualTo("NOT_FOUND");
    assertThat(errorCode(fx.call("delete_workspace_object", Map.of("path", dir))))
        .isEqualTo("NOT_FOUND");
  }
}
