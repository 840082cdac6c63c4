package dev.databricksmcp.server.tools.files;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.service.files.AddBlock;
import com.databricks.sdk.service.files.Create;
import com.databricks.sdk.service.files.Delete;
import com.databricks.sdk.service.files.FileInfo;
import com.databricks.sdk.service.files.ListDbfsRequest;
import com.databricks.sdk.service.files.Move;
import com.databricks.sdk.service.files.Put;
import com.databricks.sdk.service.files.ReadDbfsRequest;
import com.databricks.sdk.service.files.ReadResponse;
import dev.databricksmcp.server.core.ConfirmationTarget;
import dev.databricksmcp.server.core.Counted;
import dev.databricksmcp.server.core.ErrorCode;
import dev.databricksmcp.server.core.ErrorMapper;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.patterns.Deletion;
import dev.databricksmcp.server.core.patterns.Listing;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DBFS: list, status, read in ranges, write (in 1 MB blocks past 1 MB), make a directory, move,
 * delete (a directory's contents counted in the confirmation).
 */
final class DbfsTools {
  /** The DBFS API's limit for a put's contents, a block and a read. */
  static final int ONE_MB = 1024 * 1024;

  /** The most entries a recursive delete's confirmation counts by listing. */
  static final int COUNT_LIMIT = 1000;

  static final Param<String> PATH =
      Param.string("path", "DBFS path: dbfs:/… or /…").required().checkedBy(DbfsRows::path);

  private static final Param<String> DIRECTORY =
      Param.string("path", "DBFS directory (default {default})")
          .withDefault("/")
          .checkedBy(DbfsRows::path);

  private static final Param<String> SOURCE =
      Param.string("source_path", "DBFS path to move: dbfs:/… or /… (a directory moves whole)")
          .required()
          .checkedBy(DbfsRows::path);

  private static final Param<String> DESTINATION =
      Param.string("destination_path", "New DBFS path; nothing may be there yet")
          .required()
          .checkedBy(DbfsRows::path);

  private static final Param<Boolean> RECURSIVE =
      Param.bool("recursive", "Delete a directory with everything in it (default {default})")
          .withDefault(false);

  private DbfsTools() {}

  static List<ToolDef> definitions() {
    return List.of(list(), status(), read(), write(), mkdirs(), move(), delete());
  }

  static ToolDef list() {
    Listing<FileInfo> listing =
        Listing.<FileInfo>of(
                "DBFS entries",
                (page, args, ctx) -> {
                  List<FileInfo> all = new ArrayList<>();
                  ctx.workspace()
                      .dbfs()
                      .list(new ListDbfsRequest().setPath(DIRECTORY.of(args)))
                      .forEach(all::add);
                  return DbfsRows.page(all, page);
                })
            .params(DIRECTORY)
            .rows(DbfsRows::row);
    return ToolDef.builder(FilesToolset.ID, "list_dbfs")
        .title("List DBFS directory")
        .description(
            "Files and directories in a DBFS directory (a file path lists the file): path, name,"
                + " is_directory, size, modified_at.")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  static ToolDef status() {
    return ToolDef.builder(FilesToolset.ID, "get_dbfs_status")
        .title("Get DBFS status")
        .description("Whether a DBFS path is a file or a directory, its size and modified_at.")
        .input(Schema.of(PATH))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              FileInfo f = ctx.workspace().dbfs().getStatus(PATH.of(args));
              Map<String, Object> row = DbfsRows.row(f);
              return ToolResult.of(
                  row,
                  (Boolean.TRUE.equals(f.getIsDir()) ? "Directory " : "File ")
                      + f.getPath()
                      + (Boolean.TRUE.equals(f.getIsDir())
                          ? "."
                          : ", " + Counted.of(f.getFileSize(), "byte") + "."));
            })
        .build();
  }

  static ToolDef read() {
    return ToolDef.builder(FilesToolset.ID, "read_dbfs_file")
        .title("Read DBFS file")
        .description(
            "Read a DBFS file in ranges: offset and length (at most 64 KiB). Text (UTF-8) comes"
                + " as text, anything else as base64; size is the whole file's, and when more"
                + " follows, truncated=true with next_offset to read on.")
        .input(Schema.of(PATH, FileContent.OFFSET, FileContent.LENGTH))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              WorkspaceClient w = ctx.workspace();
              String path = PATH.of(args);
              FileInfo f = w.dbfs().getStatus(path);
              if (Boolean.TRUE.equals(f.getIsDir())) {
                throw ToolException.validation(PATH.name(), path + " is a directory: list_dbfs");
              }
              long offset = FileContent.OFFSET.of(args);
              long size = f.getFileSize() == null ? 0 : f.getFileSize();
              byte[] chunk = new byte[0];
              if (offset < size) {
                ReadResponse r =
                    w.dbfs()
                        .read(
                            new ReadDbfsRequest()
                                .setPath(path)
                                .setOffset(offset)
                                .setLength((long) FileContent.LENGTH.of(args)));
                chunk = r.getData() == null ? chunk : Base64.getDecoder().decode(r.getData());
              }
              Map<String, Object> range = FileContent.range(path, offset, chunk, size);
              return ToolResult.of(range, FileContent.message(range));
            })
        .build();
  }

  static ToolDef write() {
    return ToolDef.builder(FilesToolset.ID, "write_dbfs_file")
        .title("Write DBFS file")
        .description(
            "Write a whole DBFS file from text or base64 (encoding=base64), at most 16 MiB;"
                + " parent directories are made. A file already there is refused unless"
                + " overwrite=true.")
        .input(Schema.of(PATH, FileContent.CONTENT, FileContent.ENCODING, FileContent.OVERWRITE))
        .hints(ToolHints.write(false))
        .checkWith("get_dbfs_status")
        .handler(
            (args, ctx) -> {
              String path = PATH.of(args);
              byte[] data = FileContent.bytes(args);
              boolean overwrite = FileContent.OVERWRITE.of(args);
              try {
                if (data.length <= ONE_MB) {
                  ctx.workspace()
                      .dbfs()
                      .put(
                          new Put()
                              .setPath(path)
                              .setContents(Base64.getEncoder().encodeToString(data))
                              .setOverwrite(overwrite));
                } else {
                  writeInBlocks(ctx.workspace(), path, data, overwrite);
                }
              } catch (ResourceAlreadyExists e) {
                throw existing(path);
              }
              Map<String, Object> out = new LinkedHashMap<>();
              out.put("path", path);
              out.put("size", data.length);
              out.put("overwrite", overwrite);
              return ToolResult.of(
                  out, "Wrote " + Counted.of(data.length, "byte") + " to DBFS " + path + ".");
            })
        .build();
  }

  /** create, add-block per MB, close: the file is whole only after close. */
  private static void writeInBlocks(
      WorkspaceClient w, String path, byte[] data, boolean overwrite) {
    long handle = w.dbfs().create(new Create().setPath(path).setOverwrite(overwrite)).getHandle();
    int blocks = (data.length + ONE_MB - 1) / ONE_MB;
    for (int i = 0; i < blocks; i++) {
      byte[] block = Arrays.copyOfRange(data, i * ONE_MB, Math.min(data.length, (i + 1) * ONE_MB));
      try {
        w.dbfs()
            .addBlock(
                new AddBlock()
                    .setHandle(handle)
                    .setData(Base64.getEncoder().encodeToString(block)));
      } catch (RuntimeException e) {
        ErrorMapper.MappedError m = ErrorMapper.map(e);
        throw new ToolException(
            m.code(),
            "Writing "
                + path
                + " stopped after "
                + i
                + " of "
                + Counted.of(blocks, "block")
                + " ("
                + m.message()
                + "). The file may be missing or partial: check with get_dbfs_status and write"
                + " it again with overwrite=true.");
      }
    }
    w.dbfs().close(handle);
  }

  static ToolDef mkdirs() {
    return ToolDef.builder(FilesToolset.ID, "create_dbfs_directory")
        .title("Create DBFS directory")
        .description(
            "Make a DBFS directory and its missing parents (nothing happens if it exists).")
        .input(Schema.of(PATH))
        .hints(ToolHints.write(true))
        .checkWith("get_dbfs_status")
        .handler(
            (args, ctx) -> {
              String path = PATH.of(args);
              ctx.workspace().dbfs().mkdirs(path);
              return ToolResult.of(Map.of("path", path), "DBFS directory " + path + " exists.");
            })
        .build();
  }

  static ToolDef move() {
    return ToolDef.builder(FilesToolset.ID, "move_dbfs_path")
        .title("Move DBFS path")
        .description(
            "Move or rename a DBFS file or directory (a directory moves with everything in it);"
                + " the destination must not exist.")
        .input(Schema.of(SOURCE, DESTINATION))
        .hints(ToolHints.write(false))
        .checkWith("get_dbfs_status")
        .handler(
            (args, ctx) -> {
              String from = SOURCE.of(args);
              String to = DESTINATION.of(args);
              try {
                ctx.workspace().dbfs().move(new Move().setSourcePath(from).setDestinationPath(to));
              } catch (ResourceAlreadyExists e) {
                throw new ToolException(
                    ErrorCode.CONFLICT,
                    "Something already exists at " + to + ": choose another destination_path.");
              }
              Map<String, Object> out = new LinkedHashMap<>();
              out.put("source_path", from);
              out.put("destination_path", to);
              return ToolResult.of(out, "Moved DBFS " + from + " to " + to + ".");
            })
        .build();
  }

  /** What a delete removes: the entry, and for a directory how many entries lie under it. */
  private record Doomed(FileInfo info, int under, boolean more) {}

  static ToolDef delete() {
    Deletion<Doomed> deletion =
        Deletion.of(
            (args, ctx) -> {
              WorkspaceClient w = ctx.workspace();
              FileInfo f = w.dbfs().getStatus(PATH.of(args));
              if (!Boolean.TRUE.equals(f.getIsDir())) {
                return new Doomed(f, 0, false);
              }
              int[] count = countUnder(w, f.getPath());
              if (count[0] > 0 && !RECURSIVE.of(args)) {
                throw ToolException.validation(
                    RECURSIVE.name(),
                    "directory "
                        + f.getPath()
                        + " is not empty; pass recursive=true to delete it with everything in it");
              }
              return new Doomed(f, count[0], count[1] == 1);
            },
            (d, args, ctx) ->
                ConfirmationTarget.irreversible(
                    Boolean.TRUE.equals(d.info().getIsDir())
                        ? "delete DBFS directory "
                            + d.info().getPath()
                            + (d.under() == 0
                                ? " (empty)"
                                : " and "
                                    + (d.more() ? "at least " : "")
                                    + Counted.of(
                                        d.under(), "file or directory", "files and directories")
                                    + " in it")
                            + " in "
                            + ctx.workspaceHost()
                        : "delete DBFS file "
                            + d.info().getPath()
                            + " ("
                            + Counted.of(d.info().getFileSize(), "byte")
                            + ") in "
                            + ctx.workspaceHost(),
                    d.info().getPath() + "|" + d.info().getModificationTime()),
            (d, args, ctx) -> {
              String path = d.info().getPath();
              ctx.workspace()
                  .dbfs()
                  .delete(new Delete().setPath(path).setRecursive(RECURSIVE.of(args)));
              Map<String, Object> out = new LinkedHashMap<>();
              out.put("path", path);
              out.put("deleted", true);
              if (Boolean.TRUE.equals(d.info().getIsDir())) {
                out.put("entries_deleted", d.under());
              }
              return ToolResult.of(out, "Deleted DBFS " + path + ".");
            });
    return ToolDef.builder(FilesToolset.ID, "delete_dbfs_path")
        .title("Delete DBFS path")
        .description(
            "Delete a DBFS file, or a directory: an empty one, or with recursive=true everything"
                + " in it (the confirmation says how many entries go).")
        .input(Schema.of(PATH, RECURSIVE))
        .hints(ToolHints.destructive(true))
        .checkWith("get_dbfs_status")
        .confirmTarget(deletion)
        .handler(deletion)
        .build();
  }

  /** Entries under a directory, counted by listing up to {@link #COUNT_LIMIT}; [count, capped]. */
  private static int[] countUnder(WorkspaceClient w, String dir) {
    Deque<String> dirs = new ArrayDeque<>(List.of(dir));
    int count = 0;
    while (!dirs.isEmpty()) {
      for (FileInfo f : w.dbfs().list(new ListDbfsRequest().setPath(dirs.pop()))) {
        if (++count >= COUNT_LIMIT) {
          return new int[] {count, 1};
        }
        if (Boolean.TRUE.equals(f.getIsDir())) {
          dirs.push(f.getPath());
        }
      }
    }
    return new int[] {count, 0};
  }

  static ToolException existing(String path) {
    return new ToolException(
        ErrorCode.CONFLICT,
        "A file already exists at " + path + ": pass overwrite=true to replace it.");
  }
}
