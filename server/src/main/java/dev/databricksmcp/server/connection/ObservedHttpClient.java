package dev.databricksmcp.server.connection;

import com.databricks.sdk.core.http.HttpClient;
import com.databricks.sdk.core.http.Request;
import com.databricks.sdk.core.http.Response;
import java.io.IOException;
import java.net.URI;

/** The SDK's HTTP client, telling a {@link DatabricksCallObserver} about every request. */
final class ObservedHttpClient implements HttpClient {
  static final String REQUEST_ID_HEADER = "x-request-id";

  private final HttpClient delegate;
  private final DatabricksCallObserver observer;

  ObservedHttpClient(HttpClient delegate, DatabricksCallObserver observer) {
    this.delegate = delegate;
    this.observer = observer;
  }

  @Override
  public Response execute(Request request) throws IOException {
    DatabricksCallObserver.Call call =
        observer.started(request.getMethod(), ApiPathTemplates.template(path(request.getUrl())));
    Response response;
    try {
      response = delegate.execute(request);
    } catch (IOException | RuntimeException | Error failure) {
      call.ended(0, null, failure);
      throw failure;
    }
    call.ended(response.getStatusCode(), response.getFirstHeader(REQUEST_ID_HEADER), null);
    return response;
  }

  /** The URL's path, still percent-encoded; "" when the URL cannot be read. */
  private static String path(String url) {
    try {
      String path = URI.create(url).getRawPath();
      return path == null ? "" : path;
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
