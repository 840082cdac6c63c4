package dev.databricksmcp.server.cli;

import dev.databricksmcp.server.connection.DatabricksCallObserver;
import dev.databricksmcp.server.core.ToolInvoker;
import java.util.List;

/**
 * Who else, besides the audit log, is told about the server's work: each tool call and each request
 * sent to Databricks (metrics, traces). Chosen by the transport's start-up, so stdio loads nothing
 * it does not use.
 */
record ServerObservers(
    List<ToolInvoker.CallObserver> calls, List<DatabricksCallObserver> databricks) {
  static final ServerObservers NONE = new ServerObservers(List.of(), List.of());

  ServerObservers {
    calls = List.copyOf(calls);
    databricks = List.copyOf(databricks);
  }

  DatabricksCallObserver databricksCalls() {
    return DatabricksCallObserver.all(databricks);
  }
}
