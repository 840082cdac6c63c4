package dev.databricksmcp.server.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a request's whole body before any servlet runs, without a thread: the bytes arrive as the
 * network delivers them, and only a complete body is handed on. A servlet reading its body blocks
 * its thread for as long as the client takes, so a few hundred clients sending a byte a second used
 * to hold every thread of the pool. A body not complete within the timeout is answered 408 and its
 * connection closed; one larger than the limit, 413 (before reading it, when announced). A request
 * to the MCP endpoint whose credentials fail is refused before its body is read, so a caller who
 * cannot authenticate gets no memory for one.
 */
final class BufferedBodyHandler extends Handler.Wrapper {
  private static final Logger LOG = LoggerFactory.getLogger(BufferedBodyHandler.class);

  private final int maxBytes;
  private final long timeoutMillis;
  private final Authenticator authenticator;

  BufferedBodyHandler(
      Handler handler, int maxBytes, Duration timeout, Authenticator authenticator) {
    super(handler);
    this.maxBytes = maxBytes;
    this.timeoutMillis = timeout.toMillis();
    this.authenticator = authenticator;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (!hasBody(request)) {
      return super.handle(request, response, callback);
    }
    if (request.getLength() > maxBytes) {
      Response.writeError(request, response, callback, 413);
      return true;
    }
    if (HttpTransport.MCP_PATH.equals(Request.getPathInContext(request))) {
      Authenticator.Outcome outcome =
          authenticator.authenticate(name -> request.getHeaders().get(name));
      if (!outcome.accepted()) {
        refuse(request, response, callback, outcome);
        return true;
      }
    }
    AtomicBoolean settled = new AtomicBoolean();
    Scheduler.Task deadline =
        request
            .getComponents()
            .getScheduler()
            .schedule(
                () -> {
                  if (settled.compareAndSet(false, true)) {
                    LOG.info(
                        "a client took more than {} ms to send a request body: cut off",
                        timeoutMillis);
                    Response.writeError(request, response, callback, 408);
                  }
                },
                timeoutMillis,
                TimeUnit.MILLISECONDS);
    Content.Source.asByteBufferAsync(request, maxBytes)
        .whenComplete(
            (body, failure) -> {
              if (!settled.compareAndSet(false, true)) {
                return;
              }
              deadline.cancel();
              if (failure != null) {
                // asByteBufferAsync fails with IllegalArgumentException past maxBytes; anything
                // else is a broken body
                Response.writeError(
                    request,
                    response,
                    callback,
                    failure instanceof IllegalArgumentException ? 413 : 400);
                return;
              }
              handOn(new BufferedRequest(request, body), response, callback);
            });
    return true;
  }

  private void handOn(Request request, Response response, Callback callback) {
    try {
      if (!super.handle(request, response, callback)) {
        Response.writeError(request, response, callback, 404);
      }
    } catch (Throwable failure) {
      Response.writeError(request, response, callback, failure);
    }
  }

  /**
   * The AuthFilter's answer, written without a servlet. What of the body has already arrived is
   * dropped; when more is still on its way, Jetty closes the connection after answering, and the
   * answer says so: a client that pools connections (the JDK's) would otherwise send its next
   * request into the closing socket.
   */
  private static void refuse(
      Request request, Response response, Callback callback, Authenticator.Outcome outcome) {
    response.setStatus(outcome.status());
    if (!request.consumeAvailable()) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
    if (outcome.status() == 401) {
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, outcome.challenge());
    } else {
      response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
    }
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    String message =
        outcome.status() == 401 ? "Unauthorized: " + outcome.message() : outcome.message();
    String body = ErrorBodies.jsonRpc(ErrorBodies.codeFor(outcome.status()), message);
    response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
  }

  private static boolean hasBody(Request request) {
    return request.getLength() > 0
        || (request.getLength() < 0 && request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING));
  }

  /** The request with its body already in memory: one last chunk. */
  private static final class BufferedRequest extends Request.Wrapper {
    private final long length;
    private Content.Chunk remaining;

    BufferedRequest(Request request, ByteBuffer body) {
      super(request);
      this.length = body.remaining();
      this.remaining = Content.Chunk.from(body, true);
    }

    @Override
    public long getLength() {
      return length;
    }

    @Override
    public synchronized Content.Chunk read() {
      Content.Chunk chunk = remaining;
      remaining = Content.Chunk.EOF;
      return chunk;
    }

    @Override
    public void demand(Runnable demandCallback) {
      // content is always available: call back, but never from within demand()
      getComponents().getExecutor().execute(demandCallback);
    }

    @Override
    public void fail(Throwable failure) {
      // nothing is pending: the body was read in full
    }

    @Override
    public boolean consumeAvailable() {
      synchronized (this) {
        remaining = Content.Chunk.EOF;
      }
      return true;
    }
  }
}
