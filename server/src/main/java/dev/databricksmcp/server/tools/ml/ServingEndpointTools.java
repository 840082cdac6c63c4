package dev.databricksmcp.server.tools.ml;

import static dev.databricksmcp.server.tools.ml.ServingParams.ENDPOINT;
import static dev.databricksmcp.server.tools.ml.ServingParams.ENTITY;
import static dev.databricksmcp.server.tools.ml.ServingParams.SCALE_TO_ZERO;
import static dev.databricksmcp.server.tools.ml.ServingParams.TRAFFIC;
import static dev.databricksmcp.server.tools.ml.ServingParams.VERSION;
import static dev.databricksmcp.server.tools.ml.ServingParams.WAIT_SECONDS;
import static dev.databricksmcp.server.tools.ml.ServingParams.WORKLOAD_SIZE;

import com.databricks.sdk.service.serving.CreateServingEndpoint;
import com.databricks.sdk.service.serving.EndpointCoreConfigInput;
import com.databricks.sdk.service.serving.Route;
import com.databricks.sdk.service.serving.ServedEntityInput;
import com.databricks.sdk.service.serving.ServedEntityOutput;
import com.databricks.sdk.service.serving.ServingEndpoint;
import com.databricks.sdk.service.serving.ServingEndpointDetailed;
import com.databricks.sdk.service.serving.TrafficConfig;
import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.ConfirmationTarget;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.patterns.Deletion;
import dev.databricksmcp.server.core.patterns.Listing;
import dev.databricksmcp.server.core.patterns.Lookup;
import dev.databricksmcp.server.core.patterns.WholeListPages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Serving endpoints: list, get, create, update config and delete. */
final class ServingEndpointTools {
  private ServingEndpointTools() {}

  static List<ToolDef> definitions() {
    return List.of(list(), get(), create(), updateConfig(), delete());
  }

  static ToolDef list() {
    Listing<ServingEndpoint> listing =
        Listing.of(
                "serving endpoints",
                (page, args, ctx) -> {
                  List<ServingEndpoint> all = new ArrayList<>();
                  ctx.workspace().servingEndpoints().list().forEach(all::add);
                  return WholeListPages.of(all, page);
                })
            .compact(ServingRows::row, ServingRows::detailRow);
    return ToolDef.builder(MlToolset.ID, "list_serving_endpoints")
        .title("List serving endpoints")
        .description(
            "Model serving endpoints: name, state (READY answers queries), config_update, task,"
                + " the served models in words, creator. detail=true adds tags and times.")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  static ToolDef get() {
    Lookup<ServingEndpointDetailed> lookup =
        Lookup.<ServingEndpointDetailed>of(
                ENDPOINT,
                (name, ctx) -> ctx.workspace().servingEndpoints().get(name),
                e ->
                    "Serving endpoint "
                        + e.getName()
                        + " is "
                        + ServingRows.stateWords(e.getState())
                        + ".")
            .shape(ServingRows::detail);
    return ToolDef.builder(MlToolset.ID, "get_serving_endpoint")
        .title("Get serving endpoint")
        .description(
            "One serving endpoint: its state (READY answers queries; config_update IN_PROGRESS"
                + " while a new configuration builds, UPDATE_FAILED when it failed), the served"
                + " models with their deployment state, the traffic routes and any pending"
                + " config.")
        .input(lookup.input())
        .hints(ToolHints.read())
        .handler(lookup)
        .build();
  }

  static ToolDef create() {
    return ToolDef.builder(MlToolset.ID, "create_serving_endpoint")
        .title("Create serving endpoint")
        .description(
            WAIT_SECONDS.fill(
                "Create a model serving endpoint serving one Unity Catalog model version (entity"
                    + " and version) or a foundation model (entity only); it runs on serverless"
                    + " compute, which costs money while it serves. Waits up to wait_seconds"
                    + " (default {default}) until it is READY or its build failed; a failed build"
                    + " answers with the build log's last lines."))
        .input(
            Schema.of(
                ENDPOINT, ENTITY.required(), VERSION, WORKLOAD_SIZE, SCALE_TO_ZERO, WAIT_SECONDS))
        .hints(ToolHints.write(false))
        .checkWith("get_serving_endpoint")
        .handler(
            (args, ctx) -> {
              String name = ENDPOINT.of(args);
              ServedEntityInput entity = entity(args, ENTITY.of(args));
              ServingEndpointDetailed created =
                  ctx.workspace()
                      .servingEndpoints()
                      .impl()
                      .create(
                          new CreateServingEndpoint()
                              .setName(name)
                              .setConfig(
                                  new EndpointCoreConfigInput()
                                      .setServedEntities(List.of(entity))));
              ctx.track(ServingEndpointWait.handle(name));
              return ServingEndpointWait.await(
                  name, created, Duration.ofSeconds(WAIT_SECONDS.of(args)), "Created", ctx);
            })
        .build();
  }

  static ToolDef updateConfig() {
    return ToolDef.builder(MlToolset.ID, "update_serving_endpoint_config")
        .title("Update serving endpoint config")
        .description(
            WAIT_SECONDS.fill(
                "Serve another model version (or size) on an endpoint: the new served model"
                    + " replaces the current ones, or, with traffic, joins them with the given"
                    + " split. The current config keeps serving while the new one builds. entity"
                    + " defaults to the model served now. Waits up to wait_seconds (default"
                    + " {default}) for the update to finish or fail."))
        .input(
            Schema.of(
                ENDPOINT, ENTITY, VERSION, WORKLOAD_SIZE, SCALE_TO_ZERO, TRAFFIC, WAIT_SECONDS))
        .hints(ToolHints.write(false))
        .checkWith("get_serving_endpoint")
        .handler(ServingEndpointTools::update)
        .build();
  }

  private static ToolResult update(Args args, ToolContext ctx) throws Exception {
    String name = ENDPOINT.of(args);
    ServingEndpointDetailed current = ctx.workspace().servingEndpoints().get(name);
    List<ServedEntityOutput> serving =
        current.getConfig() == null || current.getConfig().getServedEntities() == null
            ? List.of()
            : List.copyOf(current.getConfig().getServedEntities());
    String entityName =
        ENTITY
            .optional(args)
            .orElseGet(
                () -> {
                  if (serving.size() != 1) {
                    throw ToolException.validation(
                        ENTITY.name(),
                        "is required: the endpoint serves "
                            + serving.size()
                            + " models, so which one to serve is not plain");
                  }
                  return serving.get(0).getEntityName();
                });
    ServedEntityInput added = entity(args, entityName);
    EndpointCoreConfigInput config = new EndpointCoreConfigInput().setName(name);
    if (TRAFFIC.given(args)) {
      List<ServedEntityInput> entities = new ArrayList<>();
      for (ServedEntityOutput s : serving) {
        entities.add(
            new ServedEntityInput()
                .setName(s.getName())
                .setEntityName(s.getEntityName())
                .setEntityVersion(s.getEntityVersion())
                .setWorkloadSize(s.getWorkloadSize())
                .setScaleToZeroEnabled(s.getScaleToZeroEnabled()));
      }
      entities.add(added);
      config.setServedEntities(entities).setTrafficConfig(traffic(TRAFFIC.of(args)));
    } else {
      config.setServedEntities(List.of(added));
    }
    ServingEndpointDetailed started =
        ctx.workspace().servingEndpoints().impl().updateConfig(config);
    ctx.track(ServingEndpointWait.handle(name));
    return ServingEndpointWait.await(
        name, started, Duration.ofSeconds(WAIT_SECONDS.of(args)), "Updated the config of", ctx);
  }

  /** The served entity a call asks for; a Unity Catalog model needs its version. */
  private static ServedEntityInput entity(Args args, String entityName) {
    ServedEntityInput in = new ServedEntityInput().setEntityName(entityName);
    if (entityName.contains(".")) {
      String version =
          VERSION
              .optional(args)
              .orElseThrow(
                  () ->
                      ToolException.validation(
                          VERSION.name(), "is required to serve a Unity Catalog model"));
      in.setEntityVersion(version)
          .setWorkloadSize(WORKLOAD_SIZE.of(args))
          .setScaleToZeroEnabled(SCALE_TO_ZERO.of(args));
    } else if (VERSION.given(args)) {
      throw ToolException.validation(
          VERSION.name(), "is only for Unity Catalog models; a foundation model has none");
    }
    return in;
  }

  private static TrafficConfig traffic(Map<String, Object> split) {
    List<Route> routes = new ArrayList<>();
    long total = 0;
    for (Map.Entry<String, Object> e : split.entrySet()) {
      if (!(e.getValue() instanceof Number n) || n.longValue() < 0 || n.longValue() > 100) {
        throw ToolException.validation(
            TRAFFIC.name() + "." + e.getKey(), "must be a percentage from 0 to 100");
      }
      total += n.longValue();
      routes.add(new Route().setServedModelName(e.getKey()).setTrafficPercentage(n.longValue()));
    }
    if (total != 100) {
      throw ToolException.validation(
          TRAFFIC.name(), "the percentages add up to " + total + ", not 100");
    }
    return new TrafficConfig().setRoutes(routes);
  }

  static ToolDef delete() {
    Deletion<ServingEndpointDetailed> deletion =
        Deletion.of(
            (args, ctx) -> ctx.workspace().servingEndpoints().get(ENDPOINT.of(args)),
            (e, args, ctx) ->
                ConfirmationTarget.irreversible(
                    "delete serving endpoint "
                        + e.getName()
                        + " (serving "
                        + String.join(", ", ServingRows.servedWords(e))
                        + "; its URL stops answering) in "
                        + ctx.workspaceHost(),
                    e.getName() + "|" + e.getId()),
            (e, args, ctx) -> {
              ctx.workspace().servingEndpoints().delete(e.getName());
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("name", e.getName());
              data.put("deleted", true);
              return ToolResult.of(data, "Deleted serving endpoint " + e.getName() + ".");
            });
    return ToolDef.builder(MlToolset.ID, "delete_serving_endpoint")
        .title("Delete serving endpoint")
        .description(
            "Delete a serving endpoint for good: its URL stops answering and its served models"
                + " are removed (the registered models stay). The confirmation names what it"
                + " serves.")
        .input(Schema.of(ENDPOINT))
        .hints(ToolHints.destructive(true))
        .checkWith("list_serving_endpoints")
        .confirmTarget(deletion)
        .handler(deletion)
        .build();
  }
}
