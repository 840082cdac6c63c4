package dev.databricksmcp.server.connection;

import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.commons.CommonsHttpClient;
import com.databricks.sdk.core.error.ApiErrors;
import com.databricks.sdk.core.http.HttpClient;
import com.databricks.sdk.core.http.Request;
import com.databricks.sdk.core.http.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.apache.http.HttpRequest;
import org.apache.http.impl.client.DefaultHttpRequestRetryHandler;

/**
 * The Databricks SDK's HTTP client with one change: a request that changes something is never sent
 * twice when the first may have been carried out.
 *
 * <p>The SDK (0.141.0, {@code ApiClient} with {@code NonIdempotentRequestRetryStrategy}) sends a
 * POST, PUT, PATCH or DELETE again on 429, 501 and 503, and on failures to connect. 429 and 501
 * refuse the request, and a failed connection sent nothing; but a 503 can come from a proxy that
 * lost the answer of a request Databricks did carry out, and the retry then runs it twice (an
 * INSERT twice, say). So here a 503 to such a request becomes a failure the SDK does not retry —
 * unless it carries Retry-After, a server's deliberate "not now". Below the SDK, Apache
 * HttpClient's own retry handler resends a DELETE whose connection broke after it was sent (it
 * counts DELETE as idempotent); here it resends only GET, HEAD and OPTIONS after sending, so a
 * repeated DELETE cannot answer "not found" for the object the first one deleted.
 */
public final class WriteRetryGuard implements HttpClient {
  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
  private static final int UNAVAILABLE = 503;

  private final DatabricksConfig config;
  private HttpClient delegate;

  private WriteRetryGuard(DatabricksConfig config, HttpClient delegate) {
    this.config = config;
    this.delegate = delegate;
  }

  /** The guard around the SDK's own client for {@code config}, built on first use. */
  static WriteRetryGuard forConfig(DatabricksConfig config) {
    return new WriteRetryGuard(config, null);
  }

  /** Around a given client (tests). */
  static WriteRetryGuard around(HttpClient delegate) {
    return new WriteRetryGuard(null, delegate);
  }

  @Override
  public Response execute(Request in) throws IOException {
    Response response = delegate().execute(in);
    if (response.getStatusCode() != UNAVAILABLE
        || READS.contains(in.getMethod())
        || response.getFirstHeader("Retry-After") != null) {
      return response;
    }
    DatabricksError error = ApiErrors.getDatabricksError(response);
    closeQuietly(response.getBody());
    throw new UnconfirmedRequestException(in.getMethod() + " " + in.getUri().getPath(), error);
  }

  /**
   * Built on first use, as the SDK builds its own: by then the configuration is resolved, so its
   * HTTP timeout from the environment or profile applies. A lock per request costs nothing next to
   * the request itself.
   */
  private synchronized HttpClient delegate() {
    if (delegate == null) {
      delegate =
          new CommonsHttpClient.Builder()
              .withDatabricksConfig(config)
              .withRequestRetryHandler(new ResendOnlyReads())
              .build();
    }
    return delegate;
  }

  private static void closeQuietly(InputStream body) {
    if (body == null) {
      return;
    }
    try {
      body.close();
    } catch (IOException e) {
      // the connection is released either way
    }
  }

  /**
   * A 503 to a request that may have been carried out. An IOException so that the SDK treats it as
   * a failed exchange, which it does not retry for such requests.
   */
  public static final class UnconfirmedRequestException extends IOException {
    UnconfirmedRequestException(String request, DatabricksError answer) {
      super(
          "Databricks answered HTTP 503 to "
              + request
              + " ("
              + answer.getMessage()
              + "); the request may have been "
              + "carried out, so it was not sent again",
          answer);
    }
  }

  /**
   * Apache HttpClient's default retries (3, not after sending), but only reads count as idempotent.
   */
  static final class ResendOnlyReads extends DefaultHttpRequestRetryHandler {
    ResendOnlyReads() {
      super(3, false);
    }

    @Override
    protected boolean handleAsIdempotent(HttpRequest request) {
      return READS.contains(request.getRequestLine().getMethod());
    }
  }
}
