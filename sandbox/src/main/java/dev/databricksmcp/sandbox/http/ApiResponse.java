package dev.databricksmcp.sandbox.http;

import java.util.Map;

/** A response with an explicit status, content type or headers; plain objects are 200 JSON. */
public record ApiResponse(
    int status, Object body, String contentType, Map<String, String> headers) {
  public static ApiResponse json(int status, Object body) {
    return new ApiResponse(status, body, "application/json", Map.of());
  }

  public static ApiResponse bytes(byte[] body, String contentType) {
    return new ApiResponse(200, body, contentType, Map.of());
  }

  public static ApiResponse empty() {
    return new ApiResponse(200, Map.of(), "application/json", Map.of());
  }
}
