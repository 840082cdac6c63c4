package dev.databricksmcp.server.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.http.Request;
import com.databricks.sdk.service.catalog.GetTableRequest;
import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.auth.Identities;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every request a workspace client sends is told to the observer, as a template and a status. */
class ObservedHttpClientTest {
  private static Sandbox sandbox;
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final DatabricksCallObserver recording =
      (method, path) -> {
        String thread = Thread.currentThread().getName();
        return (status, requestId, failure) -> {
          assertThat(Thread.currentThread().getName())
              .as("ended on the sending thread")
              .isEqualTo(thread);
          seen.add(
              method
                  + " "
                  + path
                  + " "
                  + status
                  + (failure == null ? "" : " " + failure.getClass().getSimpleName()));
        };
      };

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.inMemory());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private WorkspaceClient client(String host, String token) {
    return new WorkspaceClient(
        SdkHttp.install(
            new DatabricksConfig()
                .setHost(host)
                .setToken(token)
                .setAuthType("pat")
                .setDisableRetries(true),
            recording));
  }

  @Test
  void aSuccessAndARefusalAreToldWithTheirTemplateAndStatus() {
    WorkspaceClient client = client(sandbox.host(), Identities.ADMIN_TOKEN);
    client.tables().get(new GetTableRequest().setFullName("samples.nyctaxi.trips"));
    assertThatThrownBy(
        () -> client.tables().get(new GetTableRequest().setFullName("samples.nyctaxi.nope")));
    // before the first call the SDK reads the host's metadata: those requests are told too
    assertThat(seen)
        .contains("GET /.well-known/databricks-config 200")
        .endsWith(
            "GET /api/2.1/unity-catalog/tables/{full_name} 200",
            "GET /api/2.1/unity-catalog/tables/{full_name} 404");
    assertThat(String.join("\n", seen)).doesNotContain("nyctaxi");
  }

  @Test
  void aRequestThatGetsNoAnswerIsToldWithItsFailureAndTheFailureIsPassedOn() {
    IOException refused = new IOException("Connection refused");
    ObservedHttpClient client =
        new ObservedHttpClient(
            request -> {
              throw refused;
            },
            recording);
    Request get = new Request("GET", "http://127.0.0.1:1/api/2.1/clusters/get?cluster_id=0101-abc");
    assertThatThrownBy(() -> client.execute(get)).isSameAs(refused);
    assertThat(seen).containsExactly("GET /api/2.1/clusters/get 0 IOException");
  }
}
