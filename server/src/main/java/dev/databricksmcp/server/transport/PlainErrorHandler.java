package dev.databricksmcp.server.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (a request it could not parse, a URI or headers too large, a failure
 * outside any servlet) as the same short JSON as every other error here: never the exception's
 * message, its class or a stack, whatever the request's Accept header asks for.
 */
final class PlainErrorHandler extends ErrorHandler {
  private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, "application/json");

  PlainErrorHandler() {
    setShowStacks(false);
    setShowCauses(false);
    setShowMessageInTitle(false);
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    response.getHeaders().put(JSON);
    response.write(true, body(code), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(JSON);
    return body(status);
  }

  private static ByteBuffer body(int status) {
    String json = ErrorBodies.jsonRpc(ErrorBodies.codeFor(status), ErrorBodies.messageFor(status));
    return ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
  }
}
