package dev.databricksmcp.sandbox.http;

import dev.databricksmcp.sandbox.auth.Principal;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One parsed API call: method, path, path variables from the route pattern, query parameters, the
 * raw body and the authenticated principal.
 */
public record ApiRequest(
    String method,
    String path,
    Map<String, String> pathVariables,
    Map<String, List<String>> query,
    byte[] body,
    Principal principal,
    Map<String, String> headers) {

  /** The largest request body the sandbox reads (a file upload included): 16 MiB. */
  public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  /** A path variable declared in the route pattern, e.g. {@code {full_name}}. */
  public String pathVar(String name) {
    String value = pathVariables.get(name);
    if (value == null) {
      throw new IllegalStateException("route has no path variable " + name);
    }
    return value;
  }

  public Optional<String> queryParam(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  public Optional<Integer> intParam(String name) {
    Optional<String> raw = queryParam(name);
    if (raw.isEmpty() || raw.get().isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(raw.get()));
    } catch (NumberFormatException e) {
      throw ApiException.invalid("Invalid value for " + name + ": " + raw.get());
    }
  }

  public boolean boolParam(String name) {
    return queryParam(name).map(Boolean::parseBoolean).orElse(false);
  }

  /** A header, by lower-case name. */
  public Optional<String> header(String lowerCaseName) {
    return Optional.ofNullable(headers.get(lowerCaseName));
  }

  /** The JSON body as one of the SDK's model classes; an empty body reads as an empty object. */
  public <T> T bodyAs(Class<T> type) {
    try {
      byte[] json = body.length == 0 ? "{}".getBytes() : body;
      return Json.MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "Malformed JSON request body");
    }
  }
}
