package dev.databricksmcp.sandbox.serving;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.permissions.AclObjectType;
import dev.databricksmcp.sandbox.permissions.ObjectAcls;
import dev.databricksmcp.sandbox.state.SandboxState;
import dev.databricksmcp.sandbox.state.StateRegistry;
import dev.databricksmcp.sandbox.uc.RegisteredModels;
import java.util.List;
import java.util.function.Function;

/**
 * Model serving endpoints, building in {@code SandboxOptions.clusterTransitionMillis} (serving runs
 * on compute too). Which Unity Catalog model versions exist is asked of a {@link
 * ServedModelVersions}: by default the sandbox's registered models, so a version created, deleted
 * or never there is what a build finds.
 */
public final class ServingEndpointsArea implements ApiArea {
  private final Function<StateRegistry, ServedModelVersions> versions;

  public ServingEndpointsArea() {
    this(
        registry -> {
          RegisteredModels models = registry.get(RegisteredModels.class);
          return (fullName, version) ->
              version.matches("\\d{1,18}")
                  && models.version(fullName, Long.parseLong(version)).isPresent();
        });
  }

  /** With these versions, whatever the registry holds (tests). */
  public ServingEndpointsArea(ServedModelVersions versions) {
    this(registry -> versions);
  }

  private ServingEndpointsArea(Function<StateRegistry, ServedModelVersions> versions) {
    this.versions = versions;
  }

  @Override
  public List<Class<? extends SandboxState>> needs() {
    return List.of(RegisteredModels.class);
  }

  @Override
  public ApiModule build(StateRegistry r) {
    ServingEndpoints endpoints =
        r.register(new ServingEndpoints(r.options().clusterTransitionMillis(), versions.apply(r)));
    // the Permissions API names an endpoint by its id, not by its name
    r.get(ObjectAcls.class)
        .track(
            AclObjectType.SERVING_ENDPOINTS,
            id ->
                endpoints.list().stream()
                    .filter(e -> id.equals(e.getId()))
                    .findFirst()
                    .map(e -> ObjectAcls.Tracked.createdBy(e.getCreator())));
    return new ServingEndpointsApi(endpoints);
  }
}
