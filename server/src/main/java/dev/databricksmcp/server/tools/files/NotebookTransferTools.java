package dev.databricksmcp.server.tools.files;

import static dev.databricksmcp.server.tools.files.FilesParams.LANGUAGES;
import static dev.databricksmcp.server.tools.files.FilesParams.PATH;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.service.workspace.ExportFormat;
import com.databricks.sdk.service.workspace.ExportRequest;
import com.databricks.sdk.service.workspace.ExportResponse;
import com.databricks.sdk.service.workspace.Import;
import com.databricks.sdk.service.workspace.ImportFormat;
import com.databricks.sdk.service.workspace.Language;
import com.databricks.sdk.service.workspace.ObjectInfo;
import dev.databricksmcp.server.core.ConfirmationTarget;
import dev.databricksmcp.server.core.ErrorCode;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A notebook's or file's text out of the workspace and back in. */
final class NotebookTransferTools {
  /** Text shown inline; the whole export beyond it goes as an embedded resource. */
  static final int INLINE_CHARS = 64 * 1024;

  /** "This has a limit of 10 MB" (the Workspace API's import content). */
  static final int MAX_CONTENT_CHARS = 10 * 1024 * 1024;

  private static final Param<String> EXPORT_FORMAT =
      Param.choice(
              "format",
              "SOURCE: the notebook as its language's source file (default); JUPYTER: an .ipynb"
                  + " document",
              List.of("SOURCE", "JUPYTER"))
          .withDefault("SOURCE");

  private static final Param<String> IMPORT_FORMAT =
      Param.choice(
              "format",
              "SOURCE: content is source code in `language` (default); JUPYTER: an .ipynb"
                  + " document; AUTO: by the path's extension (.py/.sql/.scala/.r with a notebook"
                  + " header or .ipynb become notebooks, extension dropped; anything else a file)",
              List.of("SOURCE", "JUPYTER", "AUTO"))
          .withDefault("SOURCE");

  private static final Param<String> CONTENT =
      Param.string("content", "The notebook's or file's text, as is (not base64)")
          .maxLength(MAX_CONTENT_CHARS)
          .required();

  private static final Param<String> LANGUAGE =
      Param.choice(
          "language",
          "Notebook language for SOURCE (default: from a '-- Databricks notebook source' style"
              + " first line, else the path's extension)",
          LANGUAGES);

  private static final Param<Boolean> OVERWRITE =
      Param.bool("overwrite", "Replace an existing notebook or file at path (confirmed)")
          .withDefault(false);

  private NotebookTransferTools() {}

  static List<ToolDef> definitions() {
    return List.of(export(), importNotebook());
  }

  static ToolDef export() {
    return ToolDef.builder(FilesToolset.ID, "export_notebook")
        .title("Export notebook")
        .description(
            "A notebook's (or workspace file's) content as text: SOURCE (default) with its"
                + " language, or JUPYTER (.ipynb JSON). Over 64 KiB the first part is inline"
                + " (truncated=true) and the whole text comes as an embedded resource.")
        .input(Schema.of(PATH, EXPORT_FORMAT))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              WorkspaceClient w = ctx.workspace();
              String path = PATH.of(args);
              ObjectInfo o = w.workspace().getStatus(path);
              ExportFormat format = ExportFormat.valueOf(EXPORT_FORMAT.of(args));
              ExportResponse r =
                  w.workspace().export(new ExportRequest().setPath(path).setFormat(format));
              byte[] bytes =
                  r.getContent() == null ? new byte[0] : Base64.getDecoder().decode(r.getContent());
              return ExportedText.of(o, format.name(), r.getFileType(), bytes);
            })
        .build();
  }

  static ToolDef importNotebook() {
    return ToolDef.builder(FilesToolset.ID, "import_notebook")
        .title("Import notebook")
        .description(
            "Write a notebook (or file) to a workspace path from text: SOURCE code in a language,"
                + " a JUPYTER .ipynb document, or AUTO by extension. The folder must exist"
                + " (create_workspace_directory). An existing object is replaced only with"
                + " overwrite=true, after confirmation.")
        .input(Schema.of(PATH, CONTENT, LANGUAGE, IMPORT_FORMAT, OVERWRITE))
        // not idempotent: a second call without overwrite finds the first one's object
        .hints(ToolHints.destructive(false))
        .checkWith("get_workspace_status")
        .confirmTarget(
            (args, ctx) -> {
              if (!OVERWRITE.of(args)) {
                return null; // nothing is replaced: an existing object is refused instead
              }
              String path = PATH.of(args);
              if (!WorkspaceListTools.exists(ctx.workspace(), path)) {
                return null;
              }
              ObjectInfo old = ctx.workspace().workspace().getStatus(path);
              return ConfirmationTarget.irreversible(
                  "replace the "
                      + WorkspaceRows.describe(old)
                      + " (its current content is lost) in "
                      + ctx.workspaceHost(),
                  path + "|" + old.getObjectId() + "|" + CONTENT.of(args).hashCode());
            })
        .handler(
            (args, ctx) -> {
              WorkspaceClient w = ctx.workspace();
              String path = PATH.of(args);
              String content = CONTENT.of(args);
              ImportFormat format = ImportFormat.valueOf(IMPORT_FORMAT.of(args));
              Import req =
                  new Import()
                      .setPath(path)
                      .setFormat(format)
                      .setOverwrite(OVERWRITE.of(args))
                      .setContent(
                          Base64.getEncoder()
                              .encodeToString(content.getBytes(StandardCharsets.UTF_8)));
              if (format == ImportFormat.SOURCE) {
                req.setLanguage(language(args, path, content));
              }
              try {
                w.workspace().importContent(req);
              } catch (ResourceAlreadyExists e) {
                throw new ToolException(
                    ErrorCode.ALREADY_EXISTS,
                    path + " already exists: pass overwrite=true to replace it.",
                    Map.of("path", path));
              }
              String said = "Imported " + path + " (" + format + ").";
              // AUTO drops a notebook's extension: read back what the path became
              String written =
                  format == ImportFormat.AUTO && !WorkspaceListTools.exists(w, path)
                      ? path.replaceFirst("\\.[^./]+$", "")
                      : path;
              try {
                ObjectInfo o = w.workspace().getStatus(written);
                return ToolResult.of(
                    WorkspaceRows.detail(o), "Imported the " + WorkspaceRows.describe(o) + ".");
              } catch (RuntimeException e) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("path", path);
                return ToolResult.of(
                    data, said + " Reading it back failed; get_workspace_status shows it.");
              }
            })
        .build();
  }

  /** The language given, else the one the content's header or the path's extension names. */
  private static Language language(
      dev.databricksmcp.server.core.Args args, String path, String content) {
    Optional<String> given = LANGUAGE.optional(args);
    if (given.isPresent()) {
      return Language.valueOf(given.get());
    }
    String first = content.lines().findFirst().orElse("").strip();
    for (Language l : Language.values()) {
      String comment = l == Language.SQL ? "--" : l == Language.SCALA ? "//" : "#";
      if (first.equals(comment + " Databricks notebook source")
          && (l != Language.R || path.toLowerCase(Locale.ROOT).endsWith(".r"))) {
        return l;
      }
    }
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".py")) {
      return Language.PYTHON;
    }
    if (lower.endsWith(".sql")) {
      return Language.SQL;
    }
    if (lower.endsWith(".scala")) {
      return Language.SCALA;
    }
    if (lower.endsWith(".r")) {
      return Language.R;
    }
    throw ToolException.validation(
        LANGUAGE.name(),
        "is required for a SOURCE notebook: one of "
            + String.join(", ", LANGUAGES)
            + " (or give the content a '# Databricks notebook source' first line)");
  }
}
