package dev.databricksmcp.sandbox.files;

import com.databricks.sdk.service.catalog.Privilege;
import com.databricks.sdk.service.files.DirectoryEntry;
import com.databricks.sdk.service.files.ListDirectoryResponse;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.ApiResponse;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.http.Router;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Files API on Unity Catalog volumes (https://docs.databricks.com/api/files/v2/files.md):
 * directories (list, create with parents, delete when empty, exists) and files (download with
 * {@code Range}, metadata by HEAD, upload of the raw body, delete). A path must lie in a volume
 * that exists; reading needs READ VOLUME and writing WRITE VOLUME on it (or on its schema or
 * catalog, or ownership), with USE CATALOG and USE SCHEMA. Errors: 404 {@code NOT_FOUND}, 409
 * {@code ALREADY_EXISTS}, 403 {@code PERMISSION_DENIED}, 400 {@code INVALID_PARAMETER_VALUE}.
 */
public final class VolumeFilesApi implements ApiModule {
  private static final String DIRECTORIES = "/api/2.0/fs/directories/{directory_path*}";
  private static final String FILES = "/api/2.0/fs/files/{file_path*}";
  private static final int MAX_PAGE = 1000;

  private final VolumeAccess access;
  private final FileTree tree;

  public VolumeFilesApi(VolumeAccess access) {
    this.access = access;
    this.tree = access.tree();
  }

  @Override
  public void register(Router router) {
    router.get(DIRECTORIES, this::listDirectory);
    router.put(DIRECTORIES, this::createDirectory);
    router.delete(DIRECTORIES, this::deleteDirectory);
    router.head(DIRECTORIES, this::directoryExists);
    router.get(FILES, r -> download(r, true));
    router.head(FILES, r -> download(r, false));
    router.put(FILES, this::upload);
    router.delete(FILES, this::deleteFile);
  }

  private ListDirectoryResponse listDirectory(ApiRequest r) {
    String dir = readable(r, "directory_path");
    int pageSize = r.intParam("page_size").orElse(MAX_PAGE);
    if (pageSize < 0) {
      throw ApiException.invalid("page_size must not be negative.");
    }
    pageSize = pageSize == 0 ? MAX_PAGE : Math.min(pageSize, MAX_PAGE);
    List<FileTree.Entry> entries = directory(dir);
    String after =
        r.queryParam("page_token").filter(t -> !t.isEmpty()).map(this::nameIn).orElse(null);
    List<DirectoryEntry> page = new ArrayList<>();
    String next = null;
    for (FileTree.Entry e : entries) {
      if (after != null && e.name().compareTo(after) <= 0) {
        continue;
      }
      if (page.size() == pageSize) {
        next = token(page.get(page.size() - 1).getName());
        break;
      }
      page.add(row(e));
    }
    return new ListDirectoryResponse().setContents(page).setNextPageToken(next);
  }

  private Object createDirectory(ApiRequest r) {
    String dir = writable(r, "directory_path");
    try {
      tree.mkdirs(dir, System.currentTimeMillis());
    } catch (FileTree.Refused e) {
      throw refused(e);
    }
    return ApiResponse.empty();
  }

  private Object deleteDirectory(ApiRequest r) {
    VolumePath p = VolumePath.of(r.pathVar("directory_path"), "directory_path");
    access.require(r.principal(), p, Privilege.WRITE_VOLUME);
    if (p.isRoot()) {
      throw ApiException.invalid("The root directory of a volume cannot be deleted.");
    }
    directory(p.path());
    try {
      tree.delete(p.path(), false);
    } catch (FileTree.Refused e) {
      throw refused(e);
    }
    return ApiResponse.empty();
  }

  private Object directoryExists(ApiRequest r) {
    directory(readable(r, "directory_path"));
    return ApiResponse.empty();
  }

  private Object download(ApiRequest r, boolean withBody) {
    String path = readable(r, "file_path");
    FileTree.Entry file = file(path);
    byte[] data = tree.read(path);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Last-Modified", httpDate(file.modifiedAt()));
    headers.put("Accept-Ranges", "bytes");
    Optional<ByteRange> range;
    try {
      range = ByteRange.parse(r.header("range"), data.length);
    } catch (ByteRange.Unsatisfiable e) {
      headers.put("Content-Range", "bytes */" + data.length);
      return new ApiResponse(
          416,
          Map.of(
              "error_code",
              ErrorCode.INVALID_PARAMETER_VALUE.name(),
              "message",
              "The requested range is outside the file (" + data.length + " bytes)."),
          "application/json",
          headers);
    }
    byte[] body = data;
    int status = 200;
    if (range.isPresent()) {
      ByteRange b = range.get();
      body = Arrays.copyOfRange(data, (int) b.first(), (int) b.last() + 1);
      status = 206;
      headers.put("Content-Range", "bytes " + b.first() + "-" + b.last() + "/" + data.length);
    }
    headers.put("Content-Length", String.valueOf(body.length));
    return new ApiResponse(
        status, withBody ? body : new byte[0], "application/octet-stream", headers);
  }

  private Object upload(ApiRequest r) {
    String path = writable(r, "file_path");
    // the Files API overwrites unless told not to ("If true or unspecified")
    boolean overwrite = r.queryParam("overwrite").map(Boolean::parseBoolean).orElse(true);
    try {
      tree.write(path, r.body(), overwrite, System.currentTimeMillis());
    } catch (FileTree.Refused e) {
      throw refused(e);
    }
    return ApiResponse.empty();
  }

  private Object deleteFile(ApiRequest r) {
    String path = writable(r, "file_path");
    file(path);
    tree.delete(path, false);
    return ApiResponse.empty();
  }

  // --- paths, volumes and privileges

  private String readable(ApiRequest r, String variable) {
    VolumePath p = VolumePath.of(r.pathVar(variable), variable);
    access.require(r.principal(), p, Privilege.READ_VOLUME);
    return p.path();
  }

  private String writable(ApiRequest r, String variable) {
    VolumePath p = VolumePath.of(r.pathVar(variable), variable);
    access.require(r.principal(), p, Privilege.WRITE_VOLUME);
    return p.path();
  }

  private List<FileTree.Entry> directory(String path) {
    Optional<FileTree.Entry> e = tree.stat(path);
    if (e.isEmpty() || !e.get().directory()) {
      throw new ApiException(ErrorCode.NOT_FOUND, "The directory " + path + " does not exist.");
    }
    return tree.list(path);
  }

  private FileTree.Entry file(String path) {
    Optional<FileTree.Entry> e = tree.stat(path);
    if (e.isEmpty() || e.get().directory()) {
      throw new ApiException(ErrorCode.NOT_FOUND, "The file " + path + " does not exist.");
    }
    return e.get();
  }

  private static ApiException refused(FileTree.Refused e) {
    return switch (e.problem()) {
      case NOT_FOUND, NOT_A_DIRECTORY -> new ApiException(ErrorCode.NOT_FOUND, e.getMessage());
      case ALREADY_EXISTS, IS_A_DIRECTORY ->
          new ApiException(ErrorCode.ALREADY_EXISTS, e.getMessage());
      case NOT_EMPTY -> new ApiException(ErrorCode.FAILED_PRECONDITION, e.getMessage());
      case TOO_LARGE, FULL -> ApiException.invalid(e.getMessage());
    };
  }

  private static DirectoryEntry row(FileTree.Entry e) {
    DirectoryEntry d =
        new DirectoryEntry()
            .setPath(e.path())
            .setName(e.name())
            .setIsDirectory(e.directory())
            .setLastModified(e.modifiedAt());
    return e.directory() ? d : d.setFileSize(e.size());
  }

  private static String httpDate(long millis) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(
        Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC));
  }

  private static String token(String lastName) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("after:" + lastName).getBytes(StandardCharsets.UTF_8));
  }

  private String nameIn(String token) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (raw.startsWith("after:")) {
        return raw.substring(6);
      }
    } catch (IllegalArgumentException e) {
      // falls through to the error below
    }
    throw ApiException.invalid("Invalid page_token.");
  }
}
