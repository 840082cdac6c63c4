package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.analyst;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.service.catalog.FunctionInfo;
import com.databricks.sdk.service.catalog.GetFunctionRequest;
import com.databricks.sdk.service.catalog.ListFunctionsRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.databricksmcp.sandbox.auth.Identities;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Unity Catalog functions against the API reference (index:
 * https://docs.databricks.com/api/uc-functions/v1/function.md) and the OpenAPI spec's request rules
 * as the Go SDK carries them: {@code CreateFunctionRequest.function_info} required, and in it
 * {@code name}, {@code catalog_name}, {@code schema_name}, {@code input_params}, {@code data_type},
 * {@code full_data_type}, {@code routine_body}, {@code routine_definition}, {@code
 * parameter_style}, {@code is_deterministic}, {@code is_null_call}, {@code sql_data_access}, {@code
 * security_type} and {@code specific_name}.
 */
@Timeout(120)
@ExtendWith(SharedSandbox.class)
class FunctionsContractTest {
  private static final String BASE = "/api/2.1/unity-catalog/functions";
  private static final JsonShape FUNCTION =
      JsonShape.named("FunctionInfo")
          .required(
              "name",
              "catalog_name",
              "schema_name",
              "full_name",
              "owner",
              "function_id",
              "data_type",
              "routine_body",
              "created_at");

  /**
   * Create: returns the FunctionInfo object; the caller needs USE_CATALOG, USE_SCHEMA and
   * CREATE_FUNCTION; a second function of the same name is a 409 conflict.
   * https://docs.databricks.com/api/uc-functions/v1/create-function.md
   */
  @Test
  @Contract(
      value = "POST /api/2.1/unity-catalog/functions",
      doc = "https://docs.databricks.com/api/uc-functions/v1/create-function.md")
  void createReturnsTheFunctionInfoObject() {
    String name = unique("contract_fn");
    JsonNode created = admin().post(BASE, body(name)).ok();
    FUNCTION.check(created);
    assertThat(created.get("full_name").asText()).isEqualTo("main.default." + name);

    admin()
        .post(BASE, body(name))
        .isError(409, "RESOURCE_ALREADY_EXISTS", ResourceAlreadyExists.class);
    analyst()
        .post(BASE, body(unique("not_mine")))
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    admin().post(BASE, "{}").isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin().delete(BASE + "/main.default." + name).okEmpty();
  }

  /**
   * Every field the spec requires in {@code function_info} must be there: a request without {@code
   * data_type} (or any other of them) is an invalid parameter, not a function with that field
   * empty. https://docs.databricks.com/api/uc-functions/v1/create-function.md (the required list is
   * the spec's {@code CreateFunction}, as the Go SDK carries it)
   */
  @Test
  @Contract(
      value = "POST /api/2.1/unity-catalog/functions",
      doc = "https://docs.databricks.com/api/uc-functions/v1/create-function.md")
  void everyRequiredFieldOfFunctionInfoIsRequired() {
    String name = unique("contract_fn");
    for (String field :
        List.of(
            "input_params",
            "data_type",
            "full_data_type",
            "routine_body",
            "routine_definition",
            "parameter_style",
            "is_deterministic",
            "is_null_call",
            "sql_data_access",
            "security_type",
            "specific_name")) {
      ObjectNode request = (ObjectNode) json(body(name));
      ((ObjectNode) request.get("function_info")).remove(field);
      admin()
          .post(BASE, request.toString())
          .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    }
    admin()
        .get(BASE + "/main.default." + name)
        .isError(404, "FUNCTION_DOES_NOT_EXIST", NotFound.class);
  }

  /**
   * List: {@code {functions: [FunctionInfo], next_page_token}}; {@code catalog_name} and {@code
   * schema_name} are required. https://docs.databricks.com/api/uc-functions/v1/list-functions.md
   */
  @Test
  @Contract(
      value = "GET /api/2.1/unity-catalog/functions",
      doc = "https://docs.databricks.com/api/uc-functions/v1/list-functions.md")
  void listNeedsCatalogAndSchema() {
    String name = unique("contract_fn");
    admin().post(BASE, body(name)).ok();
    JsonNode all =
        admin().get(Wire.query(BASE, "catalog_name", "main", "schema_name", "default")).ok();
    JsonShape.of("{\"functions\": [\"@FunctionInfo\"], \"next_page_token\": \"string\"}")
        .required("functions[].full_name")
        .check(all);
    admin()
        .get(Wire.query(BASE, "schema_name", "default"))
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin().delete(BASE + "/main.default." + name).okEmpty();
  }

  /**
   * Get by full name: the FunctionInfo object; an unknown function is 404 {@code
   * FUNCTION_DOES_NOT_EXIST}. https://docs.databricks.com/api/uc-functions/v1/get-function.md
   */
  @Test
  @Contract(
      value = "GET /api/2.1/unity-catalog/functions/{name}",
      doc = "https://docs.databricks.com/api/uc-functions/v1/get-function.md")
  void getReturnsTheFunction() {
    String name = unique("contract_fn");
    admin().post(BASE, body(name)).ok();
    JsonNode f = admin().get(BASE + "/main.default." + name).ok();
    FUNCTION.check(f);
    assertThat(f.get("input_params").get("parameters").get(0).get("name").asText()).isEqualTo("x");
    admin()
        .get(BASE + "/main.default.no_such_function")
        .isError(404, "FUNCTION_DOES_NOT_EXIST", NotFound.class);
    admin().delete(BASE + "/main.default." + name).okEmpty();
  }

  /**
   * Delete: an empty answer, and the function is gone.
   * https://docs.databricks.com/api/uc-functions/v1/delete-function.md
   */
  @Test
  @Contract(
      value = "DELETE /api/2.1/unity-catalog/functions/{name}",
      doc = "https://docs.databricks.com/api/uc-functions/v1/delete-function.md")
  void deleteAnswersEmptyAndTheFunctionIsGone() {
    String name = unique("contract_fn");
    admin().post(BASE, body(name)).ok();
    admin().delete(BASE + "/main.default." + name).okEmpty();
    admin()
        .get(BASE + "/main.default." + name)
        .isError(404, "FUNCTION_DOES_NOT_EXIST", NotFound.class);
  }

  /** List and get through the Databricks SDK for Java. */
  @Test
  @Contract(
      value = "GET /api/2.1/unity-catalog/functions",
      doc = "https://docs.databricks.com/api/uc-functions/v1/list-functions.md")
  void sdkRoundTrip() {
    String name = unique("contract_sdk");
    admin().post(BASE, body(name)).ok();
    WorkspaceClient sdk = SharedSandbox.sdk(Identities.ADMIN_TOKEN);
    assertThat(
            StreamSupport.stream(
                sdk.functions()
                    .list(
                        new ListFunctionsRequest().setCatalogName("main").setSchemaName("default"))
                    .spliterator(),
                false))
        .extracting(FunctionInfo::getName)
        .contains(name);
    assertThat(
            sdk.functions()
                .get(new GetFunctionRequest().setName("main.default." + name))
                .getRoutineDefinition())
        .isEqualTo("x + 1");
    admin().delete(BASE + "/main.default." + name).okEmpty();
  }

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A create request with every field the spec requires: {@code f(x INT) = x + 1}. */
  static String body(String name) {
    return "{\"function_info\": {\"name\": \""
        + name
        + "\", \"catalog_name\": \"main\", \"schema_name\": \"default\","
        + " \"input_params\": {\"parameters\": [{\"name\": \"x\", \"type_name\": \"INT\","
        + " \"type_text\": \"int\", \"position\": 0}]},"
        + " \"data_type\": \"INT\", \"full_data_type\": \"int\", \"routine_body\": \"SQL\","
        + " \"routine_definition\": \"x + 1\", \"parameter_style\": \"S\","
        + " \"is_deterministic\": true, \"is_null_call\": false,"
        + " \"sql_data_access\": \"CONTAINS_SQL\", \"security_type\": \"DEFINER\","
        + " \"specific_name\": \""
        + name
        + "\"}}";
  }
}
