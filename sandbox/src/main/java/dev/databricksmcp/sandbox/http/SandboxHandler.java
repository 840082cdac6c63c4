package dev.databricksmcp.sandbox.http;

import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.auth.Principal;
import dev.databricksmcp.sandbox.faults.FaultInjector;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's one Jetty handler: authenticates the bearer token, routes, runs the API handler and
 * renders its result or error the way Databricks does ({@code {"error_code", "message"}} + status).
 */
public final class SandboxHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(SandboxHandler.class);

  private final Router router;
  private final Identities identities;
  private final RequestLog requestLog;
  private final FaultInjector faults;

  public SandboxHandler(
      Router router, Identities identities, RequestLog requestLog, FaultInjector faults) {
    this.router = router;
    this.identities = identities;
    this.requestLog = requestLog;
    this.faults = faults;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String method = request.getMethod();
    String path = request.getHttpURI().getPath();
    Principal[] caller = new Principal[1];
    ApiResponse result;
    try {
      Optional<FaultInjector.Rule> fault = faults.next(method, path);
      if (fault.isPresent()) {
        if (fault.get().kind() == FaultInjector.Kind.DROP_CONNECTION
            || fault.get().kind() == FaultInjector.Kind.DROP_AFTER_PROCESSING) {
          // logged first: the client may retry on a new connection before this thread returns
          requestLog.add(new RequestLog.Entry(System.currentTimeMillis(), method, path, null, 0));
        }
        result = applyFault(fault.get(), request, callback);
        if (result == null) {
          return true; // connection dropped
        }
      } else {
        result = dispatch(request, method, path, caller);
      }
    } catch (ApiException e) {
      result =
          ApiResponse.json(
              e.status(), Map.of("error_code", e.code().name(), "message", e.getMessage()));
    } catch (RuntimeException e) {
      LOG.warn("sandbox handler failed on {} {}", method, path, e);
      result =
          error(
              ErrorCode.INTERNAL_ERROR,
              "Internal error in the sandbox: " + e.getClass().getSimpleName());
    } catch (Exception e) {
      LOG.warn("sandbox handler failed on {} {}", method, path, e);
      result =
          error(
              ErrorCode.INTERNAL_ERROR,
              "Internal error in the sandbox: " + e.getClass().getSimpleName());
    }
    requestLog.add(
        new RequestLog.Entry(
            System.currentTimeMillis(),
            method,
            path,
            caller[0] == null ? null : caller[0].userName(),
            result.status()));
    if (request.getAttribute(CLOSE_CONNECTION) != null) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
    write(response, result, callback);
    return true;
  }

  /**
   * The injected answer, or null after dropping the connection; latency falls through to the API.
   */
  private ApiResponse applyFault(FaultInjector.Rule rule, Request request, Callback callback)
      throws Exception {
    switch (rule.kind()) {
      case LATENCY -> {
        Thread.sleep(rule.millis());
        return dispatch(
            request, request.getMethod(), request.getHttpURI().getPath(), new Principal[1]);
      }
      case RATE_LIMIT -> {
        long seconds = Math.max(1, rule.millis() / 1000);
        return new ApiResponse(
            429,
            Map.of(
                "error_code",
                ErrorCode.REQUEST_LIMIT_EXCEEDED.name(),
                "message",
                "Too many requests (injected by the sandbox)."),
            "application/json",
            Map.of("Retry-After", String.valueOf(seconds)));
      }
      case UNAVAILABLE -> {
        return error(
            ErrorCode.TEMPORARILY_UNAVAILABLE,
            "The service is temporarily unavailable (injected by the sandbox).");
      }
      case INTERNAL_ERROR -> {
        return error(ErrorCode.INTERNAL_ERROR, "Internal error (injected by the sandbox).");
      }
      case UNAVAILABLE_AFTER_PROCESSING -> {
        dispatch(request, request.getMethod(), request.getHttpURI().getPath(), new Principal[1]);
        return error(
            ErrorCode.TEMPORARILY_UNAVAILABLE,
            "The service is temporarily unavailable (injected by the sandbox).");
      }
      case DROP_CONNECTION, DROP_AFTER_PROCESSING -> {
        if (rule.kind() == FaultInjector.Kind.DROP_AFTER_PROCESSING) {
          dispatch(request, request.getMethod(), request.getHttpURI().getPath(), new Principal[1]);
        }
        request.getConnectionMetaData().getConnection().getEndPoint().close();
        callback.failed(
            new java.io.IOException("connection dropped by the sandbox's fault injection"));
        return null;
      }
      default -> throw new IllegalStateException("unknown fault " + rule.kind());
    }
  }

  private ApiResponse dispatch(Request request, String method, String path, Principal[] caller)
      throws Exception {
    Optional<Router.Match> match = router.match(method, path);
    if (match.isEmpty()) {
      return error(ErrorCode.ENDPOINT_NOT_FOUND, "No API found for '" + method + " " + path + "'");
    }
    Principal principal = null;
    if (match.get().authenticated()) {
      principal = authenticate(request);
      caller[0] = principal;
    }
    if (match.get().handler() == null) {
      return error(ErrorCode.NOT_IMPLEMENTED, "Method " + method + " is not supported for " + path);
    }
    byte[] body = boundedBody(request);
    ApiRequest apiRequest =
        new ApiRequest(
            method,
            path,
            match.get().pathVariables(),
            query(request),
            body,
            principal,
            headers(request));
    Object out = match.get().handler().handle(apiRequest);
    if (out instanceof ApiResponse r) {
      return r;
    }
    return ApiResponse.json(200, out == null ? Map.of() : out);
  }

  /**
   * The request body, refused past {@link ApiRequest#MAX_BODY_BYTES}: no caller can make the
   * sandbox hold a body of any size. What is refused is read and dropped first (up to {@link
   * #DISCARDED_BYTES_AT_MOST}), so the client, still sending, reads the error: a server that
   * answers and closes with the body unread resets the connection, and the client may see the reset
   * instead of the answer. A body announced past that, or one the client waits to be invited to
   * send ({@code Expect: 100-continue}), is not read at all: the answer says the connection closes.
   */
  private static byte[] boundedBody(Request request) throws java.io.IOException {
    long announced = request.getLength();
    if (announced > ApiRequest.MAX_BODY_BYTES
        && (announced > DISCARDED_BYTES_AT_MOST
            || request.getHeaders().contains(HttpHeader.EXPECT, "100-continue"))) {
      request.setAttribute(CLOSE_CONNECTION, Boolean.TRUE);
      throw tooLarge();
    }
    try (java.io.InputStream in = Content.Source.asInputStream(request)) {
      if (announced > ApiRequest.MAX_BODY_BYTES) {
        discard(in, request);
        throw tooLarge();
      }
      byte[] body = in.readNBytes(ApiRequest.MAX_BODY_BYTES + 1);
      if (body.length > ApiRequest.MAX_BODY_BYTES) {
        discard(in, request);
        throw tooLarge();
      }
      return body;
    }
  }

  /** Beyond this a refused body is not read on: the connection is closed under the client. */
  static final long DISCARDED_BYTES_AT_MOST = 4L * ApiRequest.MAX_BODY_BYTES;

  /** A request attribute: the answer says {@code Connection: close} (its body was left unread). */
  private static final String CLOSE_CONNECTION = "sandbox.closeConnection";

  private static void discard(java.io.InputStream in, Request request) throws java.io.IOException {
    byte[] sink = new byte[64 * 1024];
    long dropped = 0;
    while (dropped < DISCARDED_BYTES_AT_MOST) {
      int n = in.read(sink);
      if (n < 0) {
        return;
      }
      dropped += n;
    }
    request.setAttribute(CLOSE_CONNECTION, Boolean.TRUE);
  }

  private static ApiException tooLarge() {
    return ApiException.invalid(
        "The request body is larger than the sandbox accepts ("
            + ApiRequest.MAX_BODY_BYTES
            + " bytes).");
  }

  private Principal authenticate(Request request) {
    String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new ApiException(
          ErrorCode.UNAUTHENTICATED,
          "Credential was not sent or was of an unsupported type for this API.");
    }
    return identities
        .byToken(auth.substring(7).trim())
        .orElseThrow(() -> new ApiException(ErrorCode.UNAUTHENTICATED, "Invalid access token."));
  }

  private static Map<String, List<String>> query(Request request) {
    Fields fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
    Map<String, List<String>> out = new HashMap<>();
    for (Fields.Field f : fields) {
      out.put(f.getName(), f.getValues());
    }
    return out;
  }

  private static Map<String, String> headers(Request request) {
    Map<String, String> out = new HashMap<>();
    for (HttpField f : request.getHeaders()) {
      out.put(f.getName().toLowerCase(Locale.ROOT), f.getValue());
    }
    return out;
  }

  private static ApiResponse error(ErrorCode code, String message) {
    return ApiResponse.json(
        code.httpStatus(), Map.of("error_code", code.name(), "message", message));
  }

  private static void write(Response response, ApiResponse result, Callback callback) {
    byte[] bytes;
    try {
      bytes =
          result.body() instanceof byte[] raw ? raw : Json.MAPPER.writeValueAsBytes(result.body());
    } catch (Exception e) {
      bytes =
          "{\"error_code\":\"INTERNAL_ERROR\",\"message\":\"cannot serialize response\"}"
              .getBytes(StandardCharsets.UTF_8);
    }
    response.setStatus(result.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, result.contentType());
    response.getHeaders().put("x-databricks-org-id", Identities.WORKSPACE_ID);
    result.headers().forEach((k, v) -> response.getHeaders().put(k, v));
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }
}
