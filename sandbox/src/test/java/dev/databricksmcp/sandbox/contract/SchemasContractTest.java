package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.error.platform.ResourceConflict;
import com.databricks.sdk.service.catalog.CreateSchema;
import com.databricks.sdk.service.catalog.DeleteSchemaRequest;
import com.databricks.sdk.service.catalog.GetSchemaRequest;
import com.databricks.sdk.service.catalog.SchemaInfo;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Identities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Unity Catalog schemas against the API reference (index:
 * https://docs.databricks.com/api/uc-schemas/v1/schema.md) and the OpenAPI spec's request rules as
 * the Go SDK carries them ({@code CreateSchema}: {@code catalog_name} and {@code name} required;
 * {@code ListSchemasRequest}: query {@code catalog_name} required).
 */
@Timeout(120)
@ExtendWith(SharedSandbox.class)
class SchemasContractTest {
  private static final String BASE = "/api/2.1/unity-catalog/schemas";
  private static final JsonShape SCHEMA =
      JsonShape.named("SchemaInfo")
          .required("name", "catalog_name", "full_name", "owner", "metastore_id", "created_at");

  /**
   * Get: the SchemaInfo object; an unknown schema is 404 {@code SCHEMA_DOES_NOT_EXIST}.
   * https://docs.databricks.com/api/uc-schemas/v1/get-schema.md
   */
  @Test
  @Contract(
      value = "GET /api/2.1/unity-catalog/schemas/{full_name}",
      doc = "https://docs.databricks.com/api/uc-schemas/v1/get-schema.md")
  void getReturnsTheSchemaInfoObject() {
    JsonNode schema = admin().get(BASE + "/samples.tpch").ok();
    SCHEMA.check(schema);
    assertThat(schema.get("full_name").asText()).isEqualTo("samples.tpch");
    assertThat(schema.get("catalog_name").asText()).isEqualTo("samples");

    admin()
        .get(BASE + "/main.no_such_schema")
        .isError(404, "SCHEMA_DOES_NOT_EXIST", NotFound.class);
  }

  /**
   * List: {@code {schemas: [SchemaInfo], next_page_token}}; {@code catalog_name} is required.
   * https://docs.databricks.com/api/uc-schemas/v1/list-schemas.md
   */
  @Test
  @Contract(
      value = "GET /api/2.1/unity-catalog/schemas",
      doc = "https://docs.databricks.com/api/uc-schemas/v1/list-schemas.md")
  void listNeedsACatalogAndPages() {
    JsonNode all = admin().get(Wire.query(BASE, "catalog_name", "samples")).ok();
    JsonShape.of("{\"schemas\": [\"@SchemaInfo\"], \"next_page_token\": \"string\"}")
        .required("schemas[].name", "schemas[].catalog_name")
        .check(all);
    assertThat(all.get("schemas").size()).isGreaterThanOrEqualTo(2);

    JsonNode first =
        admin().get(Wire.query(BASE, "catalog_name", "samples", "max_results", "1")).ok();
    assertThat(first.get("schemas").size()).isEqualTo(1);
    assertThat(first.get("next_page_token").asText()).isNotBlank();

    admin().get(BASE).isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin()
        .get(Wire.query(BASE, "catalog_name", "no_such_catalog"))
        .isError(404, "CATALOG_DOES_NOT_EXIST", NotFound.class);
  }

  /**
   * Create: {@code catalog_name} and {@code name} are required; returns the SchemaInfo object owned
   * by the caller; a second schema of the same name is a 409 conflict.
   * https://docs.databricks.com/api/uc-schemas/v1/create-schema.md
   */
  @Test
  @Contract(
      value = "POST /api/2.1/unity-catalog/schemas",
      doc = "https://docs.databricks.com/api/uc-schemas/v1/create-schema.md")
  void createReturnsTheNewSchemaAndRefusesDuplicates() {
    String name = unique("contract_schema");
    JsonNode created =
        admin()
            .post(
                BASE,
                "{\"catalog_name\": \"main\", \"name\": \"" + name + "\", \"comment\": \"c\"}")
            .ok();
    SCHEMA.check(created);
    assertThat(created.get("full_name").asText()).isEqualTo("main." + name);
    assertThat(created.get("owner").asText()).isEqualTo(Identities.ADMIN.userName());

    admin()
        .post(BASE, "{\"catalog_name\": \"main\", \"name\": \"" + name + "\"}")
        .isError(409, "SCHEMA_ALREADY_EXISTS", ResourceConflict.class);
    admin()
        .post(BASE, "{\"name\": \"" + unique("x") + "\"}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin()
        .post(BASE, "{\"catalog_name\": \"main\"}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin().delete(BASE + "/main." + name).okEmpty();
  }

  /**
   * Update: PATCH returns the updated SchemaInfo object.
   * https://docs.databricks.com/api/uc-schemas/v1/update-schema.md
   */
  @Test
  @Contract(
      value = "PATCH /api/2.1/unity-catalog/schemas/{full_name}",
      doc = "https://docs.databricks.com/api/uc-schemas/v1/update-schema.md")
  void updateReturnsTheUpdatedSchema() {
    String name = unique("contract_schema");
    admin().post(BASE, "{\"catalog_name\": \"main\", \"name\": \"" + name + "\"}").ok();
    JsonNode updated = admin().patch(BASE + "/main." + name, "{\"comment\": \"changed\"}").ok();
    SCHEMA.check(updated);
    assertThat(updated.get("comment").asText()).isEqualTo("changed");
    admin()
        .patch(BASE + "/main.no_such_schema", "{\"comment\": \"x\"}")
        .isError(404, "SCHEMA_DOES_NOT_EXIST", NotFound.class);
    admin().delete(BASE + "/main." + name).okEmpty();
  }

  /**
   * Delete: an empty answer, and the schema is gone.
   * https://docs.databricks.com/api/uc-schemas/v1/delete-schema.md
   */
  @Test
  @Contract(
      value = "DELETE /api/2.1/unity-catalog/schemas/{full_name}",
      doc = "https://docs.databricks.com/api/uc-schemas/v1/delete-schema.md")
  void deleteAnswersEmptyAndTheSchemaIsGone() {
    String name = unique("contract_schema");
    admin().post(BASE, "{\"catalog_name\": \"main\", \"name\": \"" + name + "\"}").ok();
    admin().delete(BASE + "/main." + name).okEmpty();
    admin().get(BASE + "/main." + name).isError(404, "SCHEMA_DOES_NOT_EXIST", NotFound.class);
  }

  /** Create, get and delete through the Databricks SDK for Java. */
  @Test
  @Contract(
      value = "POST /api/2.1/unity-catalog/schemas",
      doc = "https://docs.databricks.com/api/uc-schemas/v1/create-schema.md")
  @Contract(
      value = "GET /api/2.1/unity-catalog/schemas/{full_name}",
      doc = "https://docs.databricks.com/api/uc-schemas/v1/get-schema.md")
  void sdkRoundTrip() {
    WorkspaceClient sdk = SharedSandbox.sdk(Identities.ADMIN_TOKEN);
    String name = unique("contract_sdk");
    SchemaInfo created =
        sdk.schemas().create(new CreateSchema().setCatalogName("main").setName(name));
    assertThat(created.getFullName()).isEqualTo("main." + name);
    assertThat(sdk.schemas().get(new GetSchemaRequest().setFullName("main." + name)).getSchemaId())
        .isEqualTo(created.getSchemaId());
    sdk.schemas().delete(new DeleteSchemaRequest().setFullName("main." + name));
  }
}
