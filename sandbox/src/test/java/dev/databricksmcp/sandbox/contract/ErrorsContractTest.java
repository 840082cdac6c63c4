package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.error.ApiErrors;
import com.databricks.sdk.core.error.platform.Aborted;
import com.databricks.sdk.core.error.platform.AlreadyExists;
import com.databricks.sdk.core.error.platform.BadRequest;
import com.databricks.sdk.core.error.platform.InternalError;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.InvalidState;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.error.platform.NotImplemented;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.RequestLimitExceeded;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.core.error.platform.ResourceConflict;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.core.error.platform.ResourceExhausted;
import com.databricks.sdk.core.error.platform.TemporarilyUnavailable;
import com.databricks.sdk.core.error.platform.Unauthenticated;
import com.databricks.sdk.core.http.Request;
import com.databricks.sdk.core.http.Response;
import dev.databricksmcp.sandbox.http.ErrorCode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Errors as every Databricks service returns them (https://docs.databricks.com/api/account/errors:
 * a machine-readable {@code error_code} string, a {@code message}, optional {@code details}; 4xx
 * for a request that failed on what it gave, 5xx for the service's own failures), and the SDK's
 * error table (com.databricks.sdk.core.error.ErrorMapper: a rule per error code first, then one per
 * status; the classes in com.databricks.sdk.core.error.platform).
 */
@Timeout(60)
@ExtendWith(SharedSandbox.class)
class ErrorsContractTest {
  /**
   * Every error code the sandbox sends, the SDK class a client catches for it with the status the
   * sandbox pairs it with. Codes with a rule of their own in the SDK's ErrorMapper (INVALID_STATE,
   * INVALID_PARAMETER_VALUE, RESOURCE_DOES_NOT_EXIST, ABORTED, RESOURCE_ALREADY_EXISTS,
   * ALREADY_EXISTS, RESOURCE_EXHAUSTED, REQUEST_LIMIT_EXCEEDED) get their class; the others their
   * status's class.
   */
  private static final Map<ErrorCode, Class<? extends DatabricksError>> SDK_CLASS =
      new EnumMap<>(ErrorCode.class);

  static {
    SDK_CLASS.put(ErrorCode.INVALID_PARAMETER_VALUE, InvalidParameterValue.class);
    SDK_CLASS.put(ErrorCode.BAD_REQUEST, BadRequest.class);
    SDK_CLASS.put(ErrorCode.MALFORMED_REQUEST, BadRequest.class);
    SDK_CLASS.put(ErrorCode.INVALID_STATE, InvalidState.class);
    SDK_CLASS.put(ErrorCode.DIRECTORY_NOT_EMPTY, BadRequest.class);
    SDK_CLASS.put(ErrorCode.MAX_NOTEBOOK_SIZE_EXCEEDED, BadRequest.class);
    SDK_CLASS.put(ErrorCode.FAILED_PRECONDITION, BadRequest.class);
    SDK_CLASS.put(ErrorCode.IO_ERROR, BadRequest.class);
    SDK_CLASS.put(ErrorCode.MAX_BLOCK_SIZE_EXCEEDED, BadRequest.class);
    SDK_CLASS.put(ErrorCode.MAX_READ_SIZE_EXCEEDED, BadRequest.class);
    SDK_CLASS.put(ErrorCode.RESOURCE_LIMIT_EXCEEDED, BadRequest.class);
    SDK_CLASS.put(ErrorCode.UNAUTHENTICATED, Unauthenticated.class);
    SDK_CLASS.put(ErrorCode.PERMISSION_DENIED, PermissionDenied.class);
    SDK_CLASS.put(ErrorCode.RESOURCE_DOES_NOT_EXIST, ResourceDoesNotExist.class);
    SDK_CLASS.put(ErrorCode.NOT_FOUND, NotFound.class);
    SDK_CLASS.put(ErrorCode.CATALOG_DOES_NOT_EXIST, NotFound.class);
    SDK_CLASS.put(ErrorCode.SCHEMA_DOES_NOT_EXIST, NotFound.class);
    SDK_CLASS.put(ErrorCode.TABLE_DOES_NOT_EXIST, NotFound.class);
    SDK_CLASS.put(ErrorCode.FUNCTION_DOES_NOT_EXIST, NotFound.class);
    SDK_CLASS.put(ErrorCode.METASTORE_DOES_NOT_EXIST, NotFound.class);
    SDK_CLASS.put(ErrorCode.PRINCIPAL_DOES_NOT_EXIST, NotFound.class);
    SDK_CLASS.put(ErrorCode.ENDPOINT_NOT_FOUND, NotFound.class);
    SDK_CLASS.put(ErrorCode.RESOURCE_ALREADY_EXISTS, ResourceAlreadyExists.class);
    SDK_CLASS.put(ErrorCode.ALREADY_EXISTS, AlreadyExists.class);
    SDK_CLASS.put(ErrorCode.CATALOG_ALREADY_EXISTS, ResourceConflict.class);
    SDK_CLASS.put(ErrorCode.SCHEMA_ALREADY_EXISTS, ResourceConflict.class);
    SDK_CLASS.put(ErrorCode.TABLE_ALREADY_EXISTS, ResourceConflict.class);
    SDK_CLASS.put(ErrorCode.RESOURCE_CONFLICT, ResourceConflict.class);
    SDK_CLASS.put(ErrorCode.ABORTED, Aborted.class);
    SDK_CLASS.put(ErrorCode.REQUEST_LIMIT_EXCEEDED, RequestLimitExceeded.class);
    SDK_CLASS.put(ErrorCode.RESOURCE_EXHAUSTED, ResourceExhausted.class);
    SDK_CLASS.put(ErrorCode.INTERNAL_ERROR, InternalError.class);
    SDK_CLASS.put(ErrorCode.NOT_IMPLEMENTED, NotImplemented.class);
    SDK_CLASS.put(ErrorCode.TEMPORARILY_UNAVAILABLE, TemporarilyUnavailable.class);
  }

  /**
   * For every code: the SDK raises the class of the table, and that class belongs to the family of
   * the status the sandbox pairs the code with (an error code's own rule never contradicts its
   * status: RESOURCE_ALREADY_EXISTS is a ResourceConflict, so 409; INVALID_STATE a BadRequest, so
   * 400). A new code without a row here fails.
   */
  @Test
  void everyErrorCodeMapsToTheSdkClassOfItsStatusFamily() {
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(SDK_CLASS).as("the SDK class expected for " + code).containsKey(code);
      DatabricksError byCode = sdkError(code.httpStatus(), code.name());
      DatabricksError byStatus = sdkError(code.httpStatus(), "NOT_A_DATABRICKS_ERROR_CODE");
      assertThat(byCode)
          .as(code + " " + code.httpStatus())
          .isExactlyInstanceOf(SDK_CLASS.get(code));
      assertThat(byCode)
          .as(code + " belongs to the family of HTTP " + code.httpStatus())
          .isInstanceOf(byStatus.getClass());
    }
  }

  /**
   * No token, or one the workspace does not know: 401 {@code UNAUTHENTICATED}, the SDK's
   * Unauthenticated, on every authenticated route.
   */
  @Test
  void aMissingOrUnknownTokenIs401() {
    for (String path :
        List.of(
            "/api/2.1/unity-catalog/catalogs",
            "/api/2.0/sql/warehouses",
            "/api/2.0/preview/scim/v2/Me")) {
      admin().anonymous().get(path).isError(401, "UNAUTHENTICATED", Unauthenticated.class);
      admin()
          .as("dapi-not-a-token")
          .get(path)
          .isError(401, "UNAUTHENTICATED", Unauthenticated.class);
    }
  }

  /** A path no API serves: 404 {@code ENDPOINT_NOT_FOUND}, the SDK's NotFound. */
  @Test
  void anUnknownEndpointIs404() {
    admin().get("/api/2.0/no/such/api").isError(404, "ENDPOINT_NOT_FOUND", NotFound.class);
  }

  /**
   * A request body that is not JSON: a 400 in the error object, which the SDK raises as a
   * BadRequest (the errors page names no code for it; the sandbox sends MALFORMED_REQUEST).
   */
  @Test
  void aBodyThatIsNotJsonIsABadRequest() {
    Reply reply = admin().post("/api/2.1/unity-catalog/catalogs", "{not json");
    reply.isClientError();
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.sdkError()).isInstanceOf(BadRequest.class);
  }

  private static DatabricksError sdkError(int status, String code) {
    return ApiErrors.getDatabricksError(
        new Response(
            new Request("GET", "http://127.0.0.1/api/2.0/x"),
            status,
            "HTTP " + status,
            Map.of("Content-Type", List.of("application/json")),
            "{\"error_code\": \"" + code + "\", \"message\": \"m\"}"));
  }
}
