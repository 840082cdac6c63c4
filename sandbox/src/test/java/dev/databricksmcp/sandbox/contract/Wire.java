package dev.databricksmcp.sandbox.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Plain HTTP to the sandbox, as any client sends it: no SDK in between, so the tests see the wire
 * shape itself (field names, JSON types, omitted vs null) and the exact status.
 */
final class Wire {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final String host;
  private final String token;

  Wire(String host, String token) {
    this.host = host;
    this.token = token;
  }

  /** The same sandbox with another principal's bearer token. */
  Wire as(String otherToken) {
    return new Wire(host, otherToken);
  }

  /** The same sandbox without any Authorization header. */
  Wire anonymous() {
    return new Wire(host, null);
  }

  Reply get(String path) {
    return send("GET", path, null, null);
  }

  Reply post(String path, String json) {
    return send("POST", path, "application/json", json);
  }

  Reply patch(String path, String json) {
    return send("PATCH", path, "application/json", json);
  }

  Reply delete(String path) {
    return send("DELETE", path, null, null);
  }

  /** Any request; {@code body} null sends none. */
  Reply send(String method, String path, String contentType, String body) {
    return send(method, path, contentType, body, java.util.Map.of());
  }

  /** Any request with extra headers (e.g. {@code Range}). */
  Reply send(
      String method,
      String path,
      String contentType,
      String body,
      java.util.Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(host + path))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(
          method,
          host + path,
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(null),
          response.headers().map(),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** A path with URL-encoded query parameters: {@code query("/x", "a", "1", "b", "2")}. */
  static String query(String path, String... namesAndValues) {
    StringBuilder out = new StringBuilder(path);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      out.append(i == 0 ? '?' : '&')
          .append(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  /** One path segment, URL-encoded (Unity Catalog names may hold characters a path cannot). */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
