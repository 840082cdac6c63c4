package dev.databricksmcp.server.mcp;

import com.databricks.sdk.WorkspaceClient;
import dev.databricksmcp.server.connection.WorkspaceProvider;
import dev.databricksmcp.server.core.CorrelationIds;
import dev.databricksmcp.server.core.ToolContext;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A tool call's context over MCP: the exchange (absent in stateless mode) and the progress token. */
final class CallContext implements ToolContext {
  private static final Logger LOG = LoggerFactory.getLogger(CallContext.class);

  private final WorkspaceProvider workspaces;
  private final McpSyncServerExchange exchange;
  private final Object progressToken;
  private final boolean readOnly;
  private final String correlationId = CorrelationIds.next();

  CallContext(WorkspaceProvider workspaces, McpSyncServerExchange exchange, Object progressToken, boolean readOnly) {
    this.workspaces = workspaces;
    this.exchange = exchange;
    this.progressToken = progressToken;
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
    if (exchange == null || progressToken == null) {
      return;
    }
    try {
      exchange.progressNotification(new ProgressNotification(progressToken, progress, total, message));
    } catch (RuntimeException e) {
      // a client that went away must not fail the call itself
      LOG.debug("progress notification not delivered: {}", e.getMessage());
    }
  }

}
