package dev.databricksmcp.sandbox.uc;

/**
 * A state holding securables that Unity Catalog's permissions API addresses as {@code FUNCTION}:
 * functions, and registered models, which Databricks grants on as functions ({@code GRANT EXECUTE
 * ON FUNCTION main.default.model}; the SDK's {@code SecurableType} has no model type). Found in the
 * registry, so the grants API knows every kind without a list to keep in step.
 */
public interface FunctionNamespace {
  /** Whether it holds the securable of this lower-case full name. */
  boolean holdsFunction(String fullName);
}
