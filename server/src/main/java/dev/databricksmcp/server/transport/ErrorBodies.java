package dev.databricksmcp.server.transport;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The one shape of every error the HTTP layer writes itself: a JSON-RPC error response without an
 * id (as the MCP transport spec allows for a rejected HTTP request), with a short fixed message.
 * Never an exception's message, a class name or a stack trace.
 */
final class ErrorBodies {
  static final int INVALID_REQUEST = -32600;
  static final int INTERNAL_ERROR = -32603;

  private ErrorBodies() {}

  static String jsonRpc(int code, String message) {
    return "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":"
        + code
        + ",\"message\":\""
        + escape(message)
        + "\"}}";
  }

  /**
   * Writes the error unless the response was already committed (then there is nothing left to say).
   */
  static void write(HttpServletResponse response, int status, String message) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    String body = jsonRpc(codeFor(status), message);
    try {
      response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    } catch (IllegalStateException writerInUse) {
      response.getWriter().write(body);
    }
  }

  static int codeFor(int status) {
    return status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
  }

  /** A fixed message for an HTTP status, for errors whose own words are not ours to repeat. */
  static String messageFor(int status) {
    return switch (status) {
      case 400 -> "Bad request: not a valid MCP message";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not found";
      case 405 -> "Method not allowed";
      case 406 -> "Not acceptable";
      case 408 -> "Request timeout";
      case 411 -> "Length required";
      case 413 -> "Request body too large";
      case 414 -> "Request URI too long";
      case 415 -> "Unsupported media type: Content-Type must be application/json";
      case 421 -> "Misdirected request: Host not allowed";
      case 429 -> "Too many requests";
      case 431 -> "Request headers too large";
      case 503 -> "Service unavailable";
      default -> status >= 500 ? "Internal error" : "Bad request";
    };
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
