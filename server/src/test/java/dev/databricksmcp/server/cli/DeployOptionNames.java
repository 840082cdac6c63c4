package dev.databricksmcp.server.cli;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The environment variables a deployment file may set: the server's options' own (declared once, in
 * {@link CommonOptions} and {@link ServeOptions}) and the Databricks SDK's connection variables.
 */
final class DeployOptionNames {
  /** Read by the Databricks SDK (docs.databricks.com/aws/en/dev-tools/auth/unified-auth). */
  static final Set<String> SDK_VARIABLES =
      Set.of(
          "DATABRICKS_HOST",
          "DATABRICKS_TOKEN",
          "DATABRICKS_CLIENT_ID",
          "DATABRICKS_CLIENT_SECRET");

  private DeployOptionNames() {}

  static Set<String> environmentVariables() {
    Set<String> names = new TreeSet<>(SDK_VARIABLES);
    Stream.concat(CommonOptions.SPECS.stream(), ServeOptions.SPECS.stream())
        .map(OptionSpec::env)
        .filter(env -> env != null)
        .forEach(names::add);
    return names;
  }
}
