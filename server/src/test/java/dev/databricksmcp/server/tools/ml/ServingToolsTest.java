package dev.databricksmcp.server.tools.ml;

import static dev.databricksmcp.server.testing.SandboxFixture.errorCode;
import static dev.databricksmcp.server.testing.SandboxFixture.items;
import static dev.databricksmcp.server.testing.SandboxFixture.message;
import static dev.databricksmcp.server.testing.SandboxFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.service.serving.CreateServingEndpoint;
import com.databricks.sdk.service.serving.EndpointCoreConfigInput;
import com.databricks.sdk.service.serving.ServedEntityInput;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.server.testing.SandboxFixture;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The serving tools against the sandbox, through the real SDK: an endpoint created for a model
 * version and waited on until READY, queried with dataframe records and read back in its logs; the
 * built-in chat and embeddings endpoints queried; a build that fails answered with its build log; a
 * query of an endpoint still building refused before anything is sent; an update to another
 * version; a confirmed delete; and the answers for bad input and an unknown endpoint.
 */
@Timeout(120)
class ServingToolsTest {
  private static final String MODEL = "main.default.churn_model";
  private static final String CHAT = "databricks-meta-llama-3-3-70b-instruct";
  private static final String EMBEDDINGS = "databricks-gte-large-en";

  private static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture(new SandboxOptions(0, null, 200, 200));
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static Map<String, Object> create(String name, String version) {
    return ok(
        fx.call(
            "create_serving_endpoint",
            Map.of("name", name, "entity", MODEL, "version", version, "wait_seconds", 60)));
  }

  /** A failure's text (the error envelope's {@code error}). */
  private static String error(CallToolResult r) {
    return String.valueOf(SandboxFixture.body(r).get("error"));
  }

  @Test
  void createWaitsUntilReadyThenQueriesAndLogs() {
    Map<String, Object> created = create("churn-ready", "2");
    assertThat(created)
        .containsEntry("name", "churn-ready")
        .containsEntry("state", "READY")
        .containsEntry("config_update", "NOT_UPDATING")
        .containsEntry("creator", Identities.ADMIN.userName());
    assertThat(created.get("served_entities"))
        .isEqualTo(List.of("main.default.churn_model v2 (Small, scale to zero)"));

    CallToolResult scored =
        fx.call(
            "query_serving_endpoint",
            Map.of(
                "name",
                "churn-ready",
                "dataframe_records",
                List.of(Map.of("tenure", 10), Map.of("tenure", 60))));
    Map<String, Object> answer = ok(scored);
    assertThat(answer)
        .containsEntry("served_model", "churn_model-2")
        .containsEntry("truncated", false);
    List<?> predictions = (List<?>) answer.get("predictions");
    assertThat(predictions).hasSize(2);
    assertThat(((Number) predictions.get(0)).doubleValue())
        .isLessThan(((Number) predictions.get(1)).doubleValue());
    assertThat(message(scored)).contains("2 predictions");

    Map<String, Object> logs =
        ok(fx.call("get_serving_endpoint_logs", Map.of("name", "churn-ready")));
    assertThat(logs).containsEntry("served_model", "churn_model-2");
    assertThat(String.valueOf(logs.get("logs"))).contains("2 records scored");
    Map<String, Object> tail =
        ok(fx.call("get_serving_endpoint_logs", Map.of("name", "churn-ready", "lines", 1)));
    assertThat(String.valueOf(tail.get("logs")).lines()).hasSize(1);

    assertThat(items(fx.call("list_serving_endpoints", Map.of())))
        .extracting(r -> r.get("name"))
        .contains("churn-ready", CHAT, EMBEDDINGS);
    Map<String, Object> schema =
        ok(fx.call("get_serving_endpoint_openapi", Map.of("name", "churn-ready")));
    assertThat((List<?>) schema.get("paths")).hasSize(1);
    assertThat(schema.get("paths").toString()).contains("dataframe_records");
  }

  @Test
  void chatAndEmbeddingsWithFoundationModels() {
    CallToolResult chat =
        fx.call(
            "query_serving_endpoint",
            Map.of(
                "name",
                CHAT,
                "messages",
                List.of(Map.of("role", "user", "content", "What is MLflow?"))));
    Map<String, Object> answer = ok(chat);
    assertThat(answer.get("choices").toString()).contains("[sandbox] What is MLflow?");
    assertThat(((Map<?, ?>) answer.get("usage")).containsKey("total_tokens")).isTrue();

    Map<String, Object> embedded =
        ok(
            fx.call(
                "query_serving_endpoint", Map.of("name", EMBEDDINGS, "input", List.of("a", "b"))));
    List<?> embeddings = (List<?>) embedded.get("embeddings");
    assertThat(embeddings).hasSize(2);
    assertThat(((Map<?, ?>) embeddings.get(0)).get("dimensions")).isEqualTo(1024);
    // two 1024-value vectors do not fit the answer's budget: each keeps its first values, said so
    assertThat(embedded).containsEntry("truncated", true);
    assertThat((List<?>) ((Map<?, ?>) embeddings.get(0)).get("embedding")).isNotEmpty();
  }

  @Test
  void aFailedBuildAnswersWithItsBuildLog() {
    CallToolResult r =
        fx.call(
            "create_serving_endpoint",
            Map.of("name", "churn-missing", "entity", MODEL, "version", "99", "wait_seconds", 60));
    Map<String, Object> failed = ok(r);
    assertThat(failed)
        .containsEntry("state", "NOT_READY")
        .containsEntry("config_update", "UPDATE_FAILED");
    assertThat(String.valueOf(((Map<?, ?>) failed.get("build_logs")).get("churn_model-99")))
        .contains("ERROR")
        .contains("version 99");
    assertThat(message(r)).contains("build failed");

    Map<String, Object> build =
        ok(fx.call("get_serving_endpoint_build_logs", Map.of("name", "churn-missing")));
    assertThat(String.valueOf(build.get("logs"))).endsWith("Build failed.");

    CallToolResult refused =
        fx.call(
            "query_serving_endpoint",
            Map.of("name", "churn-missing", "dataframe_records", List.of(Map.of("a", 1))));
    assertThat(errorCode(refused)).isEqualTo("CONFLICT");
    assertThat(error(refused)).contains("NOT_READY").contains("DEPLOYMENT_FAILED").contains("99");
  }

  @Test
  void aQueryOfAnEndpointStillBuildingIsRefusedWithItsState() {
    fx.adminClient()
        .servingEndpoints()
        .impl()
        .create(
            new CreateServingEndpoint()
                .setName("churn-building")
                .setConfig(
                    new EndpointCoreConfigInput()
                        .setServedEntities(
                            List.of(
                                new ServedEntityInput()
                                    .setEntityName(MODEL)
                                    .setEntityVersion("1")))));
    // what decides is the state read first, not timing: the refusal names the state it read
    CallToolResult r =
        fx.call(
            "query_serving_endpoint",
            Map.of("name", "churn-building", "dataframe_records", List.of(Map.of("a", 1))));
    if (SandboxFixture.body(r).get("success") == Boolean.TRUE) {
      return; // the build finished first: nothing to refuse
    }
    assertThat(errorCode(r)).isEqualTo("CONFLICT");
    assertThat(error(r)).contains("NOT_READY").contains("in progress").contains("Nothing was sent");
  }

  @Test
  void updateServesAnotherVersionAndDeleteIsConfirmed() {
    create("churn-update", "1");
    Map<String, Object> updated =
        ok(
            fx.call(
                "update_serving_endpoint_config",
                Map.of(
                    "name",
                    "churn-update",
                    "version",
                    "3",
                    "workload_size",
                    "Medium",
                    "wait_seconds",
                    60)));
    assertThat(updated).containsEntry("config_version", 2).containsEntry("state", "READY");
    assertThat(updated.get("served_entities"))
        .isEqualTo(List.of("main.default.churn_model v3 (Medium, scale to zero)"));

    Map<String, Object> split =
        ok(
            fx.call(
                "update_serving_endpoint_config",
                Map.of(
                    "name",
                    "churn-update",
                    "version",
                    "2",
                    "traffic",
                    Map.of("churn_model-3", 90, "churn_model-2", 10),
                    "wait_seconds",
                    60)));
    assertThat(split.get("traffic").toString()).contains("churn_model-3").contains("90");

    CallToolResult asked =
        fx.callConfirming("delete_serving_endpoint", Map.of("name", "churn-update"));
    assertThat(errorCode(asked)).isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(error(asked)).contains("churn-update").contains("churn_model v3");
    @SuppressWarnings("unchecked")
    Map<String, Object> details = (Map<String, Object>) SandboxFixture.body(asked).get("details");
    Map<String, Object> confirmed = new java.util.HashMap<>(Map.of("name", "churn-update"));
    confirmed.put("confirmation_token", details.get("confirmation_token"));
    assertThat(ok(fx.callConfirming("delete_serving_endpoint", confirmed)))
        .containsEntry("deleted", true);
    assertThat(errorCode(fx.call("get_serving_endpoint", Map.of("name", "churn-update"))))
        .isEqualTo("NOT_FOUND");
  }

  @Test
  void badInputIsAValidationErrorNamingTheField() {
    CallToolResult none = fx.call("query_serving_endpoint", Map.of("name", CHAT));
    assertThat(errorCode(none)).isEqualTo("VALIDATION_ERROR");
    assertThat(error(none)).startsWith("messages:").contains("dataframe_records");

    CallToolResult two =
        fx.call(
            "query_serving_endpoint", Map.of("name", CHAT, "prompt", "x", "input", List.of("y")));
    assertThat(errorCode(two)).isEqualTo("VALIDATION_ERROR");
    assertThat(error(two)).startsWith("input:").contains("prompt and input");

    CallToolResult wrongTask =
        fx.call("query_serving_endpoint", Map.of("name", EMBEDDINGS, "prompt", "x"));
    assertThat(errorCode(wrongTask)).isEqualTo("VALIDATION_ERROR");
    assertThat(error(wrongTask)).startsWith("prompt:").contains("give input");

    CallToolResult role =
        fx.call(
            "query_serving_endpoint",
            Map.of("name", CHAT, "messages", List.of(Map.of("role", "robot", "content", "x"))));
    assertThat(error(role)).startsWith("messages[0].role:");

    CallToolResult noVersion =
        fx.call("create_serving_endpoint", Map.of("name", "x", "entity", MODEL));
    assertThat(errorCode(noVersion)).isEqualTo("VALIDATION_ERROR");
    assertThat(error(noVersion)).startsWith("version:");

    CallToolResult badName = fx.call("get_serving_endpoint", Map.of("name", "has space"));
    assertThat(error(badName)).startsWith("name:");
  }

  @Test
  void anUnknownEndpointIsNotFound() {
    assertThat(errorCode(fx.call("get_serving_endpoint", Map.of("name", "nope"))))
        .isEqualTo("NOT_FOUND");
    assertThat(
            errorCode(
                fx.call(
                    "query_serving_endpoint",
                    Map.of("name", "nope", "dataframe_records", List.of(Map.of("a", 1))))))
        .isEqualTo("NOT_FOUND");
    assertThat(errorCode(fx.call("get_serving_endpoint_logs", Map.of("name", "nope"))))
        .isEqualTo("NOT_FOUND");
    assertThat(
            errorCode(
                fx.call(
                    "get_serving_endpoint_build_logs",
                    Map.of("name", CHAT, "served_model", "nope"))))
        .isEqualTo("NOT_FOUND");
  }
}
