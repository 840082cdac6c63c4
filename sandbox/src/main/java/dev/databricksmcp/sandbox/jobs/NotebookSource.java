package dev.databricksmcp.sandbox.jobs;

import java.util.Optional;

/**
 * Where a job finds the source of a notebook or a SQL file by its workspace path. The Workspace API
 * implements it once the sandbox has one; until then {@link RegisteredNotebooks} holds what tests
 * put there.
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
