package dev.databricksmcp.server.cli;

import dev.databricksmcp.server.connection.DatabricksCallObserver;
import dev.databricksmcp.server.core.ToolInvoker;
import java.util.ArrayList;
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

  /** These observers, then {@code more}'s. */
  ServerObservers and(ServerObservers more) {
    List<ToolInvoker.CallObserver> allCalls = new ArrayList<>(calls);
    allCalls.addAll(more.calls);
    List<DatabricksCallObserver> allDatabricks = new ArrayList<>(databricks);
    allDatabricks.addAll(more.databricks);
    return new ServerObservers(allCalls, allDatabricks);
  }

  DatabricksCallObserver databricksCalls() {
    return DatabricksCallObserver.all(databricks);
  }
}
