package dev.databricksmcp.server.tools.files;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.AlreadyExists;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.core.http.Encoding;
import com.databricks.sdk.core.http.Request;
import com.databricks.sdk.service.files.CreateDirectoryRequest;
import com.databricks.sdk.service.files.DirectoryEntry;
import com.databricks.sdk.service.files.DownloadResponse;
import com.databricks.sdk.service.files.GetMetadataResponse;
import com.databricks.sdk.service.files.ListDirectoryContentsRequest;
import com.databricks.sdk.service.files.ListDirectoryResponse;
import com.databricks.sdk.service.files.UploadRequest;
import dev.databricksmcp.server.core.ConfirmationTarget;
import dev.databricksmcp.server.core.Counted;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.patterns.Deletion;
import dev.databricksmcp.server.core.patterns.Listing;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Files in Unity Catalog volumes (the Files API): list a directory, a file's metadata, download in
 * ranges, upload, make a directory, delete a file or an empty directory.
 */
final class VolumeFileTools {
  static final Param<String> PATH =
      Param.string("path", "Volume path: /Volumes/<catalog>/<schema>/<volume>/…")
          .required()
          .checkedBy(VolumeFileRows::path);

  static final Param<String> FILE =
      Param.string("path", "File in a volume: /Volumes/<catalog>/<schema>/<volume>/<file>")
          .required()
          .checkedBy(VolumeFileRows::filePath);

  private VolumeFileTools() {}

  static List<ToolDef> definitions() {
    return List.of(list(), metadata(), download(), upload(), mkdirs(), delete());
  }

  static ToolDef list() {
    Listing<DirectoryEntry> listing =
        Listing.<DirectoryEntry>of(
                "entries",
                (page, args, ctx) -> {
                  ListDirectoryResponse r =
                      ctx.workspace()
                          .files()
                          .impl()
                          .listDirectoryContents(
                              new ListDirectoryContentsRequest()
                                  .setDirectoryPath(PATH.of(args))
                                  .setPageSize((long) page.maxResults())
                                  .setPageToken(page.pageToken()));
                  return Listing.Page.of(
                      r.getContents() == null ? List.of() : r.getContents(), r.getNextPageToken());
                })
            .params(PATH)
            .rows(VolumeFileRows::row);
    return ToolDef.builder(FilesToolset.ID, "list_volume_directory")
        .title("List volume directory")
        .description(
            "Files and directories in a volume directory (/Volumes/<catalog>/<schema>/<volume>/…):"
                + " path, name, is_directory, size, modified_at.")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  static ToolDef metadata() {
    return ToolDef.builder(FilesToolset.ID, "get_volume_file_metadata")
        .title("Get volume file metadata")
        .description("A file in a volume: its size, content type and modified_at.")
        .input(Schema.of(FILE))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              String path = FILE.of(args);
              GetMetadataResponse m = ctx.workspace().files().getMetadata(path);
              Map<String, Object> out = new LinkedHashMap<>();
              out.put("path", path);
              out.put("size", m.getContentLength());
              out.put("content_type", m.getContentType());
              out.put("modified_at", VolumeFileRows.httpDate(m.getLastModified()));
              return ToolResult.of(
                  out,
                  "File "
                      + path
                      + ", "
                      + Counted.of(m.getContentLength() == null ? 0 : m.getContentLength(), "byte")
                      + ".");
            })
        .build();
  }

  static ToolDef download() {
    return ToolDef.builder(FilesToolset.ID, "download_volume_file")
        .title("Download volume file")
        .description(
            "Read a file in a volume in ranges: offset and length (at most 64 KiB). Text (UTF-8)"
                + " comes as text, anything else as base64; size is the whole file's, and when"
                + " more follows, truncated=true with next_offset to read on.")
        .input(Schema.of(FILE, FileContent.OFFSET, FileContent.LENGTH))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              WorkspaceClient w = ctx.workspace();
              String path = FILE.of(args);
              long size = w.files().getMetadata(path).getContentLength();
              long offset = FileContent.OFFSET.of(args);
              int length = FileContent.LENGTH.of(args);
              byte[] chunk = offset < size ? range(w, path, offset, length, size) : new byte[0];
              Map<String, Object> range = FileContent.range(path, offset, chunk, size);
              return ToolResult.of(range, FileContent.message(range));
            })
        .build();
  }

  /** The bytes asked for, with a Range header (the SDK's download takes none). */
  private static byte[] range(WorkspaceClient w, String path, long offset, int length, long size)
      throws Exception {
    long last = Math.min(size, offset + length) - 1;
    Request request =
        new Request("GET", "/api/2.0/fs/files" + Encoding.encodeMultiSegmentPathParameter(path))
            .withHeader("Accept", "application/octet-stream")
            .withHeader("Range", "bytes=" + offset + "-" + last);
    DownloadResponse r = w.apiClient().execute(request, DownloadResponse.class);
    try (InputStream in = r.getContents()) {
      if (r.getContentLength() != null && r.getContentLength() == size && offset > 0) {
        in.skipNBytes(offset); // the whole file came back: the range was not honoured
      }
      return in.readNBytes((int) (last - offset + 1));
    }
  }

  static ToolDef upload() {
    return ToolDef.builder(FilesToolset.ID, "upload_volume_file")
        .title("Upload volume file")
        .description(
            "Write a whole file in a volume from text or base64 (encoding=base64), at most 16 MiB;"
                + " parent directories are made. A file already there is refused unless"
                + " overwrite=true. Needs WRITE VOLUME.")
        .input(Schema.of(FILE, FileContent.CONTENT, FileContent.ENCODING, FileContent.OVERWRITE))
        .hints(ToolHints.write(false))
        .checkWith("get_volume_file_metadata")
        .handler(
            (args, ctx) -> {
              String path = FILE.of(args);
              byte[] data = FileContent.bytes(args);
              boolean overwrite = FileContent.OVERWRITE.of(args);
              try {
                ctx.workspace()
                    .files()
                    .upload(
                        new UploadRequest()
                            .setFilePath(path)
                            .setContents(new ByteArrayInputStream(data))
                            .setOverwrite(overwrite));
              } catch (AlreadyExists | ResourceAlreadyExists e) {
                throw DbfsTools.existing(path);
              }
              Map<String, Object> out = new LinkedHashMap<>();
              out.put("path", path);
              out.put("size", data.length);
              out.put("overwrite", overwrite);
              return ToolResult.of(
                  out, "Uploaded " + Counted.of(data.length, "byte") + " to " + path + ".");
            })
        .build();
  }

  static ToolDef mkdirs() {
    return ToolDef.builder(FilesToolset.ID, "create_volume_directory")
        .title("Create volume directory")
        .description(
            "Make a directory in a volume and its missing parents (nothing happens if it exists).")
        .input(Schema.of(PATH))
        .hints(ToolHints.write(true))
        .checkWith("list_volume_directory")
        .handler(
            (args, ctx) -> {
              String path = PATH.of(args);
              ctx.workspace()
                  .files()
                  .createDirectory(new CreateDirectoryRequest().setDirectoryPath(path));
              return ToolResult.of(Map.of("path", path), "Directory " + path + " exists.");
            })
        .build();
  }

  /** What a delete removes: a file (with its size) or an empty directory. */
  private record Doomed(String path, boolean directory, Long size) {}

  static ToolDef delete() {
    Deletion<Doomed> deletion =
        Deletion.of(
            (args, ctx) -> {
              WorkspaceClient w = ctx.workspace();
              String path = FILE.of(args);
              try {
                return new Doomed(path, false, w.files().getMetadata(path).getContentLength());
              } catch (NotFound e) {
                w.files().getDirectoryMetadata(path); // NOT_FOUND when neither
              }
              ListDirectoryResponse first =
                  w.files()
                      .impl()
                      .listDirectoryContents(
                          new ListDirectoryContentsRequest()
                              .setDirectoryPath(path)
                              .setPageSize(1L));
              if (first.getContents() != null && !first.getContents().isEmpty()) {
                throw ToolException.validation(
                    FILE.name(), "directory " + path + " is not empty: delete what is in it first");
              }
              return new Doomed(path, true, null);
            },
            (d, args, ctx) ->
                ConfirmationTarget.irreversible(
                    (d.directory()
                            ? "delete empty directory " + d.path()
                            : "delete file "
                                + d.path()
                                + " ("
                                + Counted.of(d.size() == null ? 0 : d.size(), "byte")
                                + ")")
                        + " in "
                        + ctx.workspaceHost(),
                    d.path() + "|" + d.directory()),
            (d, args, ctx) -> {
              if (d.directory()) {
                ctx.workspace().files().deleteDirectory(d.path());
              } else {
                ctx.workspace().files().delete(d.path());
              }
              Map<String, Object> out = new LinkedHashMap<>();
              out.put("path", d.path());
              out.put("is_directory", d.directory());
              out.put("deleted", true);
              return ToolResult.of(
                  out, "Deleted " + (d.directory() ? "directory " : "file ") + d.path() + ".");
            });
    return ToolDef.builder(FilesToolset.ID, "delete_volume_file")
        .title("Delete volume file")
        .description(
            "Delete a file in a volume, or an empty directory (a directory with files is refused:"
                + " delete them first). Needs WRITE VOLUME.")
        .input(Schema.of(FILE))
        .hints(ToolHints.destructive(true))
        .checkWith("list_volume_directory")
        .confirmTarget(deletion)
        .handler(deletion)
        .build();
  }
}
