package dev.databricksmcp.sandbox.workspace;

import com.databricks.sdk.service.workspace.ExportFormat;
import com.databricks.sdk.service.workspace.ObjectType;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ErrorCode;

/**
 * What an export gives (export.md): a notebook as SOURCE (the default, and AUTO's choice for a
 * notebook; {@code file_type} its language's extension) or JUPYTER ({@code ipynb}); a file's own
 * bytes in SOURCE, AUTO or RAW ({@code file_type} its extension). Directories (exported as
 * archives), HTML, DBC and R_MARKDOWN are not written by the sandbox (501).
 */
final class ExportedObjects {
  private ExportedObjects() {}

  static WorkspaceTree.Exported of(WorkspaceTree.Node node, ExportFormat format) {
    if (WorkspaceTree.isFolder(node.type())) {
      throw new ApiException(
          ErrorCode.NOT_IMPLEMENTED, "The sandbox does not export directories (an archive).");
    }
    if (node.type() == ObjectType.FILE) {
      if (format == ExportFormat.SOURCE
          || format == ExportFormat.AUTO
          || format == ExportFormat.RAW) {
        return new WorkspaceTree.Exported(node.content(), extension(node.path()));
      }
      throw ApiException.invalid(
          node.path() + " is a file: it is exported in SOURCE, AUTO or RAW format.");
    }
    String source = WorkspaceTree.text(node.content());
    return switch (format) {
      case SOURCE, AUTO ->
          new WorkspaceTree.Exported(node.content(), NotebookFormats.extension(node.language()));
      case JUPYTER ->
          new WorkspaceTree.Exported(
              NotebookFormats.utf8(
                  NotebookFormats.toJupyter(
                      source, node.language(), WorkspacePaths.name(node.path()))),
              "ipynb");
      case RAW ->
          throw ApiException.invalid(
              node.path() + " is a notebook: it is exported in SOURCE, JUPYTER or AUTO format.");
      default ->
          throw new ApiException(
              ErrorCode.NOT_IMPLEMENTED,
              "The sandbox does not export notebooks as " + format + ".");
    };
  }

  private static String extension(String path) {
    String name = WorkspacePaths.name(path);
    int dot = name.lastIndexOf('.');
    return dot <= 0 ? "" : name.substring(dot + 1);
  }
}
