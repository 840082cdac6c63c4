package dev.databricksmcp.server.mcp;

import io.modelcontextprotocol.spec.McpServerTransportProviderBase;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * A transport decorator's base: everything passes through to the transport it wraps, so a decorator
 * overrides only what it changes (the session factory, a notification it holds back).
 */
abstract class ForwardingTransport implements McpServerTransportProviderBase {
  private final McpServerTransportProviderBase delegate;

  ForwardingTransport(McpServerTransportProviderBase delegate) {
    this.delegate = delegate;
  }

  @Override
  public Mono<Void> notifyClients(String method, Object params) {
    return delegate.notifyClients(method, params);
  }

  @Override
  public Mono<Void> notifyClient(String sessionId, String method, Object params) {
    return delegate.notifyClient(sessionId, method, params);
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public Mono<Void> closeGracefully() {
    return delegate.closeGracefully();
  }

  @Override
  public List<String> protocolVersions() {
    return delegate.protocolVersions();
  }
}
