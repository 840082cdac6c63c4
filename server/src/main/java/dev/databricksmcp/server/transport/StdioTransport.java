package dev.databricksmcp.server.transport;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * MCP over stdin/stdout, one JSON-RPC message per line. Unlike the MCP SDK's stdio provider it
 * answers a malformed line with a JSON-RPC parse error and keeps the session, and at end of input
 * it answers every request still in flight before {@link #run} returns (so the process can exit 0).
 */
public final class StdioTransport implements McpServerTransportProvider {
  private static final Logger LOG = LoggerFactory.getLogger(StdioTransport.class);
  static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

  private final McpJsonMapper json;
  private final InputStream in;
  private final OutputStream out;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ReentrantLock inFlightLock = new ReentrantLock();
  private final Condition drained = inFlightLock.newCondition();
  private int inFlight;
  private McpServerSession session;
  private final AtomicReference<Runnable> afterToolsListed = new AtomicReference<>();

  public StdioTransport(McpJsonMapper json, InputStream in, OutputStream out) {
    // errors name no Java internals, whatever the SDK put in them
    this.json = SafeErrorsJsonMapper.wrap(json);
    this.in = in;
    this.out = out;
  }

  /** Runs {@code action} once, after the first {@code tools/list} has been answered. */
  public void afterToolsListed(Runnable action) {
    afterToolsListed.set(action);
  }

  @Override
  public void setSessionFactory(McpServerSession.Factory sessionFactory) {
    this.session = sessionFactory.create(new SessionTransport());
  }

  /**
   * Reads messages until end of input, then waits up to {@code drainTimeout} for requests still in
   * flight to be answered. Blocks the calling thread.
   */
  public void run(Duration drainTimeout) {
    if (session == null) {
      throw new IllegalStateException("no MCP server is attached to this transport");
    }
    LineReader reader = new LineReader(in, MAX_LINE_BYTES);
    try {
      while (true) {
        LineReader.Line line = reader.next();
        if (line == null) {
          break;
        }
        if (line.tooLong()) {
          writeError(
              McpSchema.ErrorCodes.INVALID_REQUEST,
              "Message larger than " + MAX_LINE_BYTES + " bytes");
        } else if (!line.text().isBlank()) {
          dispatch(line.text());
        }
      }
    } catch (IOException e) {
      LOG.warn("stdin closed with an error: {}", e.getMessage());
    }
    awaitInFlight(drainTimeout);
    closed.set(true);
    session.closeGracefully().block(Duration.ofSeconds(5));
  }

  private void dispatch(String text) {
    JSONRPCMessage message;
    try {
      message = JsonRpcMessages.read(json, text);
    } catch (Exception e) {
      LOG.debug("malformed JSON-RPC line ignored: {}", e.getMessage());
      writeError(McpSchema.ErrorCodes.PARSE_ERROR, "Parse error: not a JSON-RPC message");
      return;
    }
    begin();
    boolean listsTools =
        message instanceof McpSchema.JSONRPCRequest request
            && McpSchema.METHOD_TOOLS_LIST.equals(request.method());
    session
        .handle(message)
        .doFinally(
            signal -> {
              try {
                if (listsTools) {
                  Runnable action = afterToolsListed.getAndSet(null);
                  if (action != null) {
                    action.run();
                  }
                }
              } finally {
                end();
              }
            })
        .subscribe(
            ignored -> {}, error -> LOG.warn("failed to handle a message: {}", error.getMessage()));
  }

  private void begin() {
    inFlightLock.lock();
    try {
      inFlight++;
    } finally {
      inFlightLock.unlock();
    }
  }

  private void end() {
    inFlightLock.lock();
    try {
      inFlight--;
      if (inFlight == 0) {
        drained.signalAll();
      }
    } finally {
      inFlightLock.unlock();
    }
  }

  private void awaitInFlight(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    inFlightLock.lock();
    try {
      while (inFlight > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          LOG.warn(
              "{} request(s) still running at end of input were abandoned after {}",
              inFlight,
              timeout);
          return;
        }
        drained.await(left, TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      inFlightLock.unlock();
    }
  }

  /**
   * An error response with a null id, as JSON-RPC requires when the request's id could not be read.
   * Written by hand: the SDK's response type refuses null ids.
   */
  private void writeError(int code, String message) {
    try {
      String error = json.writeValueAsString(new JSONRPCResponse.JSONRPCError(code, message, null));
      writeLine("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":" + error + "}");
    } catch (IOException e) {
      LOG.debug("cannot write an error response: {}", e.getMessage());
    }
  }

  private void write(JSONRPCMessage message) {
    try {
      writeLine(json.writeValueAsString(message));
    } catch (IOException e) {
      LOG.debug("cannot serialize a message: {}", e.getMessage());
    }
  }

  /** One message per line: JSON never contains raw newlines, but be sure. */
  private void writeLine(String line) {
    byte[] bytes =
        (line.replace("\r", "\\r").replace("\n", "\\n") + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      synchronized (out) {
        out.write(bytes);
        out.flush();
      }
    } catch (IOException e) {
      LOG.debug("stdout closed: {}", e.getMessage());
    }
  }

  @Override
  public Mono<Void> notifyClients(String method, Object params) {
    return session == null ? Mono.empty() : session.sendNotification(method, params);
  }

  @Override
  public Mono<Void> closeGracefully() {
    closed.set(true);
    return Mono.empty();
  }

  /** The single session's outbound side: serialized writes to stdout. */
  private final class SessionTransport implements McpServerTransport {
    @Override
    public Mono<Void> sendMessage(JSONRPCMessage message) {
      return Mono.fromRunnable(() -> write(message));
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
      return json.convertValue(data, typeRef);
    }

    @Override
    public Mono<Void> closeGracefully() {
      return Mono.empty();
    }
  }
}
