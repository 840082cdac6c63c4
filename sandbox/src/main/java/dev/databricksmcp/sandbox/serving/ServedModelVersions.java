package dev.databricksmcp.sandbox.serving;

/**
 * Which Unity Catalog model versions a served entity may point at: the serving area asks it when an
 * endpoint's configuration is built, and a version it does not know fails the build (config update
 * UPDATE_FAILED, the reason in the build logs). By default the sandbox's registered models answer;
 * a test may pass its own.
 */
@FunctionalInterface
public interface ServedModelVersions {
  /** Whether {@code fullName} (catalog.schema.model, lower-case) has a version {@code version}. */
  boolean exists(String fullName, String version);
}
