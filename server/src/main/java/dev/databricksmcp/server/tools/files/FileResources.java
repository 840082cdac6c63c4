package dev.databricksmcp.server.tools.files;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.files.DownloadResponse;
import com.databricks.sdk.service.workspace.ExportFormat;
import com.databricks.sdk.service.workspace.ExportRequest;
import com.databricks.sdk.service.workspace.ExportResponse;
import com.databricks.sdk.service.workspace.ObjectInfo;
import com.databricks.sdk.service.workspace.ObjectType;
import dev.databricksmcp.server.core.ErrorCode;
import dev.databricksmcp.server.core.ResourceDef;
import dev.databricksmcp.server.core.ToolException;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Workspace files and volume files as MCP resources, so that a client can attach a notebook or a
 * CSV without a tool call:
 *
 * <ul>
 *   <li>{@code databricks://workspace/{+path}}: a notebook as its SOURCE text (mimeType by
 *       language, e.g. {@code text/x-sql}), a workspace file as its bytes;
 *   <li>{@code databricks://volumes/{catalog}/{schema}/{volume}/{+path}}: a file in a volume.
 * </ul>
 *
 * UTF-8 content comes as text, anything else as a base64 blob. A resource carries at most {@link
 * #MAX_BYTES}; a larger object is an error that names its size and the tool that reads it in parts
 * (export_notebook, download_volume_file), never a silent cut. Paths are checked as the tools check
 * them ({@code ..} refused). {@code resources/list} lists nothing: a workspace holds any number of
 * objects and listing them would cost API calls on every client refresh; the templates, with
 * list_workspace and list_volume_directory to find paths, are the way in.
 */
final class FileResources {
  static final String WORKSPACE = "databricks://workspace/";
  static final String VOLUMES = "databricks://volumes/";

  /** The most a resource carries: larger objects are read in parts by the tools. */
  static final int MAX_BYTES = 1024 * 1024;

  private FileResources() {}

  static List<ResourceDef> definitions() {
    return List.of(
        new ResourceDef(
            FilesToolset.ID,
            template(
                WORKSPACE + "{+path}",
                "workspace-object",
                "Workspace notebook or file",
                "A notebook's SOURCE text or a workspace file's content, by absolute path"
                    + " (databricks://workspace/Users/me@example.com/report).",
                null),
            (uri, ctx) -> workspace(uri, ctx.workspace())),
        new ResourceDef(
            FilesToolset.ID,
            template(
                VOLUMES + "{catalog}/{schema}/{volume}/{+path}",
                "volume-file",
                "Volume file",
                "A file in a Unity Catalog volume"
                    + " (databricks://volumes/main/default/landing/data.csv); needs READ VOLUME.",
                null),
            (uri, ctx) -> volume(uri, ctx.workspace())));
  }

  /** The resource URI of a workspace path (also the URI of an export's embedded resource). */
  static String workspaceUri(String path) {
    return WORKSPACE + encode(path.startsWith("/") ? path.substring(1) : path);
  }

  private static McpSchema.ResourceTemplate template(
      String uri, String name, String title, String description, String mimeType) {
    return McpSchema.ResourceTemplate.builder()
        .uriTemplate(uri)
        .name(name)
        .title(title)
        .description(description)
        .mimeType(mimeType)
        .build();
  }

  private static McpSchema.ReadResourceResult workspace(String uri, WorkspaceClient w) {
    String path = FilesParams.workspacePath("uri", "/" + decode(uri.substring(WORKSPACE.length())));
    ObjectInfo o = w.workspace().getStatus(path);
    if (o.getObjectType() != ObjectType.NOTEBOOK && o.getObjectType() != ObjectType.FILE) {
      throw ToolException.validation(
          "uri", "names the " + WorkspaceRows.describe(o) + ": list it with list_workspace");
    }
    if (o.getSize() != null && o.getSize() > MAX_BYTES) {
      throw tooLarge(path, o.getSize(), "export_notebook");
    }
    ExportResponse r =
        w.workspace().export(new ExportRequest().setPath(path).setFormat(ExportFormat.SOURCE));
    byte[] bytes =
        r.getContent() == null ? new byte[0] : Base64.getDecoder().decode(r.getContent());
    if (bytes.length > MAX_BYTES) {
      throw tooLarge(path, bytes.length, "export_notebook");
    }
    return contents(uri, bytes, o.getLanguage() == null ? null : mimeType(o.getLanguage().name()));
  }

  private static McpSchema.ReadResourceResult volume(String uri, WorkspaceClient w)
      throws Exception {
    String path =
        VolumeFileRows.filePath("uri", "/Volumes/" + decode(uri.substring(VOLUMES.length())));
    Long size = w.files().getMetadata(path).getContentLength();
    if (size != null && size > MAX_BYTES) {
      throw tooLarge(path, size, "download_volume_file");
    }
    DownloadResponse r = w.files().download(path);
    try (InputStream in = r.getContents()) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw tooLarge(path, bytes.length, "download_volume_file");
      }
      return contents(uri, bytes, path.toLowerCase().endsWith(".csv") ? "text/csv" : null);
    }
  }

  /** Text when the bytes are UTF-8, else a base64 blob. */
  private static McpSchema.ReadResourceResult contents(String uri, byte[] bytes, String textType) {
    String text = ExportedText.utf8(bytes);
    McpSchema.ResourceContents c =
        text != null
            ? new McpSchema.TextResourceContents(
                uri, textType == null ? "text/plain" : textType, text)
            : new McpSchema.BlobResourceContents(
                uri, "application/octet-stream", Base64.getEncoder().encodeToString(bytes));
    return new McpSchema.ReadResourceResult(List.of(c));
  }

  private static String mimeType(String language) {
    return switch (language) {
      case "PYTHON" -> "text/x-python";
      case "SQL" -> "text/x-sql";
      case "SCALA" -> "text/x-scala";
      case "R" -> "text/x-r";
      default -> "text/plain";
    };
  }

  private static ToolException tooLarge(String path, long size, String tool) {
    return new ToolException(
        ErrorCode.VALIDATION_ERROR,
        path
            + " is "
            + size
            + " bytes, more than the "
            + MAX_BYTES
            + " a resource carries: read it in parts with "
            + tool
            + ".",
        Map.of("path", path, "size", size));
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ToolException.validation("uri", "is not a valid URI: bad percent-encoding");
    }
  }

  private static String encode(String path) {
    StringBuilder out = new StringBuilder();
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (Character.isLetterOrDigit(c) && c < 128 || "/-._~@".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
