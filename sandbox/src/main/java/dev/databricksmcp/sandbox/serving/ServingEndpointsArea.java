package dev.databricksmcp.sandbox.serving;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.state.StateRegistry;
import java.util.function.Function;

/**
 * Model serving endpoints, building in {@code SandboxOptions.clusterTransitionMillis} (serving runs
 * on compute too). Which Unity Catalog model versions exist is asked of a {@link
 * ServedModelVersions}, taken from the registry when the area is built: by default the seeded
 * {@code main.default.churn_model} versions 1 to 3. Serving the registered models' own state is one
 * line here (the default constructor's function) and its class in {@link #needs()}.
 */
public final class ServingEndpointsArea implements ApiArea {
  private final Function<StateRegistry, ServedModelVersions> versions;

  public ServingEndpointsArea() {
    this(registry -> ServedModelVersions.seededChurnModel());
  }

  /** With these versions, whatever the registry holds (tests). */
  public ServingEndpointsArea(ServedModelVersions versions) {
    this(registry -> versions);
  }

  private ServingEndpointsArea(Function<StateRegistry, ServedModelVersions> versions) {
    this.versions = versions;
  }

  @Override
  public ApiModule build(StateRegistry r) {
    return new ServingEndpointsApi(
        r.register(new ServingEndpoints(r.options().clusterTransitionMillis(), versions.apply(r))));
  }
}
