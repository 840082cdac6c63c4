package dev.databricksmcp.sandbox.jobs;

import java.util.Optional;

/**
 * Where a job finds the source of a notebook or a SQL file by its workspace path: the sandbox's
 * workspace tree ({@link WorkspaceNotebooks}), or in a test what {@link RegisteredNotebooks} holds.
 */
public interface NotebookSource {
  /**
   * A notebook or file as the workspace exports it (SOURCE format).
   *
   * @param language SQL, PYTHON, SCALA or R, as the Workspace API names them
   */
  record Source(String language, String text) {}

  Optional<Source> find(String path);
}
