package dev.databricksmcp.server.connection;

import java.util.List;

/**
 * Told about each HTTP request the SDK sends to Databricks (each attempt of a retried call), for
 * metrics and traces. Sees the method and the path as a template ({@link ApiPathTemplates}), never
 * a name, an id, a body or a header value other than the request id.
 */
@FunctionalInterface
public interface DatabricksCallObserver {
  /**
   * Called on the thread that sends the request, before it goes out; the answer is ended exactly
   * once, on the same thread, when the response or the failure is known.
   */
  Call started(String method, String pathTemplate);

  /** One request in flight. */
  @FunctionalInterface
  interface Call {
    /**
     * @param status the HTTP status, 0 when no response came
     * @param requestId Databricks' x-request-id when the response carried one, else null
     * @param failure why no response came, else null
     */
    void ended(int status, String requestId, Throwable failure);
  }

  Call IGNORED = (status, requestId, failure) -> {};

  DatabricksCallObserver NONE = (method, path) -> IGNORED;

  /** All of {@code observers}, in order; ended in reverse order, so scopes nest. */
  static DatabricksCallObserver all(List<DatabricksCallObserver> observers) {
    List<DatabricksCallObserver> list = List.copyOf(observers);
    if (list.isEmpty()) {
      return NONE;
    }
    if (list.size() == 1) {
      return list.get(0);
    }
    return (method, path) -> {
      Call[] calls = new Call[list.size()];
      for (int i = 0; i < calls.length; i++) {
        calls[i] = list.get(i).started(method, path);
      }
      return (status, requestId, failure) -> {
        for (int i = calls.length - 1; i >= 0; i--) {
          calls[i].ended(status, requestId, failure);
        }
      };
    };
  }
}
