package dev.databricksmcp.sandbox.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test as a contract test of one sandbox route, built from the Databricks documentation
 * page {@link #doc()}. {@link RouteCoverageTest} fails for a route no contract test names, and for
 * a contract that names a route the sandbox does not serve.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Contract.List.class)
public @interface Contract {
  /**
   * The route exactly as the sandbox's router declares it: method, a space, the pattern, e.g.
   * {@code "GET /api/2.1/unity-catalog/catalogs/{name}"}.
   */
  String value();

  /** The documentation page (or, where the docs are silent, the SDK source) the test follows. */
  String doc();

  /** Several routes covered by one test. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface List {
    Contract[] value();
  }
}
