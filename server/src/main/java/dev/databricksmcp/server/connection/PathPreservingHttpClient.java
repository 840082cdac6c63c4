package dev.databricksmcp.server.connection;

import com.databricks.sdk.core.http.HttpClient;
import com.databricks.sdk.core.http.Request;
import com.databricks.sdk.core.http.Response;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The SDK's own HTTP client with one repair. When a request has query parameters, the SDK (0.141)
 * rebuilds its URL from the decoded path, so a percent-encoded name segment ({@code my%3Fschema})
 * is sent decoded ({@code my?schema}) and the name's tail becomes a query string: another object,
 * or another API. Moving the query into the URL first keeps the path exactly as it was encoded (see
 * {@link dev.databricksmcp.server.core.Names#path}).
 */
final class PathPreservingHttpClient implements HttpClient {
  private final HttpClient delegate;

  PathPreservingHttpClient(HttpClient delegate) {
    this.delegate = delegate;
  }

  @Override
  public Response execute(Request request) throws IOException {
    Map<String, List<String>> query = request.getQuery();
    if (!query.isEmpty()) {
      String url = request.getUrl();
      request.withUrl(url + (url.contains("?") ? '&' : '?') + QueryEncoding.of(query));
      // a retry of this same request then finds the query in the URL already, and adds nothing
      query.clear();
    }
    return delegate.execute(request);
  }

  /** The SDK's own query encoding, reached through its protected helper. */
  private static final class QueryEncoding extends Request {
    private QueryEncoding() {
      super(GET, "");
    }

    static String of(Map<String, List<String>> query) {
      return mapToQuery(query);
    }
  }
}
