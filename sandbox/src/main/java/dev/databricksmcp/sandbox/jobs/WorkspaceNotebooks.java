package dev.databricksmcp.sandbox.jobs;

import com.databricks.sdk.service.workspace.ObjectType;
import dev.databricksmcp.sandbox.workspace.WorkspaceObject;
import dev.databricksmcp.sandbox.workspace.WorkspaceTree;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Notebooks and SQL files as jobs find them in the sandbox's workspace tree: what a user imported
 * (import_notebook, the Workspace API) is what a notebook_task or a sql_task's file runs.
 */
final class WorkspaceNotebooks implements NotebookSource {
  private final WorkspaceTree tree;

  WorkspaceNotebooks(WorkspaceTree tree) {
    this.tree = tree;
  }

  @Override
  public Optional<Source> find(String path) {
    return tree.find(path).flatMap(WorkspaceNotebooks::source);
  }

  private static Optional<Source> source(WorkspaceObject o) {
    String text = new String(o.content(), StandardCharsets.UTF_8);
    if (o.type() == ObjectType.NOTEBOOK) {
      return Optional.of(new Source(o.language().name(), text));
    }
    if (o.type() == ObjectType.FILE) {
      // a workspace file has no language of its own; a .sql file is what sql_task.file runs
      boolean sql = o.path().toLowerCase(Locale.ROOT).endsWith(".sql");
      return Optional.of(new Source(sql ? "SQL" : "UNKNOWN", text));
    }
    return Optional.empty();
  }
}
