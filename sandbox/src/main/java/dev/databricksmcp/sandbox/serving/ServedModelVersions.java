package dev.databricksmcp.sandbox.serving;

import java.util.Set;

/**
 * Which Unity Catalog model versions a served entity may point at: the serving area asks it when an
 * endpoint's configuration is built, and a version it does not know fails the build (config update
 * UPDATE_FAILED, the reason in the build logs). The area is given one in its constructor, so the
 * registered models' own state can answer once it is there.
 */
@FunctionalInterface
public interface ServedModelVersions {
  /** Whether {@code fullName} (catalog.schema.model, lower-case) has a version {@code version}. */
  boolean exists(String fullName, String version);

  /**
   * Until the registered models are served: the seeded {@code main.default.churn_model}, versions 1
   * to 3, and nothing else.
   */
  static ServedModelVersions seededChurnModel() {
    Set<String> versions = Set.of("1", "2", "3");
    return (fullName, version) ->
        "main.default.churn_model".equals(fullName) && versions.contains(version);
  }
}
