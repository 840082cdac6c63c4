package dev.databricksmcp.sandbox.sql;

import dev.databricksmcp.sandbox.state.SandboxState;
import java.util.Optional;
import java.util.function.Function;

/**
 * The text of a saved query by id, for another area that runs one (a job's {@code sql_task} with
 * {@code query.query_id}); a trashed or unknown query has none.
 */
public final class SavedQueryTexts implements SandboxState {
  private final Function<String, Optional<String>> lookup;

  SavedQueryTexts(Function<String, Optional<String>> lookup) {
    this.lookup = lookup;
  }

  public Optional<String> text(String queryId) {
    return queryId == null ? Optional.empty() : lookup.apply(queryId);
  }
}
