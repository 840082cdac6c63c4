package dev.databricksmcp.sandbox.http;

/**
 * Handles one route. Returns the response body (an SDK model object, a Map, or {@link ApiResponse}
 * for a non-200 status or raw bytes); throws {@link ApiException} for API errors.
 */
@FunctionalInterface
public interface RouteHandler {
  Object handle(ApiRequest request) throws Exception;
}
