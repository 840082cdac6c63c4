package dev.databricksmcp.server.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.core.http.Request;
import com.databricks.sdk.core.http.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SDK rebuilds a URL that has query parameters from its decoded path; moving the query into the
 * URL first keeps a percent-encoded name segment encoded on the wire.
 */
class PathPreservingHttpClientTest {
  private final List<String> sent = new ArrayList<>();
  private final List<Response> answers = new ArrayList<>();
  private final PathPreservingHttpClient client =
      new PathPreservingHttpClient(
          request -> {
            sent.add(request.getUri().toString());
            answers.add(new Response(request, 200, "OK", java.util.Map.of()));
            return answers.get(answers.size() - 1);
          });

  @Test
  void anEncodedSegmentSurvivesQueryParameters() throws Exception {
    Request delete =
        new Request("DELETE", "http://127.0.0.1:1/api/2.1/unity-catalog/schemas/main.odd%3F%23%25")
            .withQueryParam("force", "true");
    Response answer = client.execute(delete);
    assertThat(sent)
        .containsExactly(
            "http://127.0.0.1:1/api/2.1/unity-catalog/schemas/main.odd%3F%23%25?force=true");
    assertThat(answer).as("the answer of the client underneath").isSameAs(answers.get(0));
    assertThat(delete.getQuery()).isEmpty();
  }

  @Test
  void withoutTheRepairTheSdkWouldHaveDecodedIt() throws Exception {
    Request delete =
        new Request("DELETE", "http://127.0.0.1:1/api/2.1/x/main.odd%3Fy")
            .withQueryParam("force", "true");
    assertThat(delete.getUri().getPath())
        .as("the SDK's own URI: the name's tail became a query")
        .isEqualTo("/api/2.1/x/main.odd");
  }

  @Test
  void aRetriedRequestDoesNotGetItsQueryTwiceAndAnExistingQueryIsExtended() throws Exception {
    Request get =
        new Request("GET", "http://127.0.0.1:1/api/x?a=1").withQueryParam("b", "two words");
    client.execute(get);
    client.execute(get);
    assertThat(sent)
        .containsExactly(
            "http://127.0.0.1:1/api/x?a=1&b=two+words", "http://127.0.0.1:1/api/x?a=1&b=two+words");
  }

  @Test
  void aRequestWithoutQueryIsPassedOnUntouched() throws Exception {
    Request get = new Request("GET", "http://127.0.0.1:1/api/2.1/unity-catalog/tables/a.b.c%25");
    client.execute(get);
    assertThat(sent).containsExactly("http://127.0.0.1:1/api/2.1/unity-catalog/tables/a.b.c%25");
  }
}
