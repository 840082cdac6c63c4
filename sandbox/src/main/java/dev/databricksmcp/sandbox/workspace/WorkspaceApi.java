package dev.databricksmcp.sandbox.workspace;

import com.databricks.sdk.service.workspace.Delete;
import com.databricks.sdk.service.workspace.ExportFormat;
import com.databricks.sdk.service.workspace.ExportResponse;
import com.databricks.sdk.service.workspace.Import;
import com.databricks.sdk.service.workspace.ListResponse;
import com.databricks.sdk.service.workspace.Mkdirs;
import com.databricks.sdk.service.workspace.ObjectInfo;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.ApiResponse;
import dev.databricksmcp.sandbox.http.Router;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The Workspace API 2.0 (https://docs.databricks.com/api/workspace/workspace): list, get-status,
 * import, export, mkdirs, delete. Content travels base64-encoded in JSON; {@code
 * direct_download=true} on export answers the bytes themselves.
 */
public final class WorkspaceApi implements ApiModule {
  private static final String BASE = "/api/2.0/workspace";

  private final WorkspaceTree tree;

  public WorkspaceApi(WorkspaceTree tree) {
    this.tree = tree;
  }

  @Override
  public void register(Router router) {
    router.get(BASE + "/list", this::list);
    router.get(BASE + "/get-status", r -> tree.status(r.principal(), path(r)));
    router.post(BASE + "/import", this::importObject);
    router.get(BASE + "/export", this::export);
    router.post(
        BASE + "/mkdirs",
        r -> {
          tree.mkdirs(r.principal(), r.bodyAs(Mkdirs.class).getPath());
          return Map.of();
        });
    router.post(
        BASE + "/delete",
        r -> {
          Delete d = r.bodyAs(Delete.class);
          tree.delete(r.principal(), d.getPath(), Boolean.TRUE.equals(d.getRecursive()));
          return Map.of();
        });
  }

  private Object list(ApiRequest r) {
    Long after =
        r.queryParam("notebooks_modified_after")
            .filter(v -> !v.isEmpty())
            .map(v -> longOf("notebooks_modified_after", v))
            .orElse(null);
    List<ObjectInfo> objects = tree.list(r.principal(), path(r), after);
    // an empty directory is answered {} (the field omitted), as the reference's shape allows
    return new ListResponse().setObjects(objects.isEmpty() ? null : objects);
  }

  private Object importObject(ApiRequest r) {
    Import body = r.bodyAs(Import.class);
    byte[] content;
    try {
      content =
          body.getContent() == null
              ? new byte[0]
              : Base64.getMimeDecoder().decode(body.getContent());
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("content is not valid base64.");
    }
    tree.importObject(
        r.principal(),
        new WorkspaceTree.Incoming(
            body.getPath(),
            body.getFormat(),
            body.getLanguage(),
            content,
            Boolean.TRUE.equals(body.getOverwrite())));
    return Map.of();
  }

  private Object export(ApiRequest r) {
    ExportFormat format =
        r.queryParam("format")
            .filter(v -> !v.isEmpty())
            .map(WorkspaceApi::exportFormat)
            .orElse(ExportFormat.SOURCE);
    WorkspaceTree.Exported out = tree.export(r.principal(), path(r), format);
    if (r.boolParam("direct_download")) {
      return ApiResponse.bytes(out.content(), "application/octet-stream");
    }
    return new ExportResponse()
        .setContent(Base64.getEncoder().encodeToString(out.content()))
        .setFileType(out.fileType());
  }

  private static String path(ApiRequest r) {
    return r.queryParam("path").orElse(null);
  }

  private static ExportFormat exportFormat(String value) {
    try {
      // "The value is case sensitive."
      return ExportFormat.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("Invalid export format: " + value);
    }
  }

  private static long longOf(String name, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw ApiException.invalid("Invalid value for " + name + ": " + value);
    }
  }
}
