package dev.databricksmcp.server.transport;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import io.modelcontextprotocol.server.transport.HeaderAccessor;
import io.modelcontextprotocol.server.transport.ServerHttpHeaderValidator;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * MCP over Streamable HTTP without sessions: the MCP SDK's {@code
 * HttpServletStatelessServerTransport}, same checks in the same order and same answers, but a
 * request is answered without blocking a thread on it. The SDK's servlet blocks the request thread
 * until the answer comes, so a tool call had to run on a second thread (else a handler stuck past
 * its deadline would hold its TIMEOUT answer): two thread hand-offs per call, a third of the
 * stateless server's calls per second. Here the call runs on the request thread, and whichever
 * thread has the answer first — that one, or the deadline watcher — writes it, in one write with a
 * Content-Length.
 */
final class StatelessMcpServlet extends HttpServlet implements McpStatelessServerTransport {
  private static final Logger LOG = LoggerFactory.getLogger(StatelessMcpServlet.class);
  private static final String APPLICATION_JSON = "application/json";

  private final transient McpJsonMapper json;
  private final String endpoint;
  private final transient McpTransportContextExtractor<HttpServletRequest> contextExtractor;
  private final transient ServerHttpHeaderValidator headerValidator;
  private final int maxRequestBytes;
  private transient McpStatelessServerHandler handler;
  private volatile boolean closing;

  StatelessMcpServlet(
      McpJsonMapper json,
      String endpoint,
      McpTransportContextExtractor<HttpServletRequest> contextExtractor,
      ServerHttpHeaderValidator headerValidator,
      int maxRequestBytes) {
    this.json = json;
    this.endpoint = endpoint;
    this.contextExtractor = contextExtractor;
    this.headerValidator = headerValidator;
    this.maxRequestBytes = maxRequestBytes;
  }

  @Override
  public void setMcpHandler(McpStatelessServerHandler handler) {
    this.handler = handler;
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.fromRunnable(() -> closing = true);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.sendError(request.getRequestURI().endsWith(endpoint) ? 405 : 404);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!request.getRequestURI().endsWith(endpoint)) {
      response.sendError(404);
      return;
    }
    if (closing) {
      response.sendError(503, "Server is shutting down");
      return;
    }
    if (request.getContentLengthLong() > maxRequestBytes) {
      response.sendError(413);
      return;
    }
    try {
      headerValidator.validate(headers(request));
    } catch (ServerTransportSecurityException e) {
      response.sendError(e.getStatusCode(), e.getMessage());
      return;
    }
    if (!isJson(request.getContentType())) {
      error(
          response,
          415,
          McpSchema.ErrorCodes.INVALID_REQUEST,
          "Unsupported Media Type: Content-Type must be application/json");
      return;
    }
    String accept = request.getHeader("Accept");
    if (accept == null
        || !accept.contains(APPLICATION_JSON)
        || !accept.contains("text/event-stream")) {
      error(
          response,
          400,
          McpSchema.ErrorCodes.METHOD_NOT_FOUND,
          "Both application/json and text/event-stream required in Accept header");
      return;
    }
    McpTransportContext context = contextExtractor.extract(request);
    McpSchema.JSONRPCMessage message;
    try {
      String body = readBody(request);
      if (body == null) {
        response.sendError(413);
        return;
      }
      message = JsonRpcMessages.read(json, body);
    } catch (IOException | IllegalArgumentException e) {
      LOG.error("Failed to deserialize message: {}", e.getMessage());
      error(response, 400, McpSchema.ErrorCodes.INVALID_REQUEST, "Invalid message format");
      return;
    }
    if (message instanceof McpSchema.JSONRPCRequest call) {
      Mono<McpSchema.JSONRPCResponse> answer;
      try {
        answer = handler.handleRequest(context, call);
      } catch (RuntimeException e) {
        LOG.error("Failed to handle request: {}", e.getMessage());
        error(
            response,
            500,
            McpSchema.ErrorCodes.INTERNAL_ERROR,
            "Failed to handle request: " + e.getMessage());
        return;
      }
      answer(request, response, answer.contextWrite(c -> c.put(McpTransportContext.KEY, context)));
    } else if (message instanceof McpSchema.JSONRPCNotification notification) {
      try {
        handler
            .handleNotification(context, notification)
            .contextWrite(c -> c.put(McpTransportContext.KEY, context))
            .block();
        response.setStatus(202);
      } catch (RuntimeException e) {
        LOG.error("Failed to handle notification: {}", e.getMessage());
        error(
            response,
            500,
            McpSchema.ErrorCodes.INTERNAL_ERROR,
            "Failed to handle notification: " + e.getMessage());
      }
    } else {
      error(
          response,
          400,
          McpSchema.ErrorCodes.INVALID_REQUEST,
          "The server accepts either requests or notifications");
    }
  }

  /**
   * The request goes async before the call starts, so that the deadline watcher can answer while
   * the handler still holds this thread; the first answer is written, any other dropped.
   */
  private void answer(
      HttpServletRequest request,
      HttpServletResponse response,
      Mono<McpSchema.JSONRPCResponse> call) {
    AsyncContext async = request.startAsync();
    async.setTimeout(0);
    AtomicBoolean answered = new AtomicBoolean();
    Thread dispatcher = Thread.currentThread();
    call.subscribe(
        result -> {
          if (answered.compareAndSet(false, true)) {
            if (Thread.currentThread() != dispatcher) {
              // the deadline watcher answers while the handler still holds the request thread: the
              // client must not send its next request on this connection, which waits for it
              response.setHeader("Connection", "close");
            }
            finish(async, () -> write(response, 200, json.writeValueAsBytes(result)));
          }
        },
        failure -> {
          if (answered.compareAndSet(false, true)) {
            LOG.error("Failed to handle request: {}", failure.getMessage());
            finish(
                async,
                () ->
                    error(
                        response,
                        500,
                        McpSchema.ErrorCodes.INTERNAL_ERROR,
                        "Failed to handle request: " + failure.getMessage()));
          }
        },
        () -> {
          if (answered.compareAndSet(false, true)) {
            finish(
                async,
                () -> error(response, 500, McpSchema.ErrorCodes.INTERNAL_ERROR, "No response"));
          }
        });
  }

  private interface Write {
    void run() throws IOException;
  }

  private static void finish(AsyncContext async, Write write) {
    try {
      write.run();
    } catch (IOException | RuntimeException e) {
      // the client went away, or the answer cannot be written: nothing left to tell it
      LOG.debug("could not write an answer: {}", e.toString());
    } finally {
      async.complete();
    }
  }

  private void error(HttpServletResponse response, int status, int code, String message)
      throws IOException {
    write(
        response, status, json.writeValueAsBytes(McpError.builder(code).message(message).build()));
  }

  /** One write with a Content-Length: no chunked encoding, no second write to end it. */
  private static void write(HttpServletResponse response, int status, byte[] body)
      throws IOException {
    response.setStatus(status);
    response.setContentType(APPLICATION_JSON);
    response.setCharacterEncoding("UTF-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    response.flushBuffer();
  }

  /** As the SDK reads it (its charset, else UTF-8); null when longer than the limit. */
  private String readBody(HttpServletRequest request) throws IOException {
    InputStream in = request.getInputStream();
    byte[] body = in.readNBytes(maxRequestBytes + 1);
    if (body.length > maxRequestBytes) {
      return null;
    }
    String charset = request.getCharacterEncoding();
    return charset == null
        ? new String(body, StandardCharsets.UTF_8)
        : new String(body, java.nio.charset.Charset.forName(charset));
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String type = semicolon == -1 ? contentType : contentType.substring(0, semicolon);
    return type.trim().equalsIgnoreCase(APPLICATION_JSON);
  }

  private static HeaderAccessor headers(HttpServletRequest request) {
    return new HeaderAccessor() {
      @Override
      public List<String> getHeader(String name) {
        return Collections.list(request.getHeaders(name));
      }

      @Override
      public List<String> getHeaderNames() {
        return Collections.list(request.getHeaderNames());
      }
    };
  }
}
