package dev.databricksmcp.sandbox.sql;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.state.StateRegistry;

/** Saved queries. */
public final class SavedQueriesArea implements ApiArea {

  @Override
  public ApiModule build(StateRegistry r) {
    SavedQueriesApi api = new SavedQueriesApi();
    r.register(new SavedQueryTexts(api::activeQueryText));
    return api;
  }
}
