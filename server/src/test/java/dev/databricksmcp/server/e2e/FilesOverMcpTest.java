package dev.databricksmcp.server.e2e;

import static dev.databricksmcp.server.testing.SandboxOverMcp.data;
import static dev.databricksmcp.server.testing.SandboxOverMcp.errorCode;
import static dev.databricksmcp.server.testing.SandboxOverMcp.items;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.service.catalog.CreateVolumeRequestContent;
import com.databricks.sdk.service.catalog.VolumeType;
import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.sql.Warehouses;
import dev.databricksmcp.server.testing.SandboxOverMcp;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What issue 18 says a model can do on the sandbox, done the way a model does it: MCP calls over
 * Streamable HTTP through the MCP SDK's client, with the files and sql toolsets on and the server's
 * real call policies (destructive tools confirmed with a token, as for a client without
 * elicitation). Import a SQL notebook, list and export it, change a cell and import it back; upload
 * a CSV to a volume, read it back in ranges and query it with SQL; move and delete files in DBFS.
 * The changed notebook is then read through {@code resources/read} ({@code
 * FileResourcesOverMcpTest} covers resources in full).
 */
@Timeout(120)
class FilesOverMcpTest {
  private static final String DIR = "/Shared/files-over-mcp";
  private static final String NOTEBOOK = DIR + "/report";
  private static final String CSV = "city,people\nOslo,709000\nBergen,291000\nTromso,77000\n";

  // one sandbox for the class: each test works on objects of its own
  private static SandboxOverMcp mcp;

  @BeforeAll
  static void start() {
    mcp = SandboxOverMcp.confirming(Sandbox.start(SandboxOptions.inMemory()), "files", "sql");
  }

  @AfterAll
  static void stop() {
    mcp.close();
  }

  @Test
  void aSqlNotebookIsImportedListedExportedChangedAndImportedBack() {
    mcp.call("create_workspace_directory", Map.of("path", DIR));
    String source =
        "-- Databricks notebook source\nSELECT 1 AS first\n\n-- COMMAND ----------\n\nSELECT 2 AS second\n";
    assertThat(
            data(
                mcp.call(
                    "import_notebook",
                    Map.of("path", NOTEBOOK, "content", source, "language", "SQL"))))
        .containsEntry("type", "NOTEBOOK")
        .containsEntry("language", "SQL");

    assertThat(items(mcp.call("list_workspace", Map.of("path", DIR))))
        .extracting(row -> row.get("path"))
        .containsExactly(NOTEBOOK);

    String exported =
        String.valueOf(data(mcp.call("export_notebook", Map.of("path", NOTEBOOK))).get("content"));
    assertThat(exported).contains("SELECT 1 AS first").contains("SELECT 2 AS second");
    String[] cells = exported.split("-- COMMAND ----------");
    assertThat(cells).hasSize(2);

    // the model changes the second cell and writes the notebook back: replacing is confirmed
    String changed = exported.replace("SELECT 2 AS second", "SELECT 42 AS answer");
    Map<String, Object> replace =
        new HashMap<>(
            Map.of("path", NOTEBOOK, "content", changed, "language", "SQL", "overwrite", true));
    mcp.confirmed("import_notebook", replace);
    String again =
        String.valueOf(data(mcp.call("export_notebook", Map.of("path", NOTEBOOK))).get("content"));
    assertThat(again).contains("SELECT 42 AS answer").doesNotContain("SELECT 2 AS second");

    // and a client attaches it without a tool call
    McpSchema.TextResourceContents attached =
        (McpSchema.TextResourceContents)
            mcp.client()
                .readResource(
                    new McpSchema.ReadResourceRequest("databricks://workspace" + NOTEBOOK))
                .contents()
                .get(0);
    assertThat(attached.text()).contains("SELECT 42 AS answer");
    assertThat(attached.mimeType()).isEqualTo("text/x-sql");
  }

  @Test
  void aCsvUploadedToAVolumeIsReadInRangesAndQueriedWithSql() {
    mcp.admin()
        .volumes()
        .create(
            new CreateVolumeRequestContent()
                .setCatalogName("main")
                .setSchemaName("default")
                .setName("landing")
                .setVolumeType(VolumeType.MANAGED));
    String file = "/Volumes/main/default/landing/cities.csv";
    assertThat(data(mcp.call("upload_volume_file", Map.of("path", file, "content", CSV))))
        .containsEntry("size", CSV.length());

    Map<String, Object> first =
        data(mcp.call("download_volume_file", Map.of("path", file, "offset", 0, "length", 20)));
    assertThat(first)
        .containsEntry("content", CSV.substring(0, 20))
        .containsEntry("size", CSV.length())
        .containsEntry("truncated", true)
        .containsEntry("next_offset", 20);
    Map<String, Object> rest =
        data(mcp.call("download_volume_file", Map.of("path", file, "offset", 20, "length", 1000)));
    assertThat(rest).containsEntry("content", CSV.substring(20)).containsEntry("truncated", false);

    // execute_sql, confirmed: the SQL guard counts read_files among the outside sources, which
    // the read-only tool does not run and execute_sql asks about first, whatever the path
    Map<String, Object> sql =
        new HashMap<>(
            Map.of(
                "warehouse_id",
                Warehouses.STARTER_ID,
                "statement",
                "SELECT city, people FROM read_files('"
                    + file
                    + "', format => 'csv', header => true) WHERE people > 100000"
                    + " ORDER BY people DESC"));
    Map<String, Object> rows = data(mcp.confirmed("execute_sql", sql));
    assertThat(String.valueOf(rows.get("rows")))
        .contains("Oslo")
        .contains("709000")
        .contains("Bergen")
        .doesNotContain("Tromso");
  }

  @Test
  void dbfsFilesAreWrittenMovedAndDeletedConfirmed() {
    mcp.call("write_dbfs_file", Map.of("path", "/tmp/mcp/a.txt", "content", "hello"));
    mcp.call(
        "move_dbfs_path",
        Map.of("source_path", "/tmp/mcp/a.txt", "destination_path", "/tmp/mcp/b.txt"));
    assertThat(errorCode(mcp.attempt("get_dbfs_status", Map.of("path", "/tmp/mcp/a.txt"))))
        .isEqualTo("NOT_FOUND");
    assertThat(data(mcp.call("read_dbfs_file", Map.of("path", "/tmp/mcp/b.txt"))))
        .containsEntry("content", "hello");

    mcp.confirmed("delete_dbfs_path", new HashMap<>(Map.of("path", "/tmp/mcp/b.txt")));
    assertThat(errorCode(mcp.attempt("get_dbfs_status", Map.of("path", "/tmp/mcp/b.txt"))))
        .isEqualTo("NOT_FOUND");
  }
}
