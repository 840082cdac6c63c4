package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.RegisteredModelsContractTest.BASE;
import static dev.databricksmcp.sandbox.contract.RegisteredModelsContractTest.models;
import static dev.databricksmcp.sandbox.contract.RegisteredModelsContractTest.put;
import static dev.databricksmcp.sandbox.contract.RegisteredModelsContractTest.withVersions;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.analyst;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.catalog.DeleteModelVersionRequest;
import com.databricks.sdk.service.catalog.DeleteSchemaRequest;
import com.databricks.sdk.service.catalog.GetByAliasRequest;
import com.databricks.sdk.service.catalog.GetModelVersionRequest;
import com.databricks.sdk.service.catalog.ListModelVersionsRequest;
import com.databricks.sdk.service.catalog.ModelVersionInfo;
import com.databricks.sdk.service.catalog.ModelVersionInfoStatus;
import com.databricks.sdk.service.catalog.UpdateModelVersionRequest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Identities;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Unity Catalog model versions against the API reference (index:
 * https://docs.databricks.com/api/uc-registered-models/v1/model-version.md): list, get (by number
 * or by alias), update (only the comment) and delete (its aliases go with it). Versions are made by
 * MLflow's registry in Databricks; here the tests add them through the sandbox's state. The order
 * of a list is not documented: the sandbox lists the newest first.
 */
@Timeout(120)
@ExtendWith(SharedSandbox.class)
class ModelVersionsContractTest {
  private static final JsonShape VERSION =
      JsonShape.named("ModelVersionInfo")
          .required(
              "model_name",
              "catalog_name",
              "schema_name",
              "version",
              "status",
              "source",
              "storage_location",
              "created_at",
              "created_by",
              "id");

  /**
   * List: {@code {model_versions: [ModelVersionInfo], next_page_token}}, paged by max_results; a
   * caller without EXECUTE on the model is refused.
   * https://docs.databricks.com/api/uc-registered-models/v1/list-model-versions.md
   */
  @Test
  @Contract(
      value = "GET /api/2.1/unity-catalog/models/{full_name}/versions",
      doc = "https://docs.databricks.com/api/uc-registered-models/v1/list-model-versions.md")
  void listPagesTheVersions() {
    String full = withVersions(3);
    JsonNode all = admin().get(BASE + "/" + full + "/versions").ok();
    JsonShape.of("{\"model_versions\": [\"@ModelVersionInfo\"], \"next_page_token\": \"string\"}")
        .required("model_versions[].version")
        .check(all);
    assertThat(all.get("model_versions")).hasSize(3);
    JsonNode first =
        admin().get(Wire.query(BASE + "/" + full + "/versions", "max_results", "2")).ok();
    assertThat(first.get("model_versions")).hasSize(2);
    assertThat(first.get("next_page_token").asText()).isNotEmpty();
    analyst()
        .get(BASE + "/" + full + "/versions")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    admin()
        .get(BASE + "/main.default.no_such_model/versions")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    admin().delete(BASE + "/" + full).okEmpty();
  }

  /**
   * Get: the ModelVersionInfo object, READY, with its aliases when include_aliases=true; an unknown
   * version is 404, a version that is not a number 400.
   * https://docs.databricks.com/api/uc-registered-models/v1/get-model-version.md
   */
  @Test
  @Contract(
      value = "GET /api/2.1/unity-catalog/models/{full_name}/versions/{version}",
      doc = "https://docs.databricks.com/api/uc-registered-models/v1/get-model-version.md")
  void getReturnsTheVersion() {
    JsonNode v =
        admin()
            .get(
                Wire.query(
                    BASE + "/main.default.churn_model/versions/2", "include_aliases", "true"))
            .ok();
    VERSION.required("aliases[].alias_name").check(v);
    assertThat(v.get("status").asText()).isEqualTo("READY");
    assertThat(v.get("aliases").get(0).get("alias_name").asText()).isEqualTo("champion");
    admin()
        .get(BASE + "/main.default.churn_model/versions/99")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    admin()
        .get(BASE + "/main.default.churn_model/versions/two")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
  }

  /**
   * Get by alias: the version the alias points to; an unknown alias is 404 (the sandbox's choice
   * where the reference is silent).
   * https://docs.databricks.com/api/uc-registered-models/v1/get-model-version-by-alias.md
   */
  @Test
  @Contract(
      value = "GET /api/2.1/unity-catalog/models/{full_name}/aliases/{alias}",
      doc = "https://docs.databricks.com/api/uc-registered-models/v1/get-model-version-by-alias.md")
  void getByAliasReturnsTheVersionItPointsTo() {
    JsonNode v = admin().get(BASE + "/main.default.churn_model/aliases/challenger").ok();
    VERSION.check(v);
    assertThat(v.get("version").asLong()).isEqualTo(3);
    admin()
        .get(BASE + "/main.default.churn_model/aliases/nobody")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  /**
   * Update: only the comment changes; returns the version.
   * https://docs.databricks.com/api/uc-registered-models/v1/update-model-version.md
   */
  @Test
  @Contract(
      value = "PATCH /api/2.1/unity-catalog/models/{full_name}/versions/{version}",
      doc = "https://docs.databricks.com/api/uc-registered-models/v1/update-model-version.md")
  void updateChangesTheComment() {
    String full = withVersions(1);
    JsonNode v = admin().patch(BASE + "/" + full + "/versions/1", "{\"comment\": \"good\"}").ok();
    VERSION.check(v);
    assertThat(v.get("comment").asText()).isEqualTo("good");
    admin().delete(BASE + "/" + full).okEmpty();
  }

  /**
   * Delete: an empty answer; "any aliases assigned to the model version will also be deleted".
   * https://docs.databricks.com/api/uc-registered-models/v1/delete-model-version.md
   */
  @Test
  @Contract(
      value = "DELETE /api/2.1/unity-catalog/models/{full_name}/versions/{version}",
      doc = "https://docs.databricks.com/api/uc-registered-models/v1/delete-model-version.md")
  void deleteTakesTheVersionsAliasesWithIt() {
    String full = withVersions(2);
    put(BASE + "/" + full + "/aliases/champion", "{\"version_num\": 1}").ok();
    analyst()
        .delete(BASE + "/" + full + "/versions/1")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    admin().delete(BASE + "/" + full + "/versions/1").okEmpty();
    admin()
        .get(BASE + "/" + full + "/versions/1")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    admin()
        .get(BASE + "/" + full + "/aliases/champion")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    assertThat(models().version(full, 2)).isPresent();
    admin().delete(BASE + "/" + full).okEmpty();
  }

  /** Dropping a schema with force drops its models, as it drops its tables and volumes. */
  @Test
  @Contract(
      value = "GET /api/2.1/unity-catalog/models/{full_name}",
      doc = "https://docs.databricks.com/api/uc-schemas/v1/delete-schema.md")
  void droppingTheSchemaDropsItsModels() {
    WorkspaceClient w = SharedSandbox.sdk(Identities.ADMIN_TOKEN);
    String schema = unique("contract_models");
    admin()
        .post(
            "/api/2.1/unity-catalog/schemas",
            "{\"catalog_name\": \"main\", \"name\": \"" + schema + "\"}")
        .ok();
    admin()
        .post(
            BASE,
            "{\"catalog_name\": \"main\", \"schema_name\": \"" + schema + "\", \"name\": \"m\"}")
        .ok();
    String full = "main." + schema + ".m";
    w.schemas().delete(new DeleteSchemaRequest().setFullName("main." + schema).setForce(true));
    assertThat(models().model(full)).isEmpty();
    admin()
        .get(BASE + "/" + full)
        .isError(
            404, "SCHEMA_DOES_NOT_EXIST", com.databricks.sdk.core.error.platform.NotFound.class);
  }

  /** List, get, get by alias, update and delete through the SDK for Java. */
  @Test
  @Contract(
      value = "GET /api/2.1/unity-catalog/models/{full_name}/versions",
      doc = "https://docs.databricks.com/api/uc-registered-models/v1/list-model-versions.md")
  @Contract(
      value = "GET /api/2.1/unity-catalog/models/{full_name}/aliases/{alias}",
      doc = "https://docs.databricks.com/api/uc-registered-models/v1/get-model-version-by-alias.md")
  void sdkRoundTrip() {
    WorkspaceClient w = SharedSandbox.sdk(Identities.ADMIN_TOKEN);
    String full = withVersions(2);
    put(BASE + "/" + full + "/aliases/champion", "{\"version_num\": 2}").ok();
    List<Long> numbers = new ArrayList<>();
    w.modelVersions()
        .list(new ListModelVersionsRequest().setFullName(full))
        .forEach(v -> numbers.add(v.getVersion()));
    assertThat(numbers).containsExactlyInAnyOrder(1L, 2L);
    ModelVersionInfo v1 =
        w.modelVersions().get(new GetModelVersionRequest().setFullName(full).setVersion(1L));
    assertThat(v1.getStatus()).isEqualTo(ModelVersionInfoStatus.READY);
    assertThat(
            w.modelVersions()
                .getByAlias(new GetByAliasRequest().setFullName(full).setAlias("champion"))
                .getVersion())
        .isEqualTo(2L);
    assertThat(
            w.modelVersions()
                .update(
                    new UpdateModelVersionRequest()
                        .setFullName(full)
                        .setVersion(1L)
                        .setComment("checked"))
                .getComment())
        .isEqualTo("checked");
    w.modelVersions().delete(new DeleteModelVersionRequest().setFullName(full).setVersion(1L));
    assertThatThrownBy(
            () ->
                w.modelVersions()
                    .get(new GetModelVersionRequest().setFullName(full).setVersion(1L)))
        .isInstanceOf(ResourceDoesNotExist.class);
    admin().delete(BASE + "/" + full).okEmpty();
  }
}
