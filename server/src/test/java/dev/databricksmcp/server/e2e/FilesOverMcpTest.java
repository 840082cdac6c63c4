package dev.databricksmcp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.service.catalog.CreateVolumeRequestContent;
import com.databricks.sdk.service.catalog.VolumeType;
import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.sql.Warehouses;
import dev.databricksmcp.server.connection.ConnectionSettings;
import dev.databricksmcp.server.connection.SharedWorkspaceProvider;
import dev.databricksmcp.server.core.Inventory;
import dev.databricksmcp.server.core.ServerSettings;
import dev.databricksmcp.server.core.ToolSelection;
import dev.databricksmcp.server.core.Toolsets;
import dev.databricksmcp.server.mcp.McpServerFactory;
import dev.databricksmcp.server.security.AuditLog;
import dev.databricksmcp.server.security.CallPolicies;
import dev.databricksmcp.server.security.SecuritySettings;
import dev.databricksmcp.server.transport.HttpSettings;
import dev.databricksmcp.server.transport.HttpTransport;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

  private Sandbox sandbox;
  private HttpTransport server;
  private McpSyncClient client;

  @BeforeEach
  void start() {
    sandbox = Sandbox.start(SandboxOptions.inMemory());
    ToolSelection files = new ToolSelection(List.of("files", "sql"), Set.of(), Set.of(), false);
    Inventory inventory = Toolsets.discovered().inventory(ServerSettings.of(files, true));
    McpServerFactory factory =
        new McpServerFactory(
                inventory.select(files),
                new SharedWorkspaceProvider(
                    new ConnectionSettings(null, sandbox.host(), sandbox.adminToken())),
                false,
                CallPolicies.invoker(false, SecuritySettings.defaults(), AuditLog.discard()))
            .withResources(inventory.resources(files));
    server = HttpTransport.start(HttpSettings.loopback(0), factory);
    client =
        McpClient.sync(
                HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
                    .endpoint("/mcp")
                    .build())
            .requestTimeout(Duration.ofSeconds(60))
            .build();
    client.initialize();
  }

  @AfterEach
  void stop() {
    client.closeGracefully();
    server.close();
    sandbox.close();
  }

  @Test
  void aSqlNotebookIsImportedListedExportedChangedAndImportedBack() {
    call("create_workspace_directory", Map.of("path", DIR));
    String source =
        "-- Databricks notebook source\nSELECT 1 AS first\n\n-- COMMAND ----------\n\nSELECT 2 AS second\n";
    assertThat(
            data(
                call(
                    "import_notebook",
                    Map.of("path", NOTEBOOK, "content", source, "language", "SQL"))))
        .containsEntry("type", "NOTEBOOK")
        .containsEntry("language", "SQL");

    assertThat(items(call("list_workspace", Map.of("path", DIR))))
        .extracting(row -> row.get("path"))
        .containsExactly(NOTEBOOK);

    String exported =
        String.valueOf(data(call("export_notebook", Map.of("path", NOTEBOOK))).get("content"));
    assertThat(exported).contains("SELECT 1 AS first").contains("SELECT 2 AS second");
    String[] cells = exported.split("-- COMMAND ----------");
    assertThat(cells).hasSize(2);

    // the model changes the second cell and writes the notebook back: replacing is confirmed
    String changed = exported.replace("SELECT 2 AS second", "SELECT 42 AS answer");
    Map<String, Object> replace =
        new HashMap<>(
            Map.of("path", NOTEBOOK, "content", changed, "language", "SQL", "overwrite", true));
    confirmed("import_notebook", replace);
    String again =
        String.valueOf(data(call("export_notebook", Map.of("path", NOTEBOOK))).get("content"));
    assertThat(again).contains("SELECT 42 AS answer").doesNotContain("SELECT 2 AS second");

    // and a client attaches it without a tool call
    McpSchema.TextResourceContents attached =
        (McpSchema.TextResourceContents)
            client
                .readResource(
                    new McpSchema.ReadResourceRequest("databricks://workspace" + NOTEBOOK))
                .contents()
                .get(0);
    assertThat(attached.text()).contains("SELECT 42 AS answer");
    assertThat(attached.mimeType()).isEqualTo("text/x-sql");
  }

  @Test
  void aCsvUploadedToAVolumeIsReadInRangesAndQueriedWithSql() {
    admin()
        .volumes()
        .create(
            new CreateVolumeRequestContent()
                .setCatalogName("main")
                .setSchemaName("default")
                .setName("landing")
                .setVolumeType(VolumeType.MANAGED));
    String file = "/Volumes/main/default/landing/cities.csv";
    assertThat(data(call("upload_volume_file", Map.of("path", file, "content", CSV))))
        .containsEntry("size", CSV.length());

    Map<String, Object> first =
        data(call("download_volume_file", Map.of("path", file, "offset", 0, "length", 20)));
    assertThat(first)
        .containsEntry("content", CSV.substring(0, 20))
        .containsEntry("size", CSV.length())
        .containsEntry("truncated", true)
        .containsEntry("next_offset", 20);
    Map<String, Object> rest =
        data(call("download_volume_file", Map.of("path", file, "offset", 20, "length", 1000)));
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
    Map<String, Object> rows = data(confirmed("execute_sql", sql));
    assertThat(String.valueOf(rows.get("rows")))
        .contains("Oslo")
        .contains("709000")
        .contains("Bergen")
        .doesNotContain("Tromso");
  }

  @Test
  void dbfsFilesAreWrittenMovedAndDeletedConfirmed() {
    call("write_dbfs_file", Map.of("path", "/tmp/mcp/a.txt", "content", "hello"));
    call(
        "move_dbfs_path",
        Map.of("source_path", "/tmp/mcp/a.txt", "destination_path", "/tmp/mcp/b.txt"));
    assertThat(
            errorCode(
                client.callTool(
                    new CallToolRequest("get_dbfs_status", Map.of("path", "/tmp/mcp/a.txt")))))
        .isEqualTo("NOT_FOUND");
    assertThat(data(call("read_dbfs_file", Map.of("path", "/tmp/mcp/b.txt"))))
        .containsEntry("content", "hello");

    confirmed("delete_dbfs_path", new HashMap<>(Map.of("path", "/tmp/mcp/b.txt")));
    assertThat(
            errorCode(
                client.callTool(
                    new CallToolRequest("get_dbfs_status", Map.of("path", "/tmp/mcp/b.txt")))))
        .isEqualTo("NOT_FOUND");
  }

  /** A destructive call: asked first, then made again with the confirmation token it was given. */
  @SuppressWarnings("unchecked")
  private CallToolResult confirmed(String tool, Map<String, Object> args) {
    CallToolResult asked = client.callTool(new CallToolRequest(tool, args));
    assertThat(errorCode(asked)).as(tool + ": " + body(asked)).isEqualTo("CONFIRMATION_REQUIRED");
    Map<String, Object> details = (Map<String, Object>) body(asked).get("details");
    args.put("confirmation_token", details.get("confirmation_token"));
    return call(tool, args);
  }

  private WorkspaceClient admin() {
    return new WorkspaceClient(
        new DatabricksConfig()
            .setHost(sandbox.host())
            .setToken(sandbox.adminToken())
            .setAuthType("pat"));
  }

  private CallToolResult call(String tool, Map<String, Object> args) {
    CallToolResult r = client.callTool(new CallToolRequest(tool, args));
    assertThat(r.isError()).as(tool + ": " + body(r)).isFalse();
    return r;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(CallToolResult r) {
    return (Map<String, Object>) r.structuredContent();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(CallToolResult r) {
    return (Map<String, Object>) body(r).get("data");
  }

  private static String errorCode(CallToolResult r) {
    return String.valueOf(body(r).get("error_code"));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> items(CallToolResult r) {
    return (List<Map<String, Object>>) data(r).get("items");
  }
}
