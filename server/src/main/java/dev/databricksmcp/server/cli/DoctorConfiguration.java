package dev.databricksmcp.server.cli;

import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.DatabricksException;
import dev.databricksmcp.server.connection.ConnectionCheck;
import dev.databricksmcp.server.core.Redactor;
import dev.databricksmcp.server.transport.HttpSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration doctor checks, and where it came from: {@code --profile}, the environment, or
 * the SDK's default profile, in which file. Resolved by the Databricks SDK as the server resolves
 * it, from the variables the command was given (which the tests choose), never printing a value
 * that is secret (the names of the variables set, not their values).
 */
final class DoctorConfiguration {
  /** The variables of the SDK's unified configuration that doctor passes on, by their setters. */
  private static final List<String> VARIABLES =
      List.of(
          "DATABRICKS_HOST",
          "DATABRICKS_TOKEN",
          "DATABRICKS_CLIENT_ID",
          "DATABRICKS_CLIENT_SECRET",
          "DATABRICKS_AUTH_TYPE",
          "DATABRICKS_CONFIG_PROFILE",
          "DATABRICKS_CONFIG_FILE");

  private DoctorConfiguration() {}

  /** The resolved configuration (and a ✓ line), or null (and a ✗ line saying what to set). */
  static DatabricksConfig resolve(
      String profileOption, Map<String, String> env, List<DoctorChecks.Check> checks) {
    String name = "configuration";
    String profile = profileOption != null ? profileOption : set(env, "DATABRICKS_CONFIG_PROFILE");
    String via = profileOption != null ? "--profile" : "DATABRICKS_CONFIG_PROFILE";
    Path file = configFile(env);
    String source;
    if (profile != null) {
      Optional<List<String>> profiles = profiles(file);
      if (profiles.isEmpty()) {
        checks.add(
            DoctorChecks.Check.fail(
                name,
                "profile '" + profile + "' (" + via + ") but " + file + " does not exist",
                "create the profile: databricks auth login --host <workspace URL> --profile "
                    + profile
                    + " (or set DATABRICKS_CONFIG_FILE to the file that has it)"));
        return null;
      }
      if (!profiles.get().contains(profile)) {
        checks.add(
            DoctorChecks.Check.fail(
                name,
                "profile '"
                    + profile
                    + "' ("
                    + via
                    + ") is not in "
                    + file
                    + "; its profiles: "
                    + (profiles.get().isEmpty() ? "none" : String.join(", ", profiles.get())),
                "name one of those with --profile, or create it: databricks auth login --host"
                    + " <workspace URL> --profile "
                    + profile));
        return null;
      }
      source = "profile '" + profile + "' in " + file + " (" + via + ")";
    } else if (set(env, "DATABRICKS_HOST") != null) {
      List<String> names = new ArrayList<>();
      VARIABLES.stream().filter(v -> set(env, v) != null).forEach(names::add);
      source = "the environment (" + String.join(", ", names) + ")";
    } else {
      Optional<String> missing = ConnectionCheck.missingConfiguration(env, null);
      if (missing.isPresent()) {
        checks.add(
            DoctorChecks.Check.fail(
                name,
                "no Databricks workspace is configured",
                missing.get().replace("\n", " ").replaceAll(" +", " ")));
        return null;
      }
      source = "profile 'DEFAULT' in " + file + " (the SDK's default)";
    }
    DatabricksConfig config = new DatabricksConfig();
    config.setProfile(profile);
    config.setConfigFile(file.toString());
    config.setHost(set(env, "DATABRICKS_HOST"));
    config.setToken(set(env, "DATABRICKS_TOKEN"));
    config.setClientId(set(env, "DATABRICKS_CLIENT_ID"));
    config.setClientSecret(set(env, "DATABRICKS_CLIENT_SECRET"));
    config.setAuthType(set(env, "DATABRICKS_AUTH_TYPE"));
    try {
      config.resolve();
      Redactor.registerSecret(config.getToken());
      Redactor.registerSecret(config.getClientSecret());
    } catch (DatabricksException e) {
      checks.add(
          DoctorChecks.Check.fail(
              name,
              "the Databricks SDK cannot read " + source + ": " + Redactor.redact(e.getMessage()),
              "fix that profile or those variables (see README, Configuration)"));
      return null;
    }
    if (config.getHost() == null) {
      checks.add(
          DoctorChecks.Check.fail(
              name,
              source + " names no workspace host",
              "add host = https://<workspace>.cloud.databricks.com to the profile, or set"
                  + " DATABRICKS_HOST"));
      return null;
    }
    checks.add(DoctorChecks.Check.pass(name, config.getHost() + " from " + source));
    return config;
  }

  /** The HTTP settings serve would refuse, as serve refuses them (HttpSettings.checkExposure). */
  static DoctorChecks.Check http(
      ServeOptions serve, CommonOptions common, Map<String, String> env) {
    if (serve.transport == ServeOptions.Transport.stdio) {
      return DoctorChecks.Check.pass(
          "HTTP", "not used: stdio (give --transport http and its options to check them)");
    }
    try {
      HttpSettings http = serve.httpSettings();
      http.checkExposure(env);
      if (common.dynamicToolsets && http.stateless()) {
        return DoctorChecks.Check.fail(
            "HTTP",
            "--dynamic-toolsets with --stateless is refused",
            "choose the toolsets with --toolsets instead of --dynamic-toolsets");
      }
      return DoctorChecks.Check.pass(
          "HTTP",
          "http://" + http.host() + ":" + http.port() + " with --auth " + serve.auth + ": allowed");
    } catch (IllegalArgumentException | UsageProblem e) {
      return DoctorChecks.Check.fail(
          "HTTP", "serve would refuse these settings", Redactor.redact(e.getMessage()));
    }
  }

  /** DATABRICKS_CONFIG_FILE, else ~/.databrickscfg, as the SDK and ConnectionCheck find it. */
  private static Path configFile(Map<String, String> env) {
    String file = set(env, "DATABRICKS_CONFIG_FILE");
    if (file != null) {
      return Path.of(file.replaceFirst("^~", System.getProperty("user.home")));
    }
    return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".databrickscfg");
  }

  /** The profile names of an INI file, empty when there is no such file. */
  private static Optional<List<String>> profiles(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      List<String> names = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        String t = line.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
          names.add(t.substring(1, t.length() - 1).trim());
        }
      }
      return Optional.of(names);
    } catch (IOException e) {
      return Optional.of(List.of());
    }
  }

  private static String set(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }
}
