package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.analyst;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.catalog.CreateRegisteredModelRequest;
import com.databricks.sdk.service.catalog.DeleteAliasRequest;
import com.databricks.sdk.service.catalog.DeleteRegisteredModelRequest;
import com.databricks.sdk.service.catalog.GetRegisteredModelRequest;
import com.databricks.sdk.service.catalog.ListRegisteredModelsRequest;
import com.databricks.sdk.service.catalog.RegisteredModelInfo;
import com.databricks.sdk.service.catalog.SetRegisteredModelAliasRequest;
import com.databricks.sdk.service.catalog.UpdateRegisteredModelRequest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.uc.RegisteredModels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Unity Catalog registered models and their aliases against the API reference (index:
 * https://docs.databricks.com/api/uc-registered-models/v1/model.md). Reading a model takes EXECUTE
 * on it (or ownership) with USE CATALOG and USE SCHEMA; changing, deleting and aliasing take
 * ownership; creating takes CREATE MODEL or CREATE FUNCTION on the schema. The CLI's {@code
 * registered-models create CATALOG_NAME SCHEMA_NAME NAME} takes the three names as required
 * arguments, so a create without one is an invalid parameter. Where the reference is silent the
 * sandbox chooses, and the test says so: an unknown version or alias is 404 {@code
 * RESOURCE_DOES_NOT_EXIST}; a list carries each model's aliases (the list has no include_aliases).
 */
@Timeout(120)
@ExtendWith(SharedSandbox.class)
class RegisteredModelsContractTest {
  static final String BASE = "/api/2.1/unity-catalog/models";
  static final JsonShape MODEL =
      JsonShape.named("RegisteredModelInfo")
          .required(
              "name",
              "catalog_name",
              "schema_name",
              "full_name",
              "owner",
              "created_at",
              "created_by",
              "updated_at",
              "storage_location",
              "metastore_id");

  /**
   * Create: returns the RegisteredModelInfo object, owned by its creator; a second model of the
   * name is 409 RESOURCE_ALREADY_EXISTS; the analyst has no CREATE MODEL on main.default.
   * https://docs.databricks.com/api/uc-registered-models/v1/create-registered-model.md
   */
  @Test
  @Contract(
      value = "POST /api/2.1/unity-catalog/models",
      doc = "https://docs.databricks.com/api/uc-registered-models/v1/create-registered-model.md")
  void createReturnsTheRegisteredModelInfoObject() {
    String name = unique("contract_model");
    JsonNode created = admin().post(BASE, body(name, "first")).ok();
    MODEL.check(created);
    assertThat(created.get("full_name").asText()).isEqualTo("main.default." + name);
    assertThat(created.get("owner").asText()).isEqualTo(Identities.ADMIN.userName());

    admin()
        .post(BASE, body(name, null))
        .isError(409, "RESOURCE_ALREADY_EXISTS", ResourceAlreadyExists.class);
    analyst()
        .post(BASE, body(unique("not_mine"), null))
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    admin()
        .post(BASE, "{\"catalog_name\": \"main\", \"schema_name\": \"default\"}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin().delete(BASE + "/main.default." + name).okEmpty();
  }

  /**
   * List: {@code {registered_models: [RegisteredModelInfo], next_page_token}}; catalog_name and
   * schema_name go together ("If specified, schema_name must be specified"); models the caller may
   * not read are left out; max_results pages.
   * https://docs.databricks.com/api/uc-registered-models/v1/list-registered-models.md
   */
  @Test
  @Contract(
      value = "GET /api/2.1/unity-catalog/models",
      doc = "https://docs.databricks.com/api/uc-registered-models/v1/list-registered-models.md")
  void listFiltersByPrivilegeAndPages() {
    String name = unique("contract_model");
    admin().post(BASE, body(name, null)).ok();
    JsonNode all =
        admin().get(Wire.query(BASE, "catalog_name", "main", "schema_name", "default")).ok();
    JsonShape.of(
            "{\"registered_models\": [\"@RegisteredModelInfo\"], \"next_page_token\": \"string\"}")
        .required("registered_models[].full_name")
        .check(all);
    assertThat(names(all)).contains("main.default." + name, "main.default.churn_model");

    // the analyst may use main.default but holds EXECUTE on no model there
    assertThat(names(analyst().get(BASE).ok())).doesNotContain("main.default." + name);

    JsonNode first = admin().get(Wire.query(BASE, "max_results", "1")).ok();
    assertThat(first.get("registered_models")).hasSize(1);
    JsonNode second =
        admin()
            .get(
                Wire.query(
                    BASE, "max_results", "1", "page_token", first.get("next_page_token").asText()))
            .ok();
    assertThat(names(second)).doesNotContainAnyElementsOf(names(first));

    admin()
        .get(Wire.query(BASE, "catalog_name", "main"))
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin().delete(BASE + "/main.default." + name).okEmpty();
  }

  /**
   * Get: the RegisteredModelInfo object, with its aliases when include_aliases=true; unknown is
   * 404; a reader without EXECUTE is refused.
   * https://docs.databricks.com/api/uc-registered-models/v1/get-registered-model.md
   */
  @Test
  @Contract(
      value = "GET /api/2.1/unity-catalog/models/{full_name}",
      doc = "https://docs.databricks.com/api/uc-registered-models/v1/get-registered-model.md")
  void getReturnsTheModelAndItsAliasesWhenAsked() {
    JsonNode plain = admin().get(BASE + "/main.default.churn_model").ok();
    MODEL.check(plain);
    assertThat(plain.has("aliases")).isFalse();
    JsonNode withAliases =
        admin().get(Wire.query(BASE + "/main.default.churn_model", "include_aliases", "true")).ok();
    MODEL.required("aliases[].alias_name", "aliases[].version_num").check(withAliases);

    admin()
        .get(BASE + "/main.default.no_such_model")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    analyst()
        .get(BASE + "/main.default.churn_model")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
  }

  /**
   * Update: PATCH returns the updated object; comment, owner and new_name are what it changes; only
   * the owner may.
   * https://docs.databricks.com/api/uc-registered-models/v1/update-registered-model.md
   */
  @Test
  @Contract(
      value = "PATCH /api/2.1/unity-catalog/models/{full_name}",
      doc = "https://docs.databricks.com/api/uc-registered-models/v1/update-registered-model.md")
  void updateChangesCommentAndName() {
    String name = unique("contract_model");
    admin().post(BASE, body(name, null)).ok();
    JsonNode updated =
        admin().patch(BASE + "/main.default." + name, "{\"comment\": \"retrained\"}").ok();
    MODEL.check(updated);
    assertThat(updated.get("comment").asText()).isEqualTo("retrained");

    String renamed = unique("contract_renamed");
    JsonNode moved =
        admin().patch(BASE + "/main.default." + name, "{\"new_name\": \"" + renamed + "\"}").ok();
    assertThat(moved.get("full_name").asText()).isEqualTo("main.default." + renamed);
    assertThat(moved.get("comment").asText()).isEqualTo("retrained");
    admin()
        .get(BASE + "/main.default." + name)
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    analyst()
        .patch(BASE + "/main.default." + renamed, "{\"comment\": \"mine\"}")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    admin().delete(BASE + "/main.default." + renamed).okEmpty();
  }

  /**
   * Delete: an empty answer; the model goes with all its versions.
   * https://docs.databricks.com/api/uc-registered-models/v1/delete-registered-model.md
   */
  @Test
  @Contract(
      value = "DELETE /api/2.1/unity-catalog/models/{full_name}",
      doc = "https://docs.databricks.com/api/uc-registered-models/v1/delete-registered-model.md")
  void deleteRemovesTheModelAndItsVersions() {
    String full = withVersions(2);
    analyst().delete(BASE + "/" + full).isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    admin().delete(BASE + "/" + full).okEmpty();
    admin()
        .get(BASE + "/" + full)
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    assertThat(models().version(full, 1)).isEmpty();
  }

  /**
   * Set alias: PUT with {@code version_num} returns the alias object; setting it again moves it
   * (one version per alias). An unknown version is 404 (the reference is silent: the sandbox's
   * choice). https://docs.databricks.com/api/uc-registered-models/v1/set-registered-model-alias.md
   */
  @Test
  @Contract(
      value = "PUT /api/2.1/unity-catalog/models/{full_name}/aliases/{alias}",
      doc = "https://docs.databricks.com/api/uc-registered-models/v1/set-registered-model-alias.md")
  void setAliasPointsAndMovesIt() {
    String full = withVersions(2);
    JsonNode alias = put(BASE + "/" + full + "/aliases/champion", "{\"version_num\": 1}").ok();
    JsonShape.named("RegisteredModelAlias").required("alias_name", "version_num").check(alias);
    assertThat(alias.get("version_num").asLong()).isEqualTo(1);
    put(BASE + "/" + full + "/aliases/champion", "{\"version_num\": 2}").ok();
    assertThat(models().versionByAlias(full, "champion").orElseThrow().getVersion()).isEqualTo(2);

    put(BASE + "/" + full + "/aliases/champion", "{\"version_num\": 9}")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    put(BASE + "/" + full + "/aliases/champion", "{}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin().delete(BASE + "/" + full).okEmpty();
  }

  /**
   * Delete alias: an empty answer, the alias is gone and the version stays.
   * https://docs.databricks.com/api/uc-registered-models/v1/delete-registered-model-alias.md
   */
  @Test
  @Contract(
      value = "DELETE /api/2.1/unity-catalog/models/{full_name}/aliases/{alias}",
      doc =
          "https://docs.databricks.com/api/uc-registered-models/v1/delete-registered-model-alias.md")
  void deleteAliasLeavesTheVersion() {
    String full = withVersions(1);
    put(BASE + "/" + full + "/aliases/staging", "{\"version_num\": 1}").ok();
    admin().delete(BASE + "/" + full + "/aliases/staging").okEmpty();
    assertThat(models().versionByAlias(full, "staging")).isEmpty();
    assertThat(models().version(full, 1)).isPresent();
    admin()
        .delete(BASE + "/" + full + "/aliases/staging")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    admin().delete(BASE + "/" + full).okEmpty();
  }

  /**
   * Grants on a model go through the permissions API as a FUNCTION (the SDK has no model securable
   * type): EXECUTE granted on it lets the analyst read it and list it.
   * https://docs.databricks.com/api/uc-grants/v1/update-permissions.md
   */
  @Test
  @Contract(
      value = "PATCH /api/2.1/unity-catalog/permissions/{type}/{full_name}",
      doc = "https://docs.databricks.com/api/uc-grants/v1/update-permissions.md")
  void executeGrantedAsAFunctionLetsTheAnalystRead() {
    String full = withVersions(1);
    analyst().get(BASE + "/" + full).isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    admin()
        .patch(
            "/api/2.1/unity-catalog/permissions/function/" + full,
            "{\"changes\": [{\"principal\": \""
                + Identities.ANALYST.userName()
                + "\", \"add\": [\"EXECUTE\"]}]}")
        .ok();
    MODEL.check(analyst().get(BASE + "/" + full).ok());
    assertThat(names(analyst().get(BASE).ok())).contains(full);
    admin().delete(BASE + "/" + full).okEmpty();
    admin()
        .get("/api/2.1/unity-catalog/permissions/function/" + full)
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  /** Create, get, list, update, set and delete an alias, delete, through the SDK for Java. */
  @Test
  @Contract(
      value = "POST /api/2.1/unity-catalog/models",
      doc = "https://docs.databricks.com/api/uc-registered-models/v1/create-registered-model.md")
  @Contract(
      value = "PUT /api/2.1/unity-catalog/models/{full_name}/aliases/{alias}",
      doc = "https://docs.databricks.com/api/uc-registered-models/v1/set-registered-model-alias.md")
  void sdkRoundTrip() {
    WorkspaceClient w = SharedSandbox.sdk(Identities.ADMIN_TOKEN);
    String name = unique("contract_sdk");
    RegisteredModelInfo m =
        w.registeredModels()
            .create(
                new CreateRegisteredModelRequest()
                    .setCatalogName("main")
                    .setSchemaName("default")
                    .setName(name)
                    .setComment("from the SDK"));
    String full = m.getFullName();
    models().addVersion(full, "dbfs:/x", "r1", null, Identities.ADMIN.userName(), 1L);
    w.registeredModels()
        .setAlias(
            new SetRegisteredModelAliasRequest()
                .setFullName(full)
                .setAlias("champion")
                .setVersionNum(1L));
    RegisteredModelInfo got =
        w.registeredModels()
            .get(new GetRegisteredModelRequest().setFullName(full).setIncludeAliases(true));
    assertThat(got.getAliases())
        .singleElement()
        .satisfies(a -> assertThat(a.getVersionNum()).isEqualTo(1L));
    List<String> listed = new ArrayList<>();
    w.registeredModels()
        .list(new ListRegisteredModelsRequest().setCatalogName("main").setSchemaName("default"))
        .forEach(x -> listed.add(x.getFullName()));
    assertThat(listed).contains(full);
    assertThat(
            w.registeredModels()
                .update(new UpdateRegisteredModelRequest().setFullName(full).setComment("changed"))
                .getComment())
        .isEqualTo("changed");
    w.registeredModels()
        .deleteAlias(new DeleteAliasRequest().setFullName(full).setAlias("champion"));
    w.registeredModels().delete(new DeleteRegisteredModelRequest().setFullName(full));
    assertThatThrownBy(
            () -> w.registeredModels().get(new GetRegisteredModelRequest().setFullName(full)))
        .isInstanceOf(ResourceDoesNotExist.class);
  }

  static RegisteredModels models() {
    return SharedSandbox.sandbox().state(RegisteredModels.class);
  }

  /** A new model in main.default with this many READY versions, by its full name. */
  static String withVersions(int count) {
    String name = unique("contract_model");
    admin().post(BASE, body(name, null)).ok();
    String full = "main.default." + name;
    for (int i = 0; i < count; i++) {
      models()
          .addVersion(full, "dbfs:/models/" + i, "run" + i, null, Identities.ADMIN.userName(), 1L);
    }
    return full;
  }

  static Reply put(String path, String json) {
    return admin().send("PUT", path, "application/json", json);
  }

  private static List<String> names(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.path("registered_models").forEach(m -> out.add(m.get("full_name").asText()));
    return out;
  }

  private static String body(String name, String comment) {
    return "{\"catalog_name\": \"main\", \"schema_name\": \"default\", \"name\": \""
        + name
        + "\""
        + (comment == null ? "" : ", \"comment\": \"" + comment + "\"")
        + "}";
  }
}
