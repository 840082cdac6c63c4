package dev.databricksmcp.sandbox.sql;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.events.StatementLog;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.state.StateRegistry;

/** Query history, read from the statement log. */
public final class QueryHistoryArea implements ApiArea {

  @Override
  public ApiModule build(StateRegistry r) {
    return new QueryHistoryApi(r.get(StatementLog.class));
  }
}
