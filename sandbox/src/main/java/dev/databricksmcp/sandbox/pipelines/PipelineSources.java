package dev.databricksmcp.sandbox.pipelines;

import com.databricks.sdk.service.pipelines.PipelineLibrary;
import com.databricks.sdk.service.workspace.Language;
import com.databricks.sdk.service.workspace.ObjectType;
import dev.databricksmcp.sandbox.workspace.WorkspaceObject;
import dev.databricksmcp.sandbox.workspace.WorkspaceTree;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The datasets of a pipeline's libraries, read from the sandbox's workspace tree: SQL files ({@code
 * file}, a {@code .sql} path) and SQL notebooks ({@code notebook}), each cell a SQL script. Python
 * sources, glob libraries and jars are refused with a message saying so: the sandbox runs SQL
 * pipelines only.
 */
final class PipelineSources {
  private final WorkspaceTree tree;

  PipelineSources(WorkspaceTree tree) {
    this.tree = tree;
  }

  /** Every dataset of the libraries, in the order the libraries and their statements come. */
  List<Dataset> datasets(Collection<PipelineLibrary> libraries) throws DatasetSql.Unsupported {
    if (libraries == null || libraries.isEmpty()) {
      throw new DatasetSql.Unsupported(
          "The pipeline has no source code: add a SQL file or notebook.");
    }
    List<Dataset> out = new ArrayList<>();
    for (PipelineLibrary l : libraries) {
      if (l.getNotebook() != null) {
        out.addAll(notebook(l.getNotebook().getPath()));
      } else if (l.getFile() != null) {
        out.addAll(file(l.getFile().getPath()));
      } else if (l.getGlob() != null) {
        throw new DatasetSql.Unsupported(
            "Glob libraries ("
                + l.getGlob().getInclude()
                + ") are not supported by the sandbox: list each SQL file as a file library.");
      } else {
        throw new DatasetSql.Unsupported(
            "The sandbox runs SQL pipelines only: jar, maven and whl libraries are not supported.");
      }
    }
    return out;
  }

  private List<Dataset> notebook(String path) throws DatasetSql.Unsupported {
    WorkspaceObject o = existing(path);
    if (o.type() != ObjectType.NOTEBOOK) {
      throw new DatasetSql.Unsupported(path + " is not a notebook: use a file library for it.");
    }
    if (o.language() != Language.SQL) {
      throw sqlOnly(path, o.language().name());
    }
    List<Dataset> out = new ArrayList<>();
    for (String cell : o.notebookCells()) {
      if (!cell.strip().startsWith("%")) {
        out.addAll(DatasetSql.parse(cell, o.path()));
      }
    }
    return out;
  }

  private List<Dataset> file(String path) throws DatasetSql.Unsupported {
    WorkspaceObject o = existing(path);
    if (o.type() != ObjectType.FILE) {
      throw new DatasetSql.Unsupported(path + " is not a file: use a notebook library for it.");
    }
    if (!o.path().toLowerCase(Locale.ROOT).endsWith(".sql")) {
      throw sqlOnly(path, "a non-SQL file");
    }
    return DatasetSql.parse(new String(o.content(), StandardCharsets.UTF_8), o.path());
  }

  private WorkspaceObject existing(String path) throws DatasetSql.Unsupported {
    return tree.find(path == null ? "" : path)
        .orElseThrow(() -> new DatasetSql.Unsupported("Source " + path + " does not exist."));
  }

  private static DatasetSql.Unsupported sqlOnly(String path, String what) {
    return new DatasetSql.Unsupported(
        path + " is " + what + " source: the sandbox runs SQL pipelines only.");
  }
}
