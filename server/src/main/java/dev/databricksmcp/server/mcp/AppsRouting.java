package dev.databricksmcp.server.mcp;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpServerTransportProviderBase;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.time.Duration;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * One transport, two MCP servers: the plain one and the one with MCP Apps ({@code _meta.ui} on
 * tools, the {@code ui://} view). Each session goes to one of them, chosen by the capabilities the
 * client declares in its initialize request ({@link McpApps#declaredBy}), so a client without the
 * extension lists exactly what it listed before. The MCP SDK (2.1.0) can filter which tools a
 * session lists but not change them, and has no filter for resources: routing whole sessions keeps
 * both servers ordinary. Each server binds to its own port ({@link #plain}, {@link #apps});
 * everything but the session factory passes through to the one transport.
 */
abstract sealed class AppsRouting {
  private AppsRouting() {}

  static Stdio stdio(McpServerTransportProvider transport) {
    return new Stdio(transport);
  }

  static Streamable streamable(McpStreamableServerTransportProvider transport) {
    return new Streamable(transport);
  }

  /** A port: the transport as one of the two servers sees it. */
  private abstract static class Port extends ForwardingTransport {
    Port(McpServerTransportProviderBase delegate) {
      super(delegate);
    }
  }

  /** Streamable HTTP: the initialize request arrives with the session's start. */
  static final class Streamable extends AppsRouting {
    private final McpStreamableServerTransportProvider transport;
    private McpStreamableServerSession.Factory plain;
    private McpStreamableServerSession.Factory apps;

    private Streamable(McpStreamableServerTransportProvider transport) {
      this.transport = transport;
    }

    McpStreamableServerTransportProvider plain() {
      return new StreamablePort(f -> plain = f);
    }

    McpStreamableServerTransportProvider apps() {
      return new StreamablePort(f -> apps = f);
    }

    private void bound() {
      if (plain != null && apps != null) {
        transport.setSessionFactory(
            init -> (McpApps.declaredBy(init.capabilities()) ? apps : plain).startSession(init));
      }
    }

    private final class StreamablePort extends Port
        implements McpStreamableServerTransportProvider {
      private final java.util.function.Consumer<McpStreamableServerSession.Factory> bind;

      StreamablePort(java.util.function.Consumer<McpStreamableServerSession.Factory> bind) {
        super(transport);
        this.bind = bind;
      }

      @Override
      public void setSessionFactory(McpStreamableServerSession.Factory sessionFactory) {
        bind.accept(sessionFactory);
        bound();
      }
    }
  }

  /**
   * Stdio: the one session is made before the client says anything, so it is made twice, once per
   * server, over the same output, and the first message (initialize) picks which answers.
   */
  static final class Stdio extends AppsRouting {
    private final McpServerTransportProvider transport;
    private McpServerSession.Factory plain;
    private McpServerSession.Factory apps;

    private Stdio(McpServerTransportProvider transport) {
      this.transport = transport;
    }

    McpServerTransportProvider plain() {
      return new StdioPort(f -> plain = f);
    }

    McpServerTransportProvider apps() {
      return new StdioPort(f -> apps = f);
    }

    private void bound() {
      if (plain != null && apps != null) {
        transport.setSessionFactory(t -> new RoutedSession(t, plain.create(t), apps.create(t)));
      }
    }

    private final class StdioPort extends Port implements McpServerTransportProvider {
      private final java.util.function.Consumer<McpServerSession.Factory> bind;

      StdioPort(java.util.function.Consumer<McpServerSession.Factory> bind) {
        super(transport);
        this.bind = bind;
      }

      @Override
      public void setSessionFactory(McpServerSession.Factory sessionFactory) {
        bind.accept(sessionFactory);
        bound();
      }
    }
  }

  /**
   * The stdio session: the plain server's until an initialize request declaring the extension makes
   * it the other's. Every public method goes to the chosen one (the base object is unused).
   */
  static final class RoutedSession extends McpServerSession {
    private final McpServerSession plain;
    private final McpServerSession apps;
    private volatile McpServerSession chosen;

    RoutedSession(McpServerTransport transport, McpServerSession plain, McpServerSession apps) {
      super(
          plain.getId(),
          Duration.ofMinutes(5),
          transport,
          init -> Mono.error(new IllegalStateException("never used: sessions are routed")),
          Map.of(),
          Map.of());
      this.plain = plain;
      this.apps = apps;
      this.chosen = plain;
    }

    @Override
    public Mono<Void> handle(McpSchema.JSONRPCMessage message) {
      if (message instanceof McpSchema.JSONRPCRequest request
          && McpSchema.METHOD_INITIALIZE.equals(request.method())) {
        McpSchema.InitializeRequest init;
        try {
          init =
              McpServerFactory.JSON.convertValue(
                  request.params(), new TypeRef<McpSchema.InitializeRequest>() {});
        } catch (RuntimeException malformed) {
          init = null; // the plain server answers it, and says what is wrong
        }
        chosen = init != null && McpApps.declaredBy(init.capabilities()) ? apps : plain;
      }
      return chosen.handle(message);
    }

    @Override
    public String getId() {
      return chosen.getId();
    }

    @Override
    public void init(McpSchema.ClientCapabilities capabilities, McpSchema.Implementation info) {
      chosen.init(capabilities, info);
    }

    @Override
    public void setMinLoggingLevel(McpSchema.LoggingLevel level) {
      chosen.setMinLoggingLevel(level);
    }

    @Override
    public boolean isNotificationForLevelAllowed(McpSchema.LoggingLevel level) {
      return chosen.isNotificationForLevelAllowed(level);
    }

    @Override
    public <T> Mono<T> sendRequest(String method, Object params, TypeRef<T> type) {
      return chosen.sendRequest(method, params, type);
    }

    @Override
    public Mono<Void> sendNotification(String method, Object params) {
      return chosen.sendNotification(method, params);
    }

    @Override
    public Mono<Void> closeGracefully() {
      return Mono.when(plain.closeGracefully(), apps.closeGracefully());
    }

    @Override
    public void close() {
      plain.close();
      apps.close();
    }
  }
}
