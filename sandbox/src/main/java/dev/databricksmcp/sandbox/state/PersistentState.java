package dev.databricksmcp.sandbox.state;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * State that outlives a restart when the sandbox has a directory ({@code --sandbox-dir}): what
 * DuckDB's own files do not hold (owners, ids, grants, volumes, …), saved as one JSON document of
 * its own when the sandbox stops and read back when it is registered in the next run.
 */
public interface PersistentState extends SandboxState {
  /** The name of its document ({@code state/<name>.json}): lower-case letters, digits and '-'. */
  String persistenceName();

  /** What to keep, as JSON. */
  JsonNode save();

  /** Takes back what {@link #save()} wrote in an earlier run, replacing what it holds. */
  void restore(JsonNode saved);
}
