package dev.databricksmcp.server.tools.ml;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.errorCode;
import static dev.databricksmcp.server.testing.SandboxFixture.items;
import static dev.databricksmcp.server.testing.SandboxFixture.message;
import static dev.databricksmcp.server.testing.SandboxFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.service.catalog.CreateRegisteredModelRequest;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.uc.RegisteredModels;
import dev.databricksmcp.server.testing.SandboxFixture;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Unity Catalog model tools on the sandbox through the real SDK: which version is @champion,
 * moving it and seeing the move, comments, confirmed deletes that name what goes (versions,
 * aliases), a user without EXECUTE refused as the API refuses, and bad names refused before any
 * call. Each test that changes a model makes its own (versions are added through the sandbox's
 * state, as MLflow's registry would add them); the sample model main.default.churn_model is only
 * read.
 */
@Timeout(120)
class ModelToolsTest {
  private static final String CHURN = "main.default.churn_model";
  private static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  /** A new model in main.default with {@code versions} READY versions; its full name. */
  private static String model(String name, int versions) {
    String full = "main.default." + name;
    fx.adminClient()
        .registeredModels()
        .create(
            new CreateRegisteredModelRequest()
                .setCatalogName("main")
                .setSchemaName("default")
                .setName(name));
    RegisteredModels state = fx.sandbox.state(RegisteredModels.class);
    for (int i = 1; i <= versions; i++) {
      state.addVersion(
          full,
          "dbfs:/models/" + name + "/" + i,
          "run" + i,
          "v" + i,
          Identities.ADMIN.userName(),
          i);
    }
    return full;
  }

  @Test
  void whichVersionIsChampion() {
    Map<String, Object> champion =
        ok(fx.call("get_model_version", Map.of("full_name", CHURN, "version", "@champion")));
    assertThat(champion)
        .containsEntry("version", 2)
        .containsEntry("status", "READY")
        .containsEntry("aliases", List.of("champion"))
        .containsEntry("full_name", CHURN);
    assertThat(
            message(
                fx.call("get_model_version", Map.of("full_name", CHURN, "version", "@champion"))))
        .contains("@champion")
        .contains("version 2");

    Map<String, Object> model = ok(fx.call("get_registered_model", Map.of("full_name", CHURN)));
    assertThat(model.get("aliases")).isEqualTo(List.of("challenger → v3", "champion → v2"));
    assertThat(model).containsEntry("version_count", 3);
    assertThat(
            message(
                fx.call("get_registered_model", Map.of("full_name", "MAIN.Default.Churn_Model"))))
        .contains("3 versions")
        .contains("champion → v2");

    List<Map<String, Object>> rows =
        items(
            fx.call(
                "list_registered_models",
                Map.of("catalog_name", "main", "schema_name", "default")));
    assertThat(rows)
        .filteredOn(r -> CHURN.equals(r.get("full_name")))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.get("aliases"))
                    .isEqualTo(List.of("challenger → v3", "champion → v2")));
  }

  @Test
  void moveTheChampionAndSeeTheMove() {
    String full = model("promoted", 3);
    Map<String, Object> first =
        ok(
            fx.call(
                "set_model_alias", Map.of("full_name", full, "alias", "champion", "version", 2)));
    assertThat(first).containsEntry("version", 2).doesNotContainKey("previous_version");

    CallToolResult moved =
        fx.call("set_model_alias", Map.of("full_name", full, "alias", "@champion", "version", "3"));
    assertThat(ok(moved)).containsEntry("previous_version", 2).containsEntry("version", 3);
    assertThat(message(moved)).contains("from version 2 to version 3");

    assertThat(ok(fx.call("get_model_version", Map.of("full_name", full, "version", "@champion"))))
        .containsEntry("version", 3);
    List<Map<String, Object>> versions =
        items(fx.call("list_model_versions", Map.of("full_name", full)));
    assertThat(versions).extracting(v -> v.get("version")).containsExactlyInAnyOrder(1, 2, 3);
    assertThat(versions)
        .filteredOn(v -> Integer.valueOf(3).equals(v.get("version")))
        .singleElement()
        .satisfies(v -> assertThat(v.get("aliases")).isEqualTo(List.of("champion")));

    CallToolResult removed =
        fx.call("delete_model_alias", Map.of("full_name", full, "alias", "champion"));
    assertThat(ok(removed)).containsEntry("previous_version", 3);
    assertThat(
            errorCode(
                fx.call("get_model_version", Map.of("full_name", full, "version", "@champion"))))
        .isEqualTo("NOT_FOUND");
    assertThat(
            errorCode(
                fx.call("delete_model_alias", Map.of("full_name", full, "alias", "champion"))))
        .isEqualTo("NOT_FOUND");
    assertThat(
            errorCode(
                fx.call("set_model_alias", Map.of("full_name", full, "alias", "x", "version", 9))))
        .isEqualTo("NOT_FOUND");
  }

  @Test
  void updateTheComment() {
    String full = model("commented", 1);
    CallToolResult updated =
        fx.call(
            "update_registered_model", Map.of("full_name", full, "comment", "Retrained weekly"));
    assertThat(ok(updated)).containsEntry("comment", "Retrained weekly");
    assertThat(message(updated)).contains("comment");
    assertThat(ok(fx.call("get_registered_model", Map.of("full_name", full))))
        .containsEntry("comment", "Retrained weekly");
    assertThat(errorCode(fx.call("update_registered_model", Map.of("full_name", full))))
        .isEqualTo("VALIDATION_ERROR");
  }

  @Test
  void deletingAVersionThatHoldsAnAliasIsConfirmedNamingIt() {
    String full = model("pruned", 2);
    fx.call("set_model_alias", Map.of("full_name", full, "alias", "champion", "version", 1));
    Map<String, Object> args = new HashMap<>(Map.of("full_name", full, "version", 1));
    CallToolResult asked = fx.callConfirming("delete_model_version", args);
    assertThat(errorCode(asked)).isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(String.valueOf(body(asked).get("error")))
        .contains("version 1")
        .contains("@champion");
    args.put("confirmation_token", token(asked));
    CallToolResult done = fx.callConfirming("delete_model_version", args);
    assertThat(ok(done))
        .containsEntry("deleted", true)
        .containsEntry("deleted_aliases", List.of("champion"));
    assertThat(errorCode(fx.call("get_model_version", Map.of("full_name", full, "version", 1))))
        .isEqualTo("NOT_FOUND");
    assertThat(ok(fx.call("get_registered_model", Map.of("full_name", full))))
        .containsEntry("version_count", 1)
        .doesNotContainKey("aliases");
  }

  @Test
  void deletingAModelIsConfirmedNamingItsVersionsAndAliases() {
    String full = model("retired", 2);
    fx.call("set_model_alias", Map.of("full_name", full, "alias", "champion", "version", 2));
    Map<String, Object> args = new HashMap<>(Map.of("full_name", full));
    CallToolResult asked = fx.callConfirming("delete_registered_model", args);
    assertThat(String.valueOf(body(asked).get("error")))
        .contains(full)
        .contains("2 versions")
        .contains("champion → v2");
    args.put("confirmation_token", token(asked));
    assertThat(ok(fx.callConfirming("delete_registered_model", args)))
        .containsEntry("deleted", true)
        .containsEntry("deleted_versions", 2);
    assertThat(errorCode(fx.call("get_registered_model", Map.of("full_name", full))))
        .isEqualTo("NOT_FOUND");
  }

  @Test
  void aUserWithoutExecuteIsRefusedAndDoesNotSeeTheModel() {
    // the analyst may use main.default but holds no EXECUTE on the sample model
    CallToolResult get =
        fx.call("get_registered_model", Map.of("full_name", CHURN), Identities.USER_TOKEN, false);
    assertThat(errorCode(get)).isEqualTo("PERMISSION_DENIED");
    assertThat(items(fx.call("list_registered_models", Map.of(), Identities.USER_TOKEN, false)))
        .extracting(r -> r.get("full_name"))
        .doesNotContain(CHURN);
    assertThat(
            errorCode(
                fx.call(
                    "set_model_alias",
                    Map.of("full_name", CHURN, "alias", "champion", "version", 3),
                    Identities.USER_TOKEN,
                    false)))
        .isEqualTo("PERMISSION_DENIED");
    assertThat(errorCode(fx.call("get_registered_model", Map.of("full_name", "main.default.nope"))))
        .isEqualTo("NOT_FOUND");
  }

  @Test
  void badNamesAreRefusedNamingTheField() {
    assertValidation(
        fx.call("get_registered_model", Map.of("full_name", "main.churn_model")), "full_name");
    assertValidation(
        fx.call("get_model_version", Map.of("full_name", CHURN, "version", "@not an alias")),
        "version");
    assertValidation(
        fx.call("get_model_version", Map.of("full_name", CHURN, "version", "0")), "version");
    assertValidation(
        fx.call("set_model_alias", Map.of("full_name", CHURN, "alias", "a/b", "version", 2)),
        "alias");
    assertValidation(
        fx.call("list_registered_models", Map.of("catalog_name", "main")), "schema_name");
    assertValidation(
        fx.call("delete_model_version", Map.of("full_name", CHURN, "version", -1)), "version");
  }

  private static void assertValidation(CallToolResult r, String field) {
    assertThat(errorCode(r)).isEqualTo("VALIDATION_ERROR");
    assertThat(String.valueOf(body(r).get("error")) + body(r).get("details")).contains(field);
  }

  @SuppressWarnings("unchecked")
  private static Object token(CallToolResult asked) {
    return ((Map<String, Object>) body(asked).get("details")).get("confirmation_token");
  }
}
