package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.quote;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.sdk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.BadRequest;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.core.error.platform.ResourceConflict;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.serving.ChatMessage;
import com.databricks.sdk.service.serving.ChatMessageRole;
import com.databricks.sdk.service.serving.CreateServingEndpoint;
import com.databricks.sdk.service.serving.EndpointCoreConfigInput;
import com.databricks.sdk.service.serving.EndpointStateConfigUpdate;
import com.databricks.sdk.service.serving.EndpointStateReady;
import com.databricks.sdk.service.serving.QueryEndpointInput;
import com.databricks.sdk.service.serving.QueryEndpointResponse;
import com.databricks.sdk.service.serving.ServedEntityInput;
import com.databricks.sdk.service.serving.ServingEndpointDetailed;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.databricksmcp.sandbox.auth.Identities;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Serving Endpoints API against its reference
 * (https://docs.databricks.com/api/model-serving/v1/serving-endpoint.md) and the query path
 * (https://docs.databricks.com/api/model-serving-query/v1/query.md). The pages give the shapes and
 * the states (ready READY / NOT_READY, config_update NOT_UPDATING / IN_PROGRESS / UPDATE_FAILED /
 * UPDATE_CANCELED) but no error codes. Where they are silent the sandbox chooses, and this test
 * holds it to the choice: an unknown endpoint or served model is 404 RESOURCE_DOES_NOT_EXIST (the
 * code the 2.0 APIs give a missing resource); an existing name is 409 RESOURCE_ALREADY_EXISTS; an
 * update while another is IN_PROGRESS ("another update can not be made until the update completes
 * or fails") is 409 RESOURCE_CONFLICT; invalid configuration is 400 INVALID_PARAMETER_VALUE; a
 * query of an endpoint that is not READY, or with inputs the endpoint does not take, is 400
 * BAD_REQUEST (MLflow's scoring server answers bad input with BAD_REQUEST); the pay-per-token
 * {@code databricks-*} endpoints cannot be changed (403 PERMISSION_DENIED). A Unity Catalog version
 * that does not exist fails the build (UPDATE_FAILED, build logs say why) rather than the request:
 * in the sandbox only main.default.churn_model versions 1 to 3 exist.
 */
@Timeout(120)
@ExtendWith(SharedSandbox.class)
class ServingEndpointsContractTest {
  static final String BASE = "/api/2.0/serving-endpoints";
  static final String MODEL = "main.default.churn_model";
  static final String CHAT = "databricks-meta-llama-3-3-70b-instruct";
  static final String EMBEDDINGS = "databricks-gte-large-en";

  private static final String ENTITY =
      "{\"name\": \"string\", \"entity_name\": \"string\", \"entity_version\": \"string\","
          + " \"workload_size\": \"string\", \"scale_to_zero_enabled\": true,"
          + " \"creator\": \"string\", \"creation_timestamp\": 0, \"environment_vars\": {},"
          + " \"foundation_model\": {\"name\": \"string\", \"display_name\": \"string\"},"
          + " \"state\": {\"deployment\": \"DEPLOYMENT_READY|DEPLOYMENT_CREATING|DEPLOYMENT_FAILED"
          + "|DEPLOYMENT_ABORTED|DEPLOYMENT_RECOVERING\", \"deployment_state_message\": \"string\"}}";
  private static final String TRAFFIC =
      "{\"routes\": [{\"served_model_name\": \"string\", \"served_entity_name\": \"string\","
          + " \"traffic_percentage\": 0}]}";
  private static final String STATE =
      "{\"ready\": \"READY|NOT_READY\","
          + " \"config_update\": \"NOT_UPDATING|IN_PROGRESS|UPDATE_FAILED|UPDATE_CANCELED\"}";

  /** The detailed endpoint of get-inference-endpoint.md (the fields the sandbox fills in). */
  static final JsonShape ENDPOINT =
      JsonShape.of(
              "{\"name\": \"string\", \"id\": \"string\", \"creator\": \"string\","
                  + " \"creation_timestamp\": 0, \"last_updated_timestamp\": 0,"
                  + " \"task\": \"string\", \"description\": \"string\","
                  + " \"permission_level\": \"CAN_MANAGE|CAN_QUERY|CAN_VIEW\","
                  + " \"tags\": [{\"key\": \"string\", \"value\": \"string\"}],"
                  + " \"state\": "
                  + STATE
                  + ", \"config\": {\"config_version\": 0, \"served_entities\": ["
                  + ENTITY
                  + "], \"traffic_config\": "
                  + TRAFFIC
                  + "}, \"pending_config\": {\"config_version\": 0, \"start_time\": 0,"
                  + " \"served_entities\": ["
                  + ENTITY
                  + "], \"traffic_config\": "
                  + TRAFFIC
                  + "}}")
          .required("name", "state.ready", "state.config_update", "creator");

  static String createBody(String name, String version) {
    return "{\"name\": "
        + quote(name)
        + ", \"config\": {\"served_entities\": [{\"entity_name\": \""
        + MODEL
        + "\", \"entity_version\": \""
        + version
        + "\", \"workload_size\": \"Small\", \"scale_to_zero_enabled\": true}]},"
        + " \"tags\": [{\"key\": \"team\", \"value\": \"ml\"}]}";
  }

  static String unique(String prefix) {
    return (prefix + "-" + Long.toHexString(System.nanoTime())).replace('_', '-');
  }

  static JsonNode get(String name) {
    return admin().get(BASE + "/" + name).ok();
  }

  /** Reads the endpoint until its config update is no longer IN_PROGRESS; the last answer. */
  static JsonNode awaitBuilt(String name) {
    JsonNode last = null;
    for (int i = 0; i < 2000; i++) {
      last = get(name);
      if (!"IN_PROGRESS".equals(last.path("state").path("config_update").asText())) {
        return last;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("endpoint " + name + " still building: " + last);
  }

  /**
   * Create answers the detailed endpoint at once, NOT_READY and IN_PROGRESS with the requested
   * config in {@code pending_config}; the build ends READY / NOT_UPDATING with it as {@code config}
   * (config_version 1), its served entity named as the reference defaults it (the model and its
   * version), all traffic to it.
   * https://docs.databricks.com/api/model-serving/v1/create-inference-endpoint.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/serving-endpoints",
      doc = "https://docs.databricks.com/api/model-serving/v1/create-inference-endpoint.md")
  void createBuildsThenServes() {
    String name = unique("create");
    JsonNode created = admin().post(BASE, createBody(name, "2")).ok();
    ENDPOINT.check(created);
    assertThat(created.get("state").get("ready").asText()).isEqualTo("NOT_READY");
    assertThat(created.get("state").get("config_update").asText()).isEqualTo("IN_PROGRESS");
    assertThat(created.has("config")).isFalse();
    JsonNode pending = created.get("pending_config").get("served_entities").get(0);
    assertThat(pending.get("name").asText()).isEqualTo("churn_model-2");
    assertThat(pending.get("state").get("deployment").asText()).isEqualTo("DEPLOYMENT_CREATING");
    assertThat(created.get("creator").asText()).isEqualTo(Identities.ADMIN.userName());

    JsonNode built = awaitBuilt(name);
    ENDPOINT.check(built);
    assertThat(built.get("state").get("ready").asText()).isEqualTo("READY");
    assertThat(built.get("state").get("config_update").asText()).isEqualTo("NOT_UPDATING");
    assertThat(built.has("pending_config")).isFalse();
    JsonNode config = built.get("config");
    assertThat(config.get("config_version").asLong()).isEqualTo(1);
    JsonNode served = config.get("served_entities").get(0);
    assertThat(served.get("entity_name").asText()).isEqualTo(MODEL);
    assertThat(served.get("entity_version").asText()).isEqualTo("2");
    assertThat(served.get("workload_size").asText()).isEqualTo("Small");
    assertThat(served.get("scale_to_zero_enabled").asBoolean()).isTrue();
    assertThat(served.get("state").get("deployment").asText()).isEqualTo("DEPLOYMENT_READY");
    JsonNode route = config.get("traffic_config").get("routes").get(0);
    assertThat(route.get("served_model_name").asText()).isEqualTo("churn_model-2");
    assertThat(route.get("traffic_percentage").asLong()).isEqualTo(100);

    admin()
        .post(BASE, createBody(name, "1"))
        .isError(409, "RESOURCE_ALREADY_EXISTS", ResourceAlreadyExists.class);
  }

  /**
   * What create-inference-endpoint.md requires or bounds: {@code name} (1 to 63 alphanumeric
   * characters, dashes and underscores), {@code config.served_entities} with an {@code entity_name}
   * (and its {@code entity_version} for a registered model), the documented workload sizes, traffic
   * percentages that name served entities and add up to 100. Each is 400 INVALID_PARAMETER_VALUE.
   */
  @Test
  @Contract(
      value = "POST /api/2.0/serving-endpoints",
      doc = "https://docs.databricks.com/api/model-serving/v1/create-inference-endpoint.md")
  void createRefusesAnInvalidConfiguration() {
    String ok = "{\"entity_name\": \"" + MODEL + "\", \"entity_version\": \"1\"}";
    refused("{\"config\": {\"served_entities\": [" + ok + "]}}");
    refused("{\"name\": \"has a space\", \"config\": {\"served_entities\": [" + ok + "]}}");
    refused(
        "{\"name\": \"" + "x".repeat(64) + "\", \"config\": {\"served_entities\": [" + ok + "]}}");
    refused("{\"name\": \"no-config\"}");
    refused("{\"name\": \"none\", \"config\": {\"served_entities\": []}}");
    refused(
        "{\"name\": \"noversion\", \"config\": {\"served_entities\": [{\"entity_name\": \""
            + MODEL
            + "\"}]}}");
    refused(
        "{\"name\": \"size\", \"config\": {\"served_entities\": [{\"entity_name\": \""
            + MODEL
            + "\", \"entity_version\": \"1\", \"workload_size\": \"Huge\"}]}}");
    refused(
        "{\"name\": \"notuc\", \"config\": {\"served_entities\": [{\"entity_name\": \"churn\", \"entity_version\": \"1\"}]}}");
    refused(
        "{\"name\": \"traffic\", \"config\": {\"served_entities\": ["
            + ok
            + "], \"traffic_config\": {\"routes\": [{\"served_model_name\": \"churn_model-1\","
            + " \"traffic_percentage\": 60}]}}}");
  }

  private static void refused(String body) {
    admin().post(BASE, body).isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
  }

  /**
   * A served Unity Catalog version that does not exist fails the build: NOT_READY, UPDATE_FAILED,
   * the entity DEPLOYMENT_FAILED with its reason, and the build logs end with the error.
   * https://docs.databricks.com/api/model-serving/v1/get-served-model-build-logs.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/serving-endpoints/{name}/served-models/{served_model_name}/build-logs",
      doc = "https://docs.databricks.com/api/model-serving/v1/get-served-model-build-logs.md")
  void aMissingVersionFailsTheBuildWithBuildLogs() {
    String name = unique("fails");
    admin().post(BASE, createBody(name, "99")).ok();
    JsonNode failed = awaitBuilt(name);
    ENDPOINT.check(failed);
    assertThat(failed.get("state").get("ready").asText()).isEqualTo("NOT_READY");
    assertThat(failed.get("state").get("config_update").asText()).isEqualTo("UPDATE_FAILED");
    JsonNode entity = failed.get("pending_config").get("served_entities").get(0);
    assertThat(entity.get("state").get("deployment").asText()).isEqualTo("DEPLOYMENT_FAILED");
    assertThat(entity.get("state").get("deployment_state_message").asText()).contains("99");

    JsonNode logs =
        admin().get(BASE + "/" + name + "/served-models/churn_model-99/build-logs").ok();
    JsonShape.of("{\"logs\": \"string\"}").required("logs").check(logs);
    assertThat(logs.get("logs").asText())
        .contains("ERROR")
        .contains(MODEL)
        .endsWith("Build failed.");

    admin()
        .get(BASE + "/" + name + "/served-models/nope/build-logs")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    admin().delete(BASE + "/" + name).okEmpty();
  }

  /**
   * Get answers the detailed endpoint; list answers {@code endpoints} in the summary shape, the
   * workspace's pay-per-token {@code databricks-*} endpoints among them, READY. An unknown name is
   * 404. https://docs.databricks.com/api/model-serving/v1/get-inference-endpoint.md,
   * https://docs.databricks.com/api/model-serving/v1/list-inference-endpoints.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/serving-endpoints/{name}",
      doc = "https://docs.databricks.com/api/model-serving/v1/get-inference-endpoint.md")
  @Contract(
      value = "GET /api/2.0/serving-endpoints",
      doc = "https://docs.databricks.com/api/model-serving/v1/list-inference-endpoints.md")
  void getAndList() {
    JsonNode chat = get(CHAT);
    ENDPOINT.check(chat);
    assertThat(chat.get("task").asText()).isEqualTo("llm/v1/chat");
    assertThat(chat.get("state").get("ready").asText()).isEqualTo("READY");
    assertThat(
            chat.get("config")
                .get("served_entities")
                .get(0)
                .get("foundation_model")
                .get("name")
                .asText())
        .isEqualTo(CHAT);

    String name = unique("listed");
    admin().post(BASE, createBody(name, "1")).ok();
    JsonNode all = admin().get(BASE).ok();
    JsonShape.of(
            "{\"endpoints\": [{\"name\": \"string\", \"id\": \"string\", \"creator\": \"string\","
                + " \"creation_timestamp\": 0, \"last_updated_timestamp\": 0, \"task\": \"string\","
                + " \"description\": \"string\", \"tags\": [{\"key\": \"string\", \"value\": \"string\"}],"
                + " \"state\": "
                + STATE
                + ", \"config\": {\"served_entities\": [{\"name\": \"string\", \"entity_name\":"
                + " \"string\", \"entity_version\": \"string\", \"foundation_model\":"
                + " {\"name\": \"string\", \"display_name\": \"string\"}}]}}]}")
        .required("endpoints[].name", "endpoints[].state")
        .check(all);
    List<String> names = all.get("endpoints").findValuesAsText("name");
    assertThat(names).contains(CHAT, EMBEDDINGS, "databricks-bge-large-en", name);

    admin()
        .get(BASE + "/no-such-endpoint")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    awaitBuilt(name);
    admin().delete(BASE + "/" + name).okEmpty();
  }

  /**
   * Update config replaces the served entities; the current config is served until the new one is
   * built (READY, IN_PROGRESS), then config_version goes up; a second update while one is in
   * progress is refused.
   * https://docs.databricks.com/api/model-serving/v1/put-inference-endpoint-config.md
   */
  @Test
  @Contract(
      value = "PUT /api/2.0/serving-endpoints/{name}/config",
      doc = "https://docs.databricks.com/api/model-serving/v1/put-inference-endpoint-config.md")
  void updateConfigBuildsANewVersion() {
    String name = unique("update");
    admin().post(BASE, createBody(name, "1")).ok();
    awaitBuilt(name);
    String v3 =
        "{\"served_entities\": [{\"entity_name\": \""
            + MODEL
            + "\", \"entity_version\": \"3\", \"workload_size\": \"Medium\"}]}";
    JsonNode updating =
        admin().send("PUT", BASE + "/" + name + "/config", "application/json", v3).ok();
    ENDPOINT.check(updating);
    assertThat(updating.get("state").get("ready").asText()).isEqualTo("READY");
    assertThat(updating.get("state").get("config_update").asText()).isEqualTo("IN_PROGRESS");
    assertThat(updating.get("config").get("served_entities").get(0).get("entity_version").asText())
        .isEqualTo("1");
    admin()
        .send("PUT", BASE + "/" + name + "/config", "application/json", v3)
        .isError(409, "RESOURCE_CONFLICT", ResourceConflict.class);

    JsonNode updated = awaitBuilt(name);
    assertThat(updated.get("config").get("config_version").asLong()).isEqualTo(2);
    JsonNode served = updated.get("config").get("served_entities").get(0);
    assertThat(served.get("entity_version").asText()).isEqualTo("3");
    assertThat(served.get("workload_size").asText()).isEqualTo("Medium");

    admin()
        .send("PUT", BASE + "/" + CHAT + "/config", "application/json", v3)
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    admin()
        .send("PUT", BASE + "/nope/config", "application/json", v3)
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    admin().delete(BASE + "/" + name).okEmpty();
  }

  /**
   * Delete answers {@code {}}; the endpoint is gone. The pay-per-token endpoints cannot be deleted.
   * https://docs.databricks.com/api/model-serving/v1/delete-inference-endpoint.md
   */
  @Test
  @Contract(
      value = "DELETE /api/2.0/serving-endpoints/{name}",
      doc = "https://docs.databricks.com/api/model-serving/v1/delete-inference-endpoint.md")
  void delete() {
    String name = unique("delete");
    admin().post(BASE, createBody(name, "1")).ok();
    admin().delete(BASE + "/" + name).okEmpty();
    admin()
        .get(BASE + "/" + name)
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    admin()
        .delete(BASE + "/" + name)
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    admin().delete(BASE + "/" + CHAT).isError(403, "PERMISSION_DENIED", PermissionDenied.class);
  }

  /**
   * The served model's logs: {@code {logs}}, the model server's recent lines, a line for each query
   * answered. https://docs.databricks.com/api/model-serving/v1/get-served-model-logs.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/serving-endpoints/{name}/served-models/{served_model_name}/logs",
      doc = "https://docs.databricks.com/api/model-serving/v1/get-served-model-logs.md")
  void servedModelLogs() {
    String name = unique("logs");
    admin().post(BASE, createBody(name, "2")).ok();
    awaitBuilt(name);
    admin()
        .post(
            "/serving-endpoints/" + name + "/invocations", "{\"dataframe_records\": [{\"a\": 1}]}")
        .ok();
    JsonNode logs = admin().get(BASE + "/" + name + "/served-models/churn_model-2/logs").ok();
    JsonShape.of("{\"logs\": \"string\"}").required("logs").check(logs);
    assertThat(logs.get("logs").asText())
        .contains("Starting the model server")
        .contains("1 records scored");
    admin()
        .get(BASE + "/" + name + "/served-models/nope/logs")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    admin().delete(BASE + "/" + name).okEmpty();
  }

  /**
   * The query schema in OpenAPI format: the invocations path with the endpoint's inputs.
   * https://docs.databricks.com/api/model-serving/v1/get-inference-endpoint-schema.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/serving-endpoints/{name}/openapi",
      doc = "https://docs.databricks.com/api/model-serving/v1/get-inference-endpoint-schema.md")
  void openApi() {
    JsonNode doc = admin().get(BASE + "/" + CHAT + "/openapi").ok();
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    assertThat(
            doc.at(
                    "/paths/~1invocations/post/requestBody/content/application~1json/schema/required/0")
                .asText())
        .isEqualTo("messages");
    admin()
        .get(BASE + "/nope/openapi")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  /**
   * Query in the shapes of query.md: {@code dataframe_records} to a registered model gives {@code
   * predictions}; {@code messages} to a chat model gives {@code choices[].message} and {@code
   * usage}; {@code input} to an embeddings model gives {@code data[].embedding} (1024 values for
   * GTE Large). Stand-in answers are marked. Inputs the endpoint does not take, and an endpoint
   * that is not READY, are 400 BAD_REQUEST; an unknown endpoint 404.
   * https://docs.databricks.com/api/model-serving-query/v1/query.md
   */
  @Test
  @Contract(
      value = "POST /serving-endpoints/{name}/invocations",
      doc = "https://docs.databricks.com/api/model-serving-query/v1/query.md")
  void query() {
    String name = unique("query");
    admin().post(BASE, createBody(name, "2")).ok();
    admin()
        .post(
            "/serving-endpoints/" + name + "/invocations", "{\"dataframe_records\": [{\"a\": 1}]}")
        .isError(400, "BAD_REQUEST", BadRequest.class);
    awaitBuilt(name);

    Reply scored =
        admin()
            .post(
                "/serving-endpoints/" + name + "/invocations",
                "{\"dataframe_records\": [{\"tenure\": 10, \"plan\": \"pro\"}, {\"tenure\": 50}]}");
    JsonNode predictions = scored.ok().get("predictions");
    assertThat(predictions).hasSize(2);
    assertThat(predictions.get(0).asDouble())
        .isBetween(0.0, 1.0)
        .isLessThan(predictions.get(1).asDouble());
    assertThat(scored.header("served-model-name")).isEqualTo("churn_model-2");
    assertThat(scored.header("x-sandbox-stand-in")).isEqualTo("formula-scorer");
    JsonNode again =
        admin()
            .post(
                "/serving-endpoints/" + name + "/invocations",
                "{\"dataframe_split\": {\"columns\": [\"tenure\"], \"data\": [[10]]}}")
            .ok();
    assertThat(again.get("predictions").get(0).asDouble()).isEqualTo(predictions.get(0).asDouble());
    admin()
        .post("/serving-endpoints/" + name + "/invocations", "{\"messages\": []}")
        .isError(400, "BAD_REQUEST", BadRequest.class);
    admin()
        .post(
            "/serving-endpoints/" + name + "/invocations",
            "{\"dataframe_records\": [], \"instances\": []}")
        .isError(400, "BAD_REQUEST", BadRequest.class);

    JsonNode chat =
        admin()
            .post(
                "/serving-endpoints/" + CHAT + "/invocations",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"What is MLflow?\"}]}")
            .ok();
    JsonShape.of(
            "{\"id\": \"string\", \"object\": \"chat.completion\", \"created\": 0, \"model\": \"string\","
                + " \"choices\": [{\"index\": 0, \"message\": {\"role\": \"string\", \"content\": \"string\"},"
                + " \"finish_reason\": \"string\"}], \"usage\": {\"prompt_tokens\": 0,"
                + " \"completion_tokens\": 0, \"total_tokens\": 0}}")
        .required("choices", "usage")
        .check(chat);
    assertThat(chat.get("choices").get(0).get("message").get("content").asText())
        .isEqualTo("[sandbox] What is MLflow?");
    admin()
        .post("/serving-endpoints/" + CHAT + "/invocations", "{\"input\": \"x\"}")
        .isError(400, "BAD_REQUEST", BadRequest.class);

    JsonNode embedded =
        admin()
            .post(
                "/serving-endpoints/" + EMBEDDINGS + "/invocations", "{\"input\": [\"a\", \"b\"]}")
            .ok();
    JsonShape.of(
            "{\"object\": \"list\", \"model\": \"string\", \"data\": [{\"object\": \"embedding\","
                + " \"index\": 0, \"embedding\": [0.5]}], \"usage\": {\"prompt_tokens\": 0,"
                + " \"total_tokens\": 0}}")
        .required("data")
        .check(embedded);
    JsonNode vector = embedded.get("data").get(0).get("embedding");
    assertThat(vector).hasSize(1024);
    double norm = 0;
    for (JsonNode v : vector) {
      norm += v.asDouble() * v.asDouble();
    }
    assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(embedded.get("data").get(1).get("embedding")).isNotEqualTo(vector);

    admin()
        .post("/serving-endpoints/no-such-endpoint/invocations", "{\"input\": \"x\"}")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    admin().delete(BASE + "/" + name).okEmpty();
  }

  /**
   * The real SDK's round trip: create and its waiter to NOT_UPDATING, query (the served model's
   * name from the response header), logs and build logs, the OpenAPI schema as a stream, update
   * config and its waiter, delete.
   */
  @Test
  void sdkRoundTrip() throws Exception {
    WorkspaceClient w = sdk(Identities.ADMIN_TOKEN);
    String name = unique("sdk");
    ServingEndpointDetailed ready =
        w.servingEndpoints()
            .create(
                new CreateServingEndpoint()
                    .setName(name)
                    .setConfig(
                        new EndpointCoreConfigInput()
                            .setServedEntities(
                                List.of(
                                    new ServedEntityInput()
                                        .setEntityName(MODEL)
                                        .setEntityVersion("1")
                                        .setWorkloadSize("Small")
                                        .setScaleToZeroEnabled(true)))))
            .get(Duration.ofSeconds(60));
    assertThat(ready.getState().getReady()).isEqualTo(EndpointStateReady.READY);
    assertThat(ready.getState().getConfigUpdate())
        .isEqualTo(EndpointStateConfigUpdate.NOT_UPDATING);

    QueryEndpointResponse scored =
        w.servingEndpoints()
            .query(
                new QueryEndpointInput()
                    .setName(name)
                    .setDataframeRecords(List.of(Map.of("tenure", 3))));
    assertThat(scored.getPredictions()).hasSize(1);
    assertThat(scored.getServedModelName()).isEqualTo("churn_model-1");
    QueryEndpointResponse chat =
        w.servingEndpoints()
            .query(
                new QueryEndpointInput()
                    .setName(CHAT)
                    .setMessages(
                        List.of(new ChatMessage().setRole(ChatMessageRole.USER).setContent("hi"))));
    assertThat(chat.getChoices().iterator().next().getMessage().getContent())
        .isEqualTo("[sandbox] hi");

    assertThat(w.servingEndpoints().logs(name, "churn_model-1").getLogs())
        .contains("records scored");
    assertThat(w.servingEndpoints().buildLogs(name, "churn_model-1").getLogs())
        .contains("Build finished.");
    try (InputStream schema = w.servingEndpoints().getOpenApi(name).getContents()) {
      JsonNode doc = new ObjectMapper().readTree(schema);
      assertThat(doc.get("paths").has("/invocations")).isTrue();
    }

    ServingEndpointDetailed updated =
        w.servingEndpoints()
            .updateConfig(
                new EndpointCoreConfigInput()
                    .setName(name)
                    .setServedEntities(
                        List.of(
                            new ServedEntityInput().setEntityName(MODEL).setEntityVersion("2"))))
            .get(Duration.ofSeconds(60));
    assertThat(updated.getConfig().getConfigVersion()).isEqualTo(2L);
    List<String> listed = new java.util.ArrayList<>();
    w.servingEndpoints().list().forEach(e -> listed.add(e.getName()));
    assertThat(listed).contains(name, CHAT);

    w.servingEndpoints().delete(name);
    assertThatThrownBy(() -> w.servingEndpoints().get(name))
        .isInstanceOf(ResourceDoesNotExist.class);
  }
}
