package dev.databricksmcp.server.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpServerTransportProviderBase;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import reactor.core.publisher.Mono;

/**
 * Transport decorators for a server whose tool list grows at run time. The MCP SDK's {@code
 * addTool} sends {@code notifications/tools/list_changed} once per tool added, so enabling a
 * toolset of 25 tools would make every client list the tools 25 times. These hold those back and
 * send one notification per batch, through {@link #toolsListChanged}. Everything else passes
 * through.
 */
abstract sealed class ToolsListChangedOnce extends ForwardingTransport {
  private final McpServerTransportProviderBase delegate;

  private ToolsListChangedOnce(McpServerTransportProviderBase delegate) {
    super(delegate);
    this.delegate = delegate;
  }

  static Stdio of(McpServerTransportProvider transport) {
    return new Stdio(transport);
  }

  static Streamable of(McpStreamableServerTransportProvider transport) {
    return new Streamable(transport);
  }

  /** Tells every client once that the tool list changed. */
  Mono<Void> toolsListChanged() {
    return delegate.notifyClients(McpSchema.METHOD_NOTIFICATION_TOOLS_LIST_CHANGED, null);
  }

  @Override
  public Mono<Void> notifyClients(String method, Object params) {
    if (McpSchema.METHOD_NOTIFICATION_TOOLS_LIST_CHANGED.equals(method)) {
      return Mono.empty();
    }
    return super.notifyClients(method, params);
  }

  /** Over stdio: one session. */
  static final class Stdio extends ToolsListChangedOnce implements McpServerTransportProvider {
    private final McpServerTransportProvider transport;

    private Stdio(McpServerTransportProvider transport) {
      super(transport);
      this.transport = transport;
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory sessionFactory) {
      transport.setSessionFactory(sessionFactory);
    }
  }

  /** Over Streamable HTTP: every session of the server. */
  static final class Streamable extends ToolsListChangedOnce
      implements McpStreamableServerTransportProvider {
    private final McpStreamableServerTransportProvider transport;

    private Streamable(McpStreamableServerTransportProvider transport) {
      super(transport);
      this.transport = transport;
    }

    @Override
    public void setSessionFactory(McpStreamableServerSession.Factory sessionFactory) {
      transport.setSessionFactory(sessionFactory);
    }
  }
}
