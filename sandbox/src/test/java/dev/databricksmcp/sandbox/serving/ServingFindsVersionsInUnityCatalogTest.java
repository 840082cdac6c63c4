package dev.databricksmcp.sandbox.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.service.catalog.DeleteModelVersionRequest;
import com.databricks.sdk.service.serving.CreateServingEndpoint;
import com.databricks.sdk.service.serving.EndpointCoreConfigInput;
import com.databricks.sdk.service.serving.EndpointStateConfigUpdate;
import com.databricks.sdk.service.serving.EndpointStateReady;
import com.databricks.sdk.service.serving.GetServingEndpointRequest;
import com.databricks.sdk.service.serving.ServedEntityInput;
import com.databricks.sdk.service.serving.ServingEndpointDetailed;
import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.auth.Identities;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Serving asks Unity Catalog, not a fixed list: a version deleted through the model versions API
 * fails the build of an endpoint that serves it, while a version still there builds READY.
 */
@Timeout(60)
class ServingFindsVersionsInUnityCatalogTest {
  private static final String MODEL = "main.default.churn_model";
  private static Sandbox sandbox;
  private static WorkspaceClient w;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(new SandboxOptions(0, null, 100, 100));
    w =
        new WorkspaceClient(
            new DatabricksConfig()
                .setHost(sandbox.host())
                .setToken(Identities.ADMIN_TOKEN)
                .setAuthType("pat"));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void aDeletedVersionFailsTheBuildAndAKeptOneIsServed() throws Exception {
    w.modelVersions().delete(new DeleteModelVersionRequest().setFullName(MODEL).setVersion(1L));

    ServingEndpointDetailed gone = settled(create("serves-deleted", "1"));
    assertThat(gone.getState().getConfigUpdate())
        .isEqualTo(EndpointStateConfigUpdate.UPDATE_FAILED);
    assertThat(gone.getState().getReady()).isEqualTo(EndpointStateReady.NOT_READY);

    ServingEndpointDetailed kept = settled(create("serves-kept", "2"));
    assertThat(kept.getState().getReady()).isEqualTo(EndpointStateReady.READY);
  }

  private static String create(String name, String version) {
    w.servingEndpoints()
        .create(
            new CreateServingEndpoint()
                .setName(name)
                .setConfig(
                    new EndpointCoreConfigInput()
                        .setServedEntities(
                            List.of(
                                new ServedEntityInput()
                                    .setEntityName(MODEL)
                                    .setEntityVersion(version)
                                    .setWorkloadSize("Small")
                                    .setScaleToZeroEnabled(true)))));
    return name;
  }

  /** The endpoint once its config update is no longer IN_PROGRESS. */
  private static ServingEndpointDetailed settled(String name) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      ServingEndpointDetailed e =
          w.servingEndpoints().get(new GetServingEndpointRequest().setName(name));
      if (e.getState().getConfigUpdate() != EndpointStateConfigUpdate.IN_PROGRESS) {
        return e;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(name + " still updating");
  }
}
