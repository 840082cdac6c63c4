package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.analyst;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.catalog.CreateVolumeRequestContent;
import com.databricks.sdk.service.catalog.DeleteVolumeRequest;
import com.databricks.sdk.service.catalog.ReadVolumeRequest;
import com.databricks.sdk.service.catalog.UpdateVolumeRequestContent;
import com.databricks.sdk.service.catalog.VolumeInfo;
import com.databricks.sdk.service.catalog.VolumeType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Identities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Unity Catalog volumes against the API reference (index:
 * https://docs.databricks.com/api/uc-volumes/v1/volume.md) and the OpenAPI spec's request rules as
 * the Go SDK carries them ({@code CreateVolumeRequestContent}: {@code catalog_name}, {@code
 * schema_name}, {@code name} and {@code volume_type} required; {@code ListVolumesRequest}: query
 * {@code catalog_name} and {@code schema_name} required). The CLI's {@code volumes create
 * CATALOG_NAME SCHEMA_NAME NAME VOLUME_TYPE} takes the same four as arguments.
 */
@Timeout(120)
@ExtendWith(SharedSandbox.class)
class VolumesContractTest {
  private static final String BASE = "/api/2.1/unity-catalog/volumes";
  private static final JsonShape VOLUME =
      JsonShape.named("VolumeInfo")
          .required(
              "name",
              "catalog_name",
              "schema_name",
              "full_name",
              "volume_type",
              "owner",
              "storage_location",
              "volume_id",
              "created_at");

  /**
   * Create: returns the VolumeInfo object; the caller needs CREATE VOLUME on the schema; a second
   * volume of the same name is a 409 conflict ({@code RESOURCE_ALREADY_EXISTS}, the SDK's
   * ResourceAlreadyExists). https://docs.databricks.com/api/uc-volumes/v1/create-volume.md
   */
  @Test
  @Contract(
      value = "POST /api/2.1/unity-catalog/volumes",
      doc = "https://docs.databricks.com/api/uc-volumes/v1/create-volume.md")
  void createReturnsTheVolumeInfoObject() {
    String name = unique("contract_vol");
    JsonNode created = admin().post(BASE, body(name, "MANAGED")).ok();
    VOLUME.check(created);
    assertThat(created.get("full_name").asText()).isEqualTo("main.default." + name);
    assertThat(created.get("volume_type").asText()).isEqualTo("MANAGED");

    admin()
        .post(BASE, body(name, "MANAGED"))
        .isError(409, "RESOURCE_ALREADY_EXISTS", ResourceAlreadyExists.class);
    analyst()
        .post(BASE, body(unique("not_mine"), "MANAGED"))
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    admin()
        .post(
            BASE,
            "{\"catalog_name\": \"main\", \"schema_name\": \"default\", \"volume_type\": \"MANAGED\"}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin().delete(BASE + "/main.default." + name).okEmpty();
  }

  /**
   * {@code volume_type} is required (MANAGED or EXTERNAL): a create without it is an invalid
   * parameter, not a managed volume by default. The spec's {@code CreateVolumeRequestContent} has
   * it without omitempty, and the CLI takes it as a positional argument.
   * https://docs.databricks.com/api/uc-volumes/v1/create-volume.md
   */
  @Test
  @Contract(
      value = "POST /api/2.1/unity-catalog/volumes",
      doc = "https://docs.databricks.com/api/uc-volumes/v1/create-volume.md")
  void volumeTypeIsRequired() {
    String name = unique("contract_vol");
    admin()
        .post(
            BASE,
            "{\"catalog_name\": \"main\", \"schema_name\": \"default\", \"name\": \""
                + name
                + "\"}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin()
        .get(BASE + "/main.default." + name)
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  /**
   * List: {@code {volumes: [VolumeInfo], next_page_token}}; {@code catalog_name} and {@code
   * schema_name} are required. https://docs.databricks.com/api/uc-volumes/v1/list-volumes.md
   */
  @Test
  @Contract(
      value = "GET /api/2.1/unity-catalog/volumes",
      doc = "https://docs.databricks.com/api/uc-volumes/v1/list-volumes.md")
  void listNeedsCatalogAndSchema() {
    String name = unique("contract_vol");
    admin().post(BASE, body(name, "MANAGED")).ok();
    JsonNode all =
        admin().get(Wire.query(BASE, "catalog_name", "main", "schema_name", "default")).ok();
    JsonShape.of("{\"volumes\": [\"@VolumeInfo\"], \"next_page_token\": \"string\"}")
        .required("volumes[].full_name")
        .check(all);
    boolean listed = false;
    for (JsonNode v : all.get("volumes")) {
      listed |= v.get("name").asText().equals(name);
    }
    assertThat(listed).isTrue();
    admin()
        .get(Wire.query(BASE, "catalog_name", "main"))
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin().delete(BASE + "/main.default." + name).okEmpty();
  }

  /**
   * Get by full name: the VolumeInfo object; an unknown volume is 404, which the SDK raises as
   * ResourceDoesNotExist. https://docs.databricks.com/api/uc-volumes/v1/get-volume.md
   */
  @Test
  @Contract(
      value = "GET /api/2.1/unity-catalog/volumes/{name}",
      doc = "https://docs.databricks.com/api/uc-volumes/v1/get-volume.md")
  void getReturnsTheVolume() {
    String name = unique("contract_vol");
    admin().post(BASE, body(name, "MANAGED")).ok();
    VOLUME.check(admin().get(BASE + "/main.default." + name).ok());
    admin()
        .get(BASE + "/main.default.no_such_volume")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    admin().delete(BASE + "/main.default." + name).okEmpty();
  }

  /**
   * Update: PATCH returns the updated VolumeInfo object.
   * https://docs.databricks.com/api/uc-volumes/v1/update-volume.md
   */
  @Test
  @Contract(
      value = "PATCH /api/2.1/unity-catalog/volumes/{name}",
      doc = "https://docs.databricks.com/api/uc-volumes/v1/update-volume.md")
  void updateReturnsTheUpdatedVolume() {
    String name = unique("contract_vol");
    admin().post(BASE, body(name, "MANAGED")).ok();
    JsonNode updated = admin().patch(BASE + "/main.default." + name, "{\"comment\": \"new\"}").ok();
    VOLUME.check(updated);
    assertThat(updated.get("comment").asText()).isEqualTo("new");
    admin().delete(BASE + "/main.default." + name).okEmpty();
  }

  /**
   * Delete: an empty answer, and the volume is gone.
   * https://docs.databricks.com/api/uc-volumes/v1/delete-volume.md
   */
  @Test
  @Contract(
      value = "DELETE /api/2.1/unity-catalog/volumes/{name}",
      doc = "https://docs.databricks.com/api/uc-volumes/v1/delete-volume.md")
  void deleteAnswersEmptyAndTheVolumeIsGone() {
    String name = unique("contract_vol");
    admin().post(BASE, body(name, "MANAGED")).ok();
    admin().delete(BASE + "/main.default." + name).okEmpty();
    admin()
        .get(BASE + "/main.default." + name)
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  /** Create, read, update and delete through the Databricks SDK for Java. */
  @Test
  @Contract(
      value = "POST /api/2.1/unity-catalog/volumes",
      doc = "https://docs.databricks.com/api/uc-volumes/v1/create-volume.md")
  @Contract(
      value = "GET /api/2.1/unity-catalog/volumes/{name}",
      doc = "https://docs.databricks.com/api/uc-volumes/v1/get-volume.md")
  void sdkRoundTrip() {
    WorkspaceClient sdk = SharedSandbox.sdk(Identities.ADMIN_TOKEN);
    String name = unique("contract_sdk");
    VolumeInfo v =
        sdk.volumes()
            .create(
                new CreateVolumeRequestContent()
                    .setCatalogName("main")
                    .setSchemaName("default")
                    .setName(name)
                    .setVolumeType(VolumeType.MANAGED));
    sdk.volumes().update(new UpdateVolumeRequestContent().setName(v.getFullName()).setComment("x"));
    assertThat(sdk.volumes().read(new ReadVolumeRequest().setName(v.getFullName())).getComment())
        .isEqualTo("x");
    sdk.volumes().delete(new DeleteVolumeRequest().setName(v.getFullName()));
  }

  static String body(String name, String type) {
    return "{\"catalog_name\": \"main\", \"schema_name\": \"default\", \"name\": \""
        + name
        + "\", \"volume_type\": \""
        + type
        + "\"}";
  }
}
