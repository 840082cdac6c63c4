package dev.databricksmcp.server.transport;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse.JSONRPCError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The MCP transports' JSON mapper with one change: every JSON-RPC error it writes keeps its code
 * but loses any message or data that names Java internals. The MCP SDK puts exception messages in
 * errors (a Jackson parse failure names the record it wanted, "Invalid message format: …") and
 * writes its own {@link McpError}, an exception, with the general mapper: a serialized stack trace.
 * Every message the transports send goes through their mapper, so this is the one place to stop it.
 */
final class SafeErrorsJsonMapper implements McpJsonMapper {
  /** Package-qualified class names, exception types, stack frames, parser locations. */
  private static final Pattern INTERNALS =
      Pattern.compile(
          "(?:java|javax|jakarta|reactor|com\\.fasterxml|io\\.modelcontextprotocol|org\\.eclipse"
              + "|dev\\.databricksmcp)\\."
              + "|Exception|Throwable|[Ss]tack[Tt]race|\\tat |\\.java:\\d|\\[Source:|\\$[A-Z]"
              + "|\\b[a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)+\\.[A-Z]|`[^`]*\\.[^`]*`");

  private static final int MAX_MESSAGE_CHARS = 300;

  private final McpJsonMapper delegate;

  private SafeErrorsJsonMapper(McpJsonMapper delegate) {
    this.delegate = delegate;
  }

  static McpJsonMapper wrap(McpJsonMapper mapper) {
    return mapper instanceof SafeErrorsJsonMapper ? mapper : new SafeErrorsJsonMapper(mapper);
  }

  @Override
  public String writeValueAsString(Object value) throws IOException {
    if (value instanceof McpError error) {
      JSONRPCError clean = clean(error.getJsonRpcError());
      return ErrorBodies.jsonRpc(clean.code(), clean.message());
    }
    if (value instanceof JSONRPCResponse response && response.error() != null) {
      return delegate.writeValueAsString(
          new JSONRPCResponse(
              response.jsonrpc(), response.id(), response.result(), clean(response.error())));
    }
    return delegate.writeValueAsString(value);
  }

  @Override
  public byte[] writeValueAsBytes(Object value) throws IOException {
    // an answer without an error is written as it is, without a String in between
    if (value instanceof McpError
        || (value instanceof JSONRPCResponse response && response.error() != null)) {
      return writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
    }
    return delegate.writeValueAsBytes(value);
  }

  /** The same error with a message and data fit to show a client. */
  JSONRPCError clean(JSONRPCError error) {
    int code =
        error == null || error.code() == null ? McpSchema.ErrorCodes.INTERNAL_ERROR : error.code();
    String message = error == null ? null : error.message();
    if (!showable(message)) {
      message = genericMessage(code);
    }
    Object data = error == null ? null : error.data();
    if (data != null && !showableData(data)) {
      data = null;
    }
    return new JSONRPCError(code, message, data);
  }

  static boolean showable(String text) {
    return text != null
        && !text.isBlank()
        && text.length() <= MAX_MESSAGE_CHARS
        && text.indexOf('\n') < 0
        && !INTERNALS.matcher(text).find();
  }

  /** Data that cannot even be written is not shown either. */
  private boolean showableData(Object data) {
    try {
      return showable(delegate.writeValueAsString(data));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  static String genericMessage(int code) {
    return switch (code) {
      case McpSchema.ErrorCodes.PARSE_ERROR -> "Parse error: not valid JSON";
      case McpSchema.ErrorCodes.INVALID_REQUEST ->
          "Invalid request: not a valid JSON-RPC 2.0 message";
      case McpSchema.ErrorCodes.METHOD_NOT_FOUND -> "Method not found";
      case McpSchema.ErrorCodes.INVALID_PARAMS -> "Invalid params";
      default -> "Internal error";
    };
  }

  @Override
  public <T> T readValue(String content, Class<T> type) throws IOException {
    return delegate.readValue(content, type);
  }

  @Override
  public <T> T readValue(byte[] content, Class<T> type) throws IOException {
    return delegate.readValue(content, type);
  }

  @Override
  public <T> T readValue(String content, TypeRef<T> type) throws IOException {
    return delegate.readValue(content, type);
  }

  @Override
  public <T> T readValue(byte[] content, TypeRef<T> type) throws IOException {
    return delegate.readValue(content, type);
  }

  @Override
  public <T> T convertValue(Object fromValue, Class<T> type) {
    return delegate.convertValue(fromValue, type);
  }

  @Override
  public <T> T convertValue(Object fromValue, TypeRef<T> type) {
    return delegate.convertValue(fromValue, type);
  }
}
