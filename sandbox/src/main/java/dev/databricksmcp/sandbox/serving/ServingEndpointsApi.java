package dev.databricksmcp.sandbox.serving;

import com.databricks.sdk.service.serving.BuildLogsResponse;
import com.databricks.sdk.service.serving.CreateServingEndpoint;
import com.databricks.sdk.service.serving.EndpointCoreConfigInput;
import com.databricks.sdk.service.serving.EndpointCoreConfigSummary;
import com.databricks.sdk.service.serving.ListEndpointsResponse;
import com.databricks.sdk.service.serving.ServedEntityOutput;
import com.databricks.sdk.service.serving.ServedEntitySpec;
import com.databricks.sdk.service.serving.ServerLogsResponse;
import com.databricks.sdk.service.serving.ServingEndpoint;
import com.databricks.sdk.service.serving.ServingEndpointDetailed;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.ApiResponse;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.http.Router;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The Serving Endpoints API (https://docs.databricks.com/api/model-serving/v1/serving-endpoint.md)
 * and its query path (https://docs.databricks.com/api/model-serving-query/v1/query.md): list, get,
 * create, update config, delete, query, served model logs and build logs, and the OpenAPI schema.
 * Every signed-in user may do all of it (the sandbox has no serving endpoint permissions API).
 */
public final class ServingEndpointsApi implements ApiModule {
  private static final String BASE = "/api/2.0/serving-endpoints";

  private final ServingEndpoints endpoints;

  public ServingEndpointsApi(ServingEndpoints endpoints) {
    this.endpoints = endpoints;
  }

  @Override
  public void register(Router router) {
    router.get(BASE, r -> new ListEndpointsResponse().setEndpoints(summaries()));
    router.post(BASE, this::create);
    router.get(BASE + "/{name}", r -> endpoints.get(r.pathVar("name")));
    router.delete(
        BASE + "/{name}",
        r -> {
          endpoints.delete(r.pathVar("name"));
          return Map.of();
        });
    router.put(
        BASE + "/{name}/config",
        r ->
            endpoints.updateConfig(
                r.pathVar("name"),
                r.bodyAs(EndpointCoreConfigInput.class),
                r.principal().userName()));
    router.get(
        BASE + "/{name}/served-models/{served_model_name}/logs",
        r ->
            new ServerLogsResponse()
                .setLogs(endpoints.logs(r.pathVar("name"), r.pathVar("served_model_name"))));
    router.get(
        BASE + "/{name}/served-models/{served_model_name}/build-logs",
        r ->
            new BuildLogsResponse()
                .setLogs(endpoints.buildLogs(r.pathVar("name"), r.pathVar("served_model_name"))));
    router.get(
        BASE + "/{name}/openapi",
        r -> {
          try {
            return ApiResponse.bytes(
                Json.MAPPER.writeValueAsBytes(EndpointOpenApi.of(endpoints.get(r.pathVar("name")))),
                "application/json");
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
    router.post("/serving-endpoints/{name}/invocations", this::query);
  }

  private ServingEndpointDetailed create(ApiRequest r) {
    CreateServingEndpoint req = r.bodyAs(CreateServingEndpoint.class);
    // ai_gateway, rate_limits and route_optimized are accepted and not enforced: no gateway here
    return endpoints.create(
        req.getName(),
        req.getConfig(),
        req.getTags(),
        req.getDescription(),
        r.principal().userName());
  }

  /** The list's summary shape (ServingEndpoint): the config reduced to its served entities. */
  private List<ServingEndpoint> summaries() {
    List<ServingEndpoint> out = new ArrayList<>();
    for (ServingEndpointDetailed e : endpoints.list()) {
      ServingEndpoint s =
          new ServingEndpoint()
              .setName(e.getName())
              .setId(e.getId())
              .setCreator(e.getCreator())
              .setCreationTimestamp(e.getCreationTimestamp())
              .setLastUpdatedTimestamp(e.getLastUpdatedTimestamp())
              .setState(e.getState())
              .setTags(e.getTags())
              .setTask(e.getTask())
              .setDescription(e.getDescription());
      if (e.getConfig() != null) {
        List<ServedEntitySpec> specs = new ArrayList<>();
        for (ServedEntityOutput o : e.getConfig().getServedEntities()) {
          specs.add(
              new ServedEntitySpec()
                  .setName(o.getName())
                  .setEntityName(o.getEntityName())
                  .setEntityVersion(o.getEntityVersion())
                  .setFoundationModel(o.getFoundationModel()));
        }
        s.setConfig(new EndpointCoreConfigSummary().setServedEntities(specs));
      }
      out.add(s);
    }
    return out;
  }

  /**
   * A query, answered by the stand-in of the served entity the traffic routes pick (by a hash of
   * the body, so the same query goes to the same entity), with the {@code served-model-name} header
   * the SDK reads and the sandbox's stand-in header.
   */
  private ApiResponse query(ApiRequest r) {
    String name = r.pathVar("name");
    JsonNode body;
    try {
      body = r.body().length == 0 ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(r.body());
    } catch (IOException e) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "Malformed JSON request body");
    }
    ServedEntityOutput entity =
        endpoints.route(name, Math.floorMod(Arrays.hashCode(r.body()), 100));
    StandIns.Answer answer = StandIns.answer(name, entity, body);
    endpoints.log(
        name,
        entity.getName(),
        ServingEndpoints.line(
            "POST /invocations 200"
                + (answer.scored() > 0 ? " (" + answer.scored() + " records scored)" : "")));
    try {
      return new ApiResponse(
          200,
          Json.MAPPER.writeValueAsBytes(answer.body()),
          "application/json",
          Map.of("served-model-name", entity.getName(), StandIns.HEADER, answer.standIn()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
