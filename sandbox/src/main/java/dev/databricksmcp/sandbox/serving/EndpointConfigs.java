package dev.databricksmcp.sandbox.serving;

import com.databricks.sdk.service.serving.EndpointCoreConfigInput;
import com.databricks.sdk.service.serving.FoundationModel;
import com.databricks.sdk.service.serving.Route;
import com.databricks.sdk.service.serving.ServedEntityInput;
import com.databricks.sdk.service.serving.ServedEntityOutput;
import com.databricks.sdk.service.serving.TrafficConfig;
import dev.databricksmcp.sandbox.http.ApiException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An endpoint's requested configuration checked as create-inference-endpoint.md and
 * put-inference-endpoint-config.md describe it, and turned into the served entities the endpoint
 * shows. Refusals are 400 INVALID_PARAMETER_VALUE naming the field.
 *
 * <p>Where the reference is silent the sandbox chooses: {@code workload_size} defaults to Small and
 * must be Small, Medium or Large (the documented sizes; no custom sizes here); a served entity's
 * default name is the model's own name (the last part of a Unity Catalog name) and its version,
 * {@code churn_model-2}, since a served entity name allows only letters, digits, dashes and
 * underscores; without {@code traffic_config} a single entity takes all the traffic and several
 * entities are refused; a Unity Catalog version that does not exist is not refused here but fails
 * the endpoint's build (UPDATE_FAILED, the reason in the build logs).
 */
final class EndpointConfigs {
  /** Endpoint and served entity names: alphanumeric, dashes and underscores, 1 to 63. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,63}");

  private static final Pattern UC_NAME = Pattern.compile("[^.\\s]+\\.[^.\\s]+\\.[^.\\s]+");
  private static final Set<String> SIZES = Set.of("Small", "Medium", "Large");

  /** At most ten served entities per endpoint (the Serving Endpoints API's overview). */
  static final int MAX_ENTITIES = 10;

  private EndpointConfigs() {}

  /** What a valid configuration becomes: served entities, traffic and the endpoint's task. */
  record Checked(List<ServedEntityOutput> entities, TrafficConfig traffic, String task) {}

  static void requireName(String name) {
    if (name == null || name.isEmpty()) {
      throw ApiException.invalid("Missing required field: name");
    }
    if (!NAME.matcher(name).matches()) {
      throw ApiException.invalid(
          "Invalid endpoint name '"
              + name
              + "': an endpoint name can consist of alphanumeric characters, dashes, and"
              + " underscores, at most 63 characters.");
    }
  }

  static Checked check(EndpointCoreConfigInput config, String user, long now) {
    if (config == null) {
      throw ApiException.invalid("Missing required field: config");
    }
    if (config.getServedModels() != null && !config.getServedModels().isEmpty()) {
      throw ApiException.invalid(
          "served_models is deprecated and not served by the sandbox; use served_entities");
    }
    List<ServedEntityInput> given =
        config.getServedEntities() == null ? List.of() : List.copyOf(config.getServedEntities());
    if (given.isEmpty()) {
      throw ApiException.invalid("Missing required field: config.served_entities");
    }
    if (given.size() > MAX_ENTITIES) {
      throw ApiException.invalid("An endpoint can serve at most " + MAX_ENTITIES + " entities");
    }
    List<ServedEntityOutput> entities = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<String> tasks = new HashSet<>();
    for (int i = 0; i < given.size(); i++) {
      ServedEntityOutput out = entity(given.get(i), "config.served_entities[" + i + "]");
      if (!names.add(out.getName())) {
        throw ApiException.invalid("Served entity name '" + out.getName() + "' is not unique");
      }
      tasks.add(
          out.getFoundationModel() == null
              ? ""
              : FoundationModels.named(out.getEntityName()).orElseThrow().task());
      entities.add(out.setCreator(user).setCreationTimestamp(now));
    }
    if (tasks.size() > 1) {
      throw ApiException.invalid(
          "All served entities of an endpoint must have the same task; got " + tasks);
    }
    String task = tasks.iterator().next();
    return new Checked(
        entities, traffic(config.getTrafficConfig(), entities), task.isEmpty() ? null : task);
  }

  private static ServedEntityOutput entity(ServedEntityInput in, String field) {
    if (in.getExternalModel() != null) {
      throw ApiException.invalid(field + ".external_model is not served by the sandbox");
    }
    String entityName = in.getEntityName();
    if (entityName == null || entityName.isEmpty()) {
      throw ApiException.invalid("Missing required field: " + field + ".entity_name");
    }
    ServedEntityOutput out =
        new ServedEntityOutput()
            .setScaleToZeroEnabled(Boolean.TRUE.equals(in.getScaleToZeroEnabled()))
            .setEnvironmentVars(in.getEnvironmentVars());
    String defaultName;
    FoundationModels foundation = FoundationModels.named(entityName).orElse(null);
    if (foundation != null) {
      out.setEntityName(entityName)
          .setFoundationModel(
              new FoundationModel()
                  .setName(foundation.name())
                  .setDisplayName(foundation.displayName()));
      defaultName = entityName;
    } else {
      if (!UC_NAME.matcher(entityName).matches()) {
        throw ApiException.invalid(
            field
                + ".entity_name '"
                + entityName
                + "' is neither a Unity Catalog model (catalog.schema.model) nor a foundation"
                + " model this workspace serves");
      }
      String version = in.getEntityVersion();
      if (version == null || !version.matches("[1-9][0-9]{0,9}")) {
        throw ApiException.invalid(
            version == null
                ? "Missing required field: " + field + ".entity_version"
                : field + ".entity_version must be a model version number, got '" + version + "'");
      }
      String fullName = entityName.toLowerCase(Locale.ROOT);
      String size = in.getWorkloadSize() == null ? "Small" : in.getWorkloadSize();
      if (!SIZES.contains(size)) {
        throw ApiException.invalid(
            field + ".workload_size must be Small, Medium or Large, got '" + size + "'");
      }
      out.setEntityName(fullName).setEntityVersion(version).setWorkloadSize(size);
      defaultName = fullName.substring(fullName.lastIndexOf('.') + 1) + "-" + version;
    }
    String name = in.getName() == null || in.getName().isEmpty() ? defaultName : in.getName();
    if (!NAME.matcher(name).matches()) {
      throw ApiException.invalid(
          field
              + ".name '"
              + name
              + "' is invalid: a served entity name can consist of alphanumeric characters,"
              + " dashes, and underscores");
    }
    return out.setName(name);
  }

  private static TrafficConfig traffic(TrafficConfig given, List<ServedEntityOutput> entities) {
    if (given == null || given.getRoutes() == null || given.getRoutes().isEmpty()) {
      if (entities.size() > 1) {
        throw ApiException.invalid(
            "config.traffic_config is required when an endpoint serves more than one entity");
      }
      return new TrafficConfig()
          .setRoutes(
              List.of(
                  new Route()
                      .setServedModelName(entities.get(0).getName())
                      .setServedEntityName(entities.get(0).getName())
                      .setTrafficPercentage(100L)));
    }
    Set<String> names = new HashSet<>();
    entities.forEach(e -> names.add(e.getName()));
    long total = 0;
    List<Route> routes = new ArrayList<>();
    for (Route r : given.getRoutes()) {
      String target =
          r.getServedEntityName() != null ? r.getServedEntityName() : r.getServedModelName();
      if (target == null || !names.contains(target)) {
        throw ApiException.invalid(
            "config.traffic_config.routes: '"
                + target
                + "' is not a served entity of the endpoint");
      }
      long percent = r.getTrafficPercentage() == null ? 0 : r.getTrafficPercentage();
      if (percent < 0 || percent > 100) {
        throw ApiException.invalid(
            "config.traffic_config.routes: traffic_percentage must be 0 to 100");
      }
      total += percent;
      routes.add(
          new Route()
              .setServedModelName(target)
              .setServedEntityName(target)
              .setTrafficPercentage(percent));
    }
    if (total != 100) {
      throw ApiException.invalid(
          "config.traffic_config.routes: the traffic percentages must add up to 100, got " + total);
    }
    return new TrafficConfig().setRoutes(routes);
  }
}
