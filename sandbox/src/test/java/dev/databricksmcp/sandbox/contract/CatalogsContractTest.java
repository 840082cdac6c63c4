package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.analyst;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceConflict;
import com.databricks.sdk.service.catalog.CatalogInfo;
import com.databricks.sdk.service.catalog.CreateCatalog;
import com.databricks.sdk.service.catalog.DeleteCatalogRequest;
import com.databricks.sdk.service.catalog.GetCatalogRequest;
import com.databricks.sdk.service.catalog.UpdateCatalog;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Identities;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Unity Catalog catalogs against the API reference (index:
 * https://docs.databricks.com/api/uc-catalogs/v1/catalog.md) and the request rules of the OpenAPI
 * spec as the Go SDK carries them (service/catalog/model.go: {@code CreateCatalog.name} required;
 * {@code ListCatalogsRequest.max_results}: 0 = a server-sized page, below 0 = an invalid parameter
 * error).
 */
@Timeout(120)
@ExtendWith(SharedSandbox.class)
class CatalogsContractTest {
  private static final String BASE = "/api/2.1/unity-catalog/catalogs";
  private static final JsonShape CATALOG =
      JsonShape.named("CatalogInfo")
          .required(
              "name",
              "full_name",
              "owner",
              "catalog_type",
              "metastore_id",
              "created_at",
              "created_by");

  /**
   * Get: returns the CatalogInfo object; an unknown catalog is 404 {@code CATALOG_DOES_NOT_EXIST},
   * which the SDK raises as NotFound. https://docs.databricks.com/api/uc-catalogs/v1/get-catalog.md
   */
  @Test
  @Contract(
      value = "GET /api/2.1/unity-catalog/catalogs/{name}",
      doc = "https://docs.databricks.com/api/uc-catalogs/v1/get-catalog.md")
  void getReturnsTheCatalogInfoObject() {
    JsonNode main = admin().get(BASE + "/main").ok();
    CATALOG.check(main);
    assertThat(main.get("name").asText()).isEqualTo("main");
    assertThat(main.get("full_name").asText()).isEqualTo("main");

    admin().get(BASE + "/no_such_catalog").isError(404, "CATALOG_DOES_NOT_EXIST", NotFound.class);
  }

  /**
   * List: {@code {catalogs: [CatalogInfo], next_page_token}}; with {@code max_results} a page and a
   * token for the next until the token is absent; a negative {@code max_results} is an invalid
   * parameter. https://docs.databricks.com/api/uc-catalogs/v1/list-catalogs.md (linked from the
   * index; the paging rules are the spec's text for {@code max_results})
   */
  @Test
  @Contract(
      value = "GET /api/2.1/unity-catalog/catalogs",
      doc = "https://docs.databricks.com/api/uc-catalogs/v1/list-catalogs.md")
  void listPagesWithMaxResultsAndNextPageToken() {
    JsonNode all = admin().get(BASE).ok();
    JsonShape.of("{\"catalogs\": [\"@CatalogInfo\"], \"next_page_token\": \"string\"}")
        .required("catalogs[].name")
        .check(all);
    List<String> names = new ArrayList<>();
    all.get("catalogs").forEach(c -> names.add(c.get("name").asText()));
    assertThat(names).contains("main", "samples", "system");

    List<String> paged = new ArrayList<>();
    String token = null;
    for (int page = 0; page < names.size() + 1; page++) {
      JsonNode reply =
          admin()
              .get(
                  token == null
                      ? Wire.query(BASE, "max_results", "1")
                      : Wire.query(BASE, "max_results", "1", "page_token", token))
              .ok();
      assertThat(reply.get("catalogs").size()).isLessThanOrEqualTo(1);
      reply.get("catalogs").forEach(c -> paged.add(c.get("name").asText()));
      token = reply.has("next_page_token") ? reply.get("next_page_token").asText() : null;
      if (token == null) {
        break;
      }
    }
    assertThat(token).as("the last page has no next_page_token").isNull();
    assertThat(paged).containsExactlyElementsOf(names);

    admin()
        .get(Wire.query(BASE, "max_results", "-1"))
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
  }

  /**
   * Create: {@code name} is required; returns the CatalogInfo object owned by the caller; only a
   * metastore admin or a holder of CREATE_CATALOG may create; a second catalog of the same name is
   * a 409 conflict. https://docs.databricks.com/api/uc-catalogs/v1/create-catalog.md
   */
  @Test
  @Contract(
      value = "POST /api/2.1/unity-catalog/catalogs",
      doc = "https://docs.databricks.com/api/uc-catalogs/v1/create-catalog.md")
  void createReturnsTheNewCatalogAndRefusesDuplicates() {
    String name = unique("contract_cat");
    JsonNode created =
        admin().post(BASE, "{\"name\": \"" + name + "\", \"comment\": \"made by a test\"}").ok();
    CATALOG.check(created);
    assertThat(created.get("name").asText()).isEqualTo(name);
    assertThat(created.get("comment").asText()).isEqualTo("made by a test");
    assertThat(created.get("owner").asText()).isEqualTo(Identities.ADMIN.userName());

    admin()
        .post(BASE, "{\"name\": \"" + name + "\"}")
        .isError(409, "CATALOG_ALREADY_EXISTS", ResourceConflict.class);
    admin()
        .post(BASE, "{\"comment\": \"no name\"}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    analyst()
        .post(BASE, "{\"name\": \"" + unique("not_mine") + "\"}")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    admin().delete(BASE + "/" + name).okEmpty();
  }

  /**
   * Update: PATCH with the fields to change returns the updated CatalogInfo object.
   * https://docs.databricks.com/api/uc-catalogs/v1/update-catalog.md
   */
  @Test
  @Contract(
      value = "PATCH /api/2.1/unity-catalog/catalogs/{name}",
      doc = "https://docs.databricks.com/api/uc-catalogs/v1/update-catalog.md")
  void updateReturnsTheUpdatedCatalog() {
    String name = unique("contract_cat");
    admin().post(BASE, "{\"name\": \"" + name + "\"}").ok();
    JsonNode updated = admin().patch(BASE + "/" + name, "{\"comment\": \"second thoughts\"}").ok();
    CATALOG.check(updated);
    assertThat(updated.get("comment").asText()).isEqualTo("second thoughts");
    assertThat(admin().get(BASE + "/" + name).ok().get("comment").asText())
        .isEqualTo("second thoughts");

    admin()
        .patch(BASE + "/no_such_catalog", "{\"comment\": \"x\"}")
        .isError(404, "CATALOG_DOES_NOT_EXIST", NotFound.class);
    admin().delete(BASE + "/" + name).okEmpty();
  }

  /**
   * Delete: answers an empty object; the catalog is gone afterwards; an unknown catalog is 404.
   * https://docs.databricks.com/api/uc-catalogs/v1/delete-catalog.md
   */
  @Test
  @Contract(
      value = "DELETE /api/2.1/unity-catalog/catalogs/{name}",
      doc = "https://docs.databricks.com/api/uc-catalogs/v1/delete-catalog.md")
  void deleteAnswersEmptyAndTheCatalogIsGone() {
    String name = unique("contract_cat");
    admin().post(BASE, "{\"name\": \"" + name + "\"}").ok();
    admin().delete(BASE + "/" + name).okEmpty();
    admin().get(BASE + "/" + name).isError(404, "CATALOG_DOES_NOT_EXIST", NotFound.class);
    admin().delete(BASE + "/" + name).isError(404, "CATALOG_DOES_NOT_EXIST", NotFound.class);
  }

  /** The same operations through the Databricks SDK for Java: its model reads what we send. */
  @Test
  @Contract(
      value = "POST /api/2.1/unity-catalog/catalogs",
      doc = "https://docs.databricks.com/api/uc-catalogs/v1/create-catalog.md")
  @Contract(
      value = "GET /api/2.1/unity-catalog/catalogs/{name}",
      doc = "https://docs.databricks.com/api/uc-catalogs/v1/get-catalog.md")
  void sdkRoundTrip() {
    WorkspaceClient sdk = SharedSandbox.sdk(Identities.ADMIN_TOKEN);
    String name = unique("contract_sdk");
    CatalogInfo created = sdk.catalogs().create(new CreateCatalog().setName(name));
    assertThat(created.getName()).isEqualTo(name);
    sdk.catalogs().update(new UpdateCatalog().setName(name).setComment("via the SDK"));
    assertThat(sdk.catalogs().get(new GetCatalogRequest().setName(name)).getComment())
        .isEqualTo("via the SDK");
    sdk.catalogs().delete(new DeleteCatalogRequest().setName(name));
    assertThatThrownBy(() -> sdk.catalogs().get(new GetCatalogRequest().setName(name)))
        .isInstanceOf(NotFound.class);
  }
}
