package dev.databricksmcp.sandbox.serving;

import com.databricks.sdk.service.serving.ServingEndpointDetailed;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.databricksmcp.sandbox.http.Json;
import java.util.List;

/**
 * The query schema of an endpoint in OpenAPI format (get-inference-endpoint-schema.md: "the
 * supported paths, input and output format and datatypes"). The reference shows no example
 * document; the sandbox writes an OpenAPI 3.1 document with the one invocations path and the
 * request and response shapes of query.md for the endpoint's kind (chat, embeddings, or a custom
 * model's dataframe inputs).
 */
final class EndpointOpenApi {
  private EndpointOpenApi() {}

  static ObjectNode of(ServingEndpointDetailed e) {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("openapi", "3.1.0");
    ObjectNode info = doc.putObject("info");
    info.put("title", e.getName());
    info.put("version", String.valueOf(configVersion(e)));
    info.put("description", "Query schema of a sandbox serving endpoint (stand-in models).");
    doc.putArray("servers").addObject().put("url", "/serving-endpoints/" + e.getName());
    ObjectNode post = doc.putObject("paths").putObject("/invocations").putObject("post");
    post.put("summary", "Query the endpoint");
    ObjectNode request =
        post.putObject("requestBody")
            .put("required", true)
            .putObject("content")
            .putObject("application/json")
            .putObject("schema");
    ObjectNode response =
        post.putObject("responses")
            .putObject("200")
            .put("description", "Success")
            .putObject("content")
            .putObject("application/json")
            .putObject("schema");
    String task = e.getTask();
    if (FoundationModels.CHAT.equals(task)) {
      chat(request, response);
    } else if (FoundationModels.EMBEDDINGS.equals(task)) {
      embeddings(request, response);
    } else {
      custom(request, response);
    }
    return doc;
  }

  private static long configVersion(ServingEndpointDetailed e) {
    if (e.getConfig() != null && e.getConfig().getConfigVersion() != null) {
      return e.getConfig().getConfigVersion();
    }
    return e.getPendingConfig() == null ? 0 : e.getPendingConfig().getConfigVersion();
  }

  private static void chat(ObjectNode request, ObjectNode response) {
    request.put("type", "object").putArray("required").add("messages");
    ObjectNode props = request.putObject("properties");
    ObjectNode message = props.putObject("messages").put("type", "array").putObject("items");
    message.put("type", "object");
    ObjectNode m = message.putObject("properties");
    m.putObject("role")
        .put("type", "string")
        .putArray("enum")
        .add("system")
        .add("user")
        .add("assistant");
    m.putObject("content").put("type", "string");
    props.putObject("max_tokens").put("type", "integer");
    props.putObject("temperature").put("type", "number");
    response.put("type", "object");
    ObjectNode r = response.putObject("properties");
    r.putObject("choices").put("type", "array");
    r.putObject("usage").put("type", "object");
  }

  private static void embeddings(ObjectNode request, ObjectNode response) {
    request.put("type", "object").putArray("required").add("input");
    ObjectNode input = request.putObject("properties").putObject("input");
    com.fasterxml.jackson.databind.node.ArrayNode oneOf = input.putArray("oneOf");
    oneOf.addObject().put("type", "string");
    oneOf.addObject().put("type", "array").putObject("items").put("type", "string");
    response.put("type", "object");
    ObjectNode r = response.putObject("properties");
    r.putObject("data").put("type", "array");
    r.putObject("usage").put("type", "object");
  }

  private static void custom(ObjectNode request, ObjectNode response) {
    request.put("type", "object");
    ObjectNode props = request.putObject("properties");
    for (String field : List.of("dataframe_records", "instances")) {
      props.putObject(field).put("type", "array").putObject("items").put("type", "object");
    }
    props.putObject("dataframe_split").put("type", "object");
    props.putObject("inputs");
    request.put("description", "Exactly one of " + StandIns.CUSTOM_INPUTS);
    response.put("type", "object");
    response
        .putObject("properties")
        .putObject("predictions")
        .put("type", "array")
        .putObject("items")
        .put("type", "number");
  }
}
