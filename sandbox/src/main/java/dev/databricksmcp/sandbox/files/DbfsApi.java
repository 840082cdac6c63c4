package dev.databricksmcp.sandbox.files;

import com.databricks.sdk.service.files.AddBlock;
import com.databricks.sdk.service.files.Close;
import com.databricks.sdk.service.files.Create;
import com.databricks.sdk.service.files.CreateResponse;
import com.databricks.sdk.service.files.Delete;
import com.databricks.sdk.service.files.FileInfo;
import com.databricks.sdk.service.files.ListStatusResponse;
import com.databricks.sdk.service.files.MkDirs;
import com.databricks.sdk.service.files.Move;
import com.databricks.sdk.service.files.Put;
import com.databricks.sdk.service.files.ReadResponse;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.ApiResponse;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.http.Router;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The DBFS API 2.0 (https://docs.databricks.com/api/files/v2/dbfs.md): list, get-status, read (at
 * most 1 MB, base64), put (at most 1 MB of base64 {@code contents}), the streaming upload (create,
 * add-block of at most 1 MB, close), mkdirs, move and delete. Paths are absolute, with or without
 * the {@code dbfs:} scheme. Errors as the reference names them: {@code RESOURCE_DOES_NOT_EXIST},
 * {@code RESOURCE_ALREADY_EXISTS}, {@code MAX_BLOCK_SIZE_EXCEEDED}, {@code MAX_READ_SIZE_EXCEEDED},
 * {@code IO_ERROR} (a non-empty directory without {@code recursive}), {@code
 * INVALID_PARAMETER_VALUE}.
 */
public final class DbfsApi implements ApiModule {
  private static final String BASE = "/api/2.0/dbfs";

  /** The documented limit of a read, a put's contents and a block: 1 MB. */
  public static final int ONE_MB = 1024 * 1024;

  private static final long DEFAULT_READ = 524_288;

  private final DbfsFiles dbfs;
  private final FileTree tree;

  public DbfsApi(DbfsFiles dbfs) {
    this.dbfs = dbfs;
    this.tree = dbfs.tree();
  }

  @Override
  public void register(Router router) {
    router.get(BASE + "/list", this::list);
    router.get(BASE + "/get-status", r -> info(status(path(r.queryParam("path").orElse(null)))));
    router.get(BASE + "/read", this::read);
    router.post(BASE + "/put", this::put);
    router.post(BASE + "/create", this::create);
    router.post(BASE + "/add-block", this::addBlock);
    router.post(BASE + "/close", this::close);
    router.post(BASE + "/mkdirs", this::mkdirs);
    router.post(BASE + "/move", this::move);
    router.post(BASE + "/delete", this::delete);
  }

  private ListStatusResponse list(ApiRequest r) {
    FileTree.Entry e = status(path(r.queryParam("path").orElse(null)));
    List<FileTree.Entry> entries = e.directory() ? tree.list(e.path()) : List.of(e);
    return new ListStatusResponse().setFiles(entries.stream().map(DbfsApi::info).toList());
  }

  private ReadResponse read(ApiRequest r) {
    String path = path(r.queryParam("path").orElse(null));
    long offset = longParam(r, "offset", 0);
    long length = longParam(r, "length", DEFAULT_READ);
    if (offset < 0 || length < 0) {
      throw ApiException.invalid("offset and length must not be negative.");
    }
    if (length > ONE_MB) {
      throw new ApiException(
          ErrorCode.MAX_READ_SIZE_EXCEEDED,
          "Cannot read more than " + ONE_MB + " bytes at once; asked for " + length + ".");
    }
    if (status(path).directory()) {
      throw ApiException.invalid("Cannot read " + path + ": it is a directory.");
    }
    byte[] data = tree.read(path);
    int from = (int) Math.min(offset, data.length);
    int to = (int) Math.min(data.length, from + length);
    byte[] slice = Arrays.copyOfRange(data, from, to);
    return new ReadResponse()
        .setBytesRead((long) slice.length)
        .setData(Base64.getEncoder().encodeToString(slice));
  }

  private Object put(ApiRequest r) {
    if (r.header("content-type").orElse("").startsWith("multipart/")) {
      throw ApiException.invalid(
          "The sandbox takes DBFS uploads as base64 contents in JSON, not as a multipart form.");
    }
    Put req = r.bodyAs(Put.class);
    String path = path(req.getPath());
    byte[] data = block(req.getContents(), "contents");
    write(() -> tree.write(path, data, Boolean.TRUE.equals(req.getOverwrite()), now()));
    return ApiResponse.empty();
  }

  private CreateResponse create(ApiRequest r) {
    Create req = r.bodyAs(Create.class);
    String path = path(req.getPath());
    long[] handle = new long[1];
    write(() -> handle[0] = dbfs.open(path, Boolean.TRUE.equals(req.getOverwrite()), now()));
    return new CreateResponse().setHandle(handle[0]);
  }

  private Object addBlock(ApiRequest r) {
    AddBlock req = r.bodyAs(AddBlock.class);
    long handle = handle(req.getHandle());
    byte[] data = block(req.getData(), "data");
    write(() -> dbfs.append(handle, data, now()));
    return ApiResponse.empty();
  }

  private Object close(ApiRequest r) {
    long handle = handle(r.bodyAs(Close.class).getHandle());
    write(() -> dbfs.close(handle, now()));
    return ApiResponse.empty();
  }

  private Object mkdirs(ApiRequest r) {
    String path = path(r.bodyAs(MkDirs.class).getPath());
    write(() -> tree.mkdirs(path, now()));
    return ApiResponse.empty();
  }

  private Object move(ApiRequest r) {
    Move req = r.bodyAs(Move.class);
    String from = path(req.getSourcePath());
    String to = path(req.getDestinationPath());
    write(() -> tree.move(from, to, now()));
    return ApiResponse.empty();
  }

  private Object delete(ApiRequest r) {
    Delete req = r.bodyAs(Delete.class);
    String path = path(req.getPath());
    if (path.equals("/")) {
      throw ApiException.invalid("The root of DBFS cannot be deleted.");
    }
    // like HDFS's delete, a path that is not there is no error (the reference names none)
    if (tree.stat(path).isPresent()) {
      write(() -> tree.delete(path, Boolean.TRUE.equals(req.getRecursive())));
    }
    return ApiResponse.empty();
  }

  // --- helpers

  /** A DBFS path: absolute, with or without {@code dbfs:}, made canonical. */
  static String path(String raw) {
    if (raw == null || raw.isEmpty()) {
      throw ApiException.invalid("Missing required field: path");
    }
    String p = raw.startsWith("dbfs:") ? raw.substring(5) : raw;
    return FilePaths.canonical(p, "path");
  }

  private FileTree.Entry status(String path) {
    return tree.stat(path)
        .orElseThrow(
            () ->
                new ApiException(
                    ErrorCode.RESOURCE_DOES_NOT_EXIST,
                    "No file or directory exists on path " + path + "."));
  }

  private static FileInfo info(FileTree.Entry e) {
    return new FileInfo()
        .setPath(e.path())
        .setIsDir(e.directory())
        .setFileSize(e.size())
        .setModificationTime(e.modifiedAt());
  }

  /** Base64 bytes of at most 1 MB (absent: none). */
  private static byte[] block(String base64, String field) {
    if (base64 == null) {
      return new byte[0];
    }
    byte[] data;
    try {
      data = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("Invalid " + field + ": not base64.");
    }
    if (data.length > ONE_MB) {
      throw new ApiException(
          ErrorCode.MAX_BLOCK_SIZE_EXCEEDED,
          "The " + field + " are " + data.length + " bytes; at most " + ONE_MB + " are accepted.");
    }
    return data;
  }

  private static long handle(Long handle) {
    if (handle == null) {
      throw ApiException.invalid("Missing required field: handle");
    }
    return handle;
  }

  private static long longParam(ApiRequest r, String name, long fallback) {
    String raw = r.queryParam(name).orElse("");
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw ApiException.invalid("Invalid value for " + name + ": " + raw);
    }
  }

  private static long now() {
    return System.currentTimeMillis();
  }

  /** Runs a change, turning the tree's refusal into DBFS's error code. */
  private static void write(Runnable change) {
    try {
      change.run();
    } catch (FileTree.Refused e) {
      ErrorCode code =
          switch (e.problem()) {
            case NOT_FOUND -> ErrorCode.RESOURCE_DOES_NOT_EXIST;
            case ALREADY_EXISTS, IS_A_DIRECTORY -> ErrorCode.RESOURCE_ALREADY_EXISTS;
            case NOT_EMPTY -> ErrorCode.IO_ERROR;
            case NOT_A_DIRECTORY, TOO_LARGE, FULL -> ErrorCode.INVALID_PARAMETER_VALUE;
          };
      throw new ApiException(code, e.getMessage());
    }
  }
}
