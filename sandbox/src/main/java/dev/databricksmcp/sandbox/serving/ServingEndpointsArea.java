package dev.databricksmcp.sandbox.serving;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.state.StateRegistry;

/**
 * Model serving endpoints, building in {@code SandboxOptions.clusterTransitionMillis} (serving runs
 * on compute too). Which Unity Catalog model versions exist is asked of a {@link
 * ServedModelVersions}: by default the seeded {@code main.default.churn_model} versions 1 to 3.
 */
public final class ServingEndpointsArea implements ApiArea {
  private final ServedModelVersions versions;

  public ServingEndpointsArea() {
    this(ServedModelVersions.seededChurnModel());
  }

  public ServingEndpointsArea(ServedModelVersions versions) {
    this.versions = versions;
  }

  @Override
  public ApiModule build(StateRegistry r) {
    return new ServingEndpointsApi(
        r.register(new ServingEndpoints(r.options().clusterTransitionMillis(), versions)));
  }
}
