package dev.databricksmcp.server.mcp;

import com.databricks.sdk.WorkspaceClient;
import dev.databricksmcp.server.connection.CallerIdentity;
import dev.databricksmcp.server.connection.WorkspaceProvider;
import dev.databricksmcp.server.core.CorrelationIds;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.UserAnswer;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tool call's context over MCP: the exchange (absent in stateless mode) and the progress token.
 */
final class CallContext implements ToolContext {
  private static final Logger LOG = LoggerFactory.getLogger(CallContext.class);

  private final WorkspaceProvider workspaces;
  private final McpSyncServerExchange exchange;
  private final McpTransportContext transport;
  private final Object progressToken;
  private final boolean readOnly;
  private final String correlationId = CorrelationIds.next();

  CallContext(
      WorkspaceProvider workspaces,
      McpSyncServerExchange exchange,
      McpTransportContext transport,
      Object progressToken,
      boolean readOnly) {
    this.workspaces = workspaces;
    this.exchange = exchange;
    this.transport =
        transport != null ? transport : exchange != null ? exchange.transportContext() : null;
    this.progressToken = progressToken;
    this.readOnly = readOnly;
  }

  @Override
  public WorkspaceClient workspace() {
    return workspaces.client(new CallerIdentity(principal(), userAccessToken()));
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
  public String principal() {
    Object principal = transport == null ? null : transport.get(TransportKeys.PRINCIPAL);
    return principal == null ? "local" : String.valueOf(principal);
  }

  private String userAccessToken() {
    Object token = transport == null ? null : transport.get(TransportKeys.USER_ACCESS_TOKEN);
    return token == null ? null : String.valueOf(token);
  }

  @Override
  public UserAnswer askUser(String message) {
    if (!clientCan(
        exchange == null ? null : exchange.getClientCapabilities(), Capability.ELICITATION)) {
      return UserAnswer.UNSUPPORTED;
    }
    Map<String, Object> schema =
        Map.of(
            "type", "object",
            "properties",
                Map.of(
                    "confirm",
                    Map.of("type", "boolean", "title", "Proceed", "description", "Yes, do it")),
            "required", List.of("confirm"));
    McpSchema.ElicitResult answer =
        exchange.createElicitation(new McpSchema.ElicitFormRequest(message, schema, null));
    boolean yes =
        answer.action() == McpSchema.ElicitResult.Action.ACCEPT
            && answer.content() != null
            && Boolean.TRUE.equals(answer.content().get("confirm"));
    return yes ? UserAnswer.ACCEPTED : UserAnswer.DECLINED;
  }

  @Override
  public McpSchema.ElicitResult elicit(McpSchema.ElicitRequest request) {
    if (!clientCan(
        exchange == null ? null : exchange.getClientCapabilities(), Capability.ELICITATION)) {
      return ToolContext.super.elicit(request);
    }
    return exchange.createElicitation(request);
  }

  @Override
  public McpSchema.CreateMessageResult sample(McpSchema.CreateMessageRequest request) {
    if (!clientCan(
        exchange == null ? null : exchange.getClientCapabilities(), Capability.SAMPLING)) {
      return ToolContext.super.sample(request);
    }
    return exchange.createMessage(request);
  }

  @Override
  public void log(McpSchema.LoggingLevel level, String message) {
    if (exchange == null) {
      return;
    }
    try {
      // the exchange drops messages below the level the client set with logging/setLevel
      exchange.loggingNotification(
          McpSchema.LoggingMessageNotification.builder()
              .level(level)
              .logger("databricks-mcp")
              .data(message)
              .build());
    } catch (RuntimeException e) {
      LOG.debug("log notification not delivered: {}", e.getMessage());
    }
  }

  private enum Capability {
    ELICITATION,
    SAMPLING
  }

  private static boolean clientCan(McpSchema.ClientCapabilities capabilities, Capability what) {
    if (capabilities == null) {
      return false;
    }
    return what == Capability.ELICITATION
        ? capabilities.elicitation() != null
        : capabilities.sampling() != null;
  }

  @Override
  public void progress(double progress, Double total, String message) {
    if (exchange == null || progressToken == null) {
      return;
    }
    try {
      exchange.progressNotification(
          new ProgressNotification(progressToken, progress, total, message));
    } catch (RuntimeException e) {
      // a client that went away must not fail the call itself
      LOG.debug("progress notification not delivered: {}", e.getMessage());
    }
  }
}
