package dev.databricksmcp.sandbox.workspace;

import com.databricks.sdk.service.workspace.ImportFormat;
import com.databricks.sdk.service.workspace.Language;
import com.databricks.sdk.service.workspace.ObjectType;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ErrorCode;
import java.util.Locale;
import java.util.Optional;

/**
 * What an import makes of its content, by format (import.md): SOURCE a notebook in the given
 * language ("To import a single file as SOURCE, you must set the language field"); JUPYTER a
 * notebook from an .ipynb document; AUTO a notebook when the name's extension and the content's
 * header say so (.ipynb, or .py/.sql/.scala/.r starting with {@code Databricks notebook source}),
 * the extension then removed, else a file; RAW a file. HTML, DBC, R_MARKDOWN and directory archives
 * are not read by the sandbox (501).
 */
final class ImportedObjects {
  private ImportedObjects() {}

  static WorkspaceTree.Node make(String path, WorkspaceTree.Incoming in) {
    ImportFormat format = in.format() == null ? ImportFormat.SOURCE : in.format();
    byte[] content = in.content();
    switch (format) {
      case SOURCE -> {
        if (in.language() == null) {
          if (isZip(content)) {
            throw notRead("a directory archive");
          }
          throw ApiException.invalid(
              "The language field is required to import a notebook in SOURCE format.");
        }
        return notebook(path, in.language(), WorkspaceTree.text(content));
      }
      case JUPYTER -> {
        NotebookFormats.Imported nb = NotebookFormats.fromJupyter(content);
        return notebook(path, nb.language(), nb.source());
      }
      case AUTO -> {
        String name = WorkspacePaths.name(path);
        if (name.toLowerCase(Locale.ROOT).endsWith(".ipynb")) {
          NotebookFormats.Imported nb = NotebookFormats.fromJupyter(content);
          return notebook(withoutExtension(path), nb.language(), nb.source());
        }
        Optional<Language> byName = NotebookFormats.languageOfExtension(name);
        Optional<Language> byHeader = NotebookFormats.languageOfHeader(WorkspaceTree.text(content));
        if (byName.isPresent() && byName.equals(byHeader)) {
          return notebook(withoutExtension(path), byName.get(), WorkspaceTree.text(content));
        }
        return file(path, content);
      }
      case RAW -> {
        return file(path, content);
      }
      default -> throw notRead(format + " format");
    }
  }

  private static WorkspaceTree.Node notebook(String path, Language language, String text) {
    return new WorkspaceTree.Node(
        path,
        ObjectType.NOTEBOOK,
        language,
        0,
        NotebookFormats.utf8(NotebookFormats.asSource(text, language)),
        0,
        0);
  }

  private static WorkspaceTree.Node file(String path, byte[] content) {
    return new WorkspaceTree.Node(path, ObjectType.FILE, null, 0, content, 0, 0);
  }

  private static String withoutExtension(String path) {
    String name = WorkspacePaths.name(path);
    int dot = name.lastIndexOf('.');
    if (dot <= 0) {
      return path;
    }
    String parent = WorkspacePaths.parent(path);
    return (parent.equals("/") ? "" : parent) + "/" + name.substring(0, dot);
  }

  private static boolean isZip(byte[] content) {
    return content.length >= 2 && content[0] == 'P' && content[1] == 'K';
  }

  private static ApiException notRead(String what) {
    return new ApiException(ErrorCode.NOT_IMPLEMENTED, "The sandbox does not import " + what + ".");
  }
}
