package dev.databricksmcp.server.cli;

import com.databricks.sdk.WorkspaceClient;
import dev.databricksmcp.server.connection.WorkspaceProvider;
import dev.databricksmcp.server.core.CorrelationIds;
import dev.databricksmcp.server.core.ToolContext;

/** The context of a tool run by {@code call}: progress goes to stderr. */
final class LocalToolContext implements ToolContext {
  private final WorkspaceProvider workspaces;
  private final boolean readOnly;
  private final String correlationId = CorrelationIds.next();

  LocalToolContext(WorkspaceProvider workspaces, boolean readOnly) {
    this.workspaces = workspaces;
    this.readOnly = readOnly;
  }

  @Override
  public WorkspaceClient workspace() {
    return workspaces.client();
  }

  @Override
  public String correlationId() {
    return correlationId;
  }

  @Override
  public boolean readOnly() {
    return readOnly;
  }

  @Override
  public void progress(double progress, Double total, String message) {
    System.err.println("progress: " + (message == null ? progress : message));
  }
}
