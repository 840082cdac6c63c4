package dev.databricksmcp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.service.catalog.CreateVolumeRequestContent;
import com.databricks.sdk.service.catalog.VolumeType;
import com.databricks.sdk.service.files.UploadRequest;
import com.databricks.sdk.service.workspace.Import;
import com.databricks.sdk.service.workspace.ImportFormat;
import com.databricks.sdk.service.workspace.Language;
import com.databricks.sdk.service.workspace.Mkdirs;
import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.server.connection.ConnectionSettings;
import dev.databricksmcp.server.connection.SharedWorkspaceProvider;
import dev.databricksmcp.server.core.Inventory;
import dev.databricksmcp.server.core.ServerSettings;
import dev.databricksmcp.server.core.ToolSelection;
import dev.databricksmcp.server.core.Toolsets;
import dev.databricksmcp.server.mcp.McpServerFactory;
import dev.databricksmcp.server.transport.HttpSettings;
import dev.databricksmcp.server.transport.HttpTransport;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Notebooks and volume files as MCP resources, over Streamable HTTP with the MCP SDK's client: the
 * templates are listed, a notebook imported through the Databricks SDK reads back as its source, a
 * volume CSV as its text, and a missing or malformed path is a JSON-RPC error that names it (never
 * a stack trace). Without the files toolset there are no resources at all.
 */
@Timeout(120)
class FileResourcesOverMcpTest {
  private static final String NOTEBOOK = "/Shared/resources/report";
  private static final String SOURCE = "-- Databricks notebook source\nSELECT 1 AS one\n";
  private static final String CSV = "a,b\n1,2\n";

  private static Sandbox sandbox;
  private static HttpTransport server;
  private static McpSyncClient client;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.inMemory());
    WorkspaceClient w =
        new WorkspaceClient(
            new DatabricksConfig()
                .setHost(sandbox.host())
                .setToken(sandbox.adminToken())
                .setAuthType("pat"));
    w.workspace().mkdirs(new Mkdirs().setPath("/Shared/resources"));
    w.workspace()
        .importContent(
            new Import()
                .setPath(NOTEBOOK)
                .setFormat(ImportFormat.SOURCE)
                .setLanguage(Language.SQL)
                .setContent(
                    Base64.getEncoder().encodeToString(SOURCE.getBytes(StandardCharsets.UTF_8))));
    w.volumes()
        .create(
            new CreateVolumeRequestContent()
                .setCatalogName("main")
                .setSchemaName("default")
                .setName("docs")
                .setVolumeType(VolumeType.MANAGED));
    w.files()
        .upload(
            new UploadRequest()
                .setFilePath("/Volumes/main/default/docs/t.csv")
                .setContents(new ByteArrayInputStream(CSV.getBytes(StandardCharsets.UTF_8))));
    w.files()
        .upload(
            new UploadRequest()
                .setFilePath("/Volumes/main/default/docs/b.bin")
                .setContents(new ByteArrayInputStream(new byte[] {(byte) 0xff, 0, 1})));
    server = HttpTransport.start(HttpSettings.loopback(0), factory(List.of("files")));
    client = connect(server);
  }

  @AfterAll
  static void stop() {
    client.closeGracefully();
    server.close();
    sandbox.close();
  }

  static McpServerFactory factory(List<String> toolsets) {
    ToolSelection selection = new ToolSelection(toolsets, Set.of(), Set.of(), false);
    Inventory inventory = Toolsets.discovered().inventory(ServerSettings.of(selection, true));
    return new McpServerFactory(
            inventory.select(selection),
            new SharedWorkspaceProvider(
                new ConnectionSettings(null, sandbox.host(), sandbox.adminToken())),
            false)
        .withResources(inventory.resources(selection));
  }

  static McpSyncClient connect(HttpTransport server) {
    McpSyncClient c =
        McpClient.sync(
                HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
                    .endpoint("/mcp")
                    .build())
            .requestTimeout(Duration.ofSeconds(60))
            .build();
    c.initialize();
    return c;
  }

  @Test
  void theTemplatesAreListedAndNoConcreteResources() {
    assertThat(client.getServerCapabilities().resources()).isNotNull();
    assertThat(client.listResourceTemplates().resourceTemplates())
        .extracting(McpSchema.ResourceTemplate::uriTemplate)
        .containsExactlyInAnyOrder(
            "databricks://workspace/{+path}",
            "databricks://volumes/{catalog}/{schema}/{volume}/{+path}");
    assertThat(client.listResources().resources()).isEmpty();
  }

  @Test
  void aNotebookReadsAsItsSourceWithItsLanguage() {
    McpSchema.TextResourceContents text = text("databricks://workspace" + NOTEBOOK);
    assertThat(text.text()).contains("SELECT 1 AS one");
    assertThat(text.mimeType()).isEqualTo("text/x-sql");
  }

  @Test
  void aVolumeCsvReadsAsTextAndOtherBytesAsABlob() {
    McpSchema.TextResourceContents csv = text("databricks://volumes/main/default/docs/t.csv");
    assertThat(csv.text()).isEqualTo(CSV);
    assertThat(csv.mimeType()).isEqualTo("text/csv");
    McpSchema.ResourceContents bin =
        client
            .readResource(
                new McpSchema.ReadResourceRequest("databricks://volumes/main/default/docs/b.bin"))
            .contents()
            .get(0);
    assertThat(bin).isInstanceOf(McpSchema.BlobResourceContents.class);
    assertThat(Base64.getDecoder().decode(((McpSchema.BlobResourceContents) bin).blob()))
        .containsExactly((byte) 0xff, 0, 1);
  }

  @Test
  void anUnknownPathIsAnErrorNamingIt() {
    assertThatThrownBy(() -> text("databricks://workspace/Shared/resources/nope"))
        .isInstanceOf(McpError.class)
        .satisfies(
            e ->
                assertThat(((McpError) e).getJsonRpcError().code())
                    .isEqualTo(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND))
        .hasMessageContaining("/Shared/resources/nope")
        .hasMessageNotContaining("Exception")
        .hasMessageNotContaining("at dev.");
    assertThatThrownBy(() -> text("databricks://volumes/main/default/docs/none.csv"))
        .isInstanceOf(McpError.class)
        .hasMessageNotContaining("Exception");
  }

  @Test
  void aPathWithDotDotIsRefused() {
    for (String uri :
        List.of(
            "databricks://workspace/Shared/../etc/passwd",
            "databricks://workspace/Shared/%2E%2E/etc/passwd",
            "databricks://volumes/main/default/docs/../../x.csv")) {
      assertThatThrownBy(() -> text(uri))
          .as(uri)
          .isInstanceOf(McpError.class)
          .satisfies(
              e ->
                  assertThat(((McpError) e).getJsonRpcError().code())
                      .isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS))
          .hasMessageContaining("..");
    }
  }

  @Test
  void withoutTheFilesToolsetThereAreNoResources() {
    HttpTransport sqlOnly = HttpTransport.start(HttpSettings.loopback(0), factory(List.of("sql")));
    McpSyncClient c = connect(sqlOnly);
    try {
      assertThat(c.getServerCapabilities().resources()).isNull();
    } finally {
      c.closeGracefully();
      sqlOnly.close();
    }
  }

  private static McpSchema.TextResourceContents text(String uri) {
    return (McpSchema.TextResourceContents)
        client.readResource(new McpSchema.ReadResourceRequest(uri)).contents().get(0);
  }
}
