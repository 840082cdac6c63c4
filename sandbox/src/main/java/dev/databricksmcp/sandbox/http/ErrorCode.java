package dev.databricksmcp.sandbox.http;

/**
 * The Databricks REST error codes the sandbox answers with, each with the HTTP status Databricks
 * pairs it with. The SDK maps the pair to its exception classes, so both must match the real
 * service.
 */
public enum ErrorCode {
  INVALID_PARAMETER_VALUE(400),
  BAD_REQUEST(400),
  MALFORMED_REQUEST(400),
  INVALID_STATE(400),
  DIRECTORY_NOT_EMPTY(400),
  MAX_NOTEBOOK_SIZE_EXCEEDED(400),
  FAILED_PRECONDITION(400),
  IO_ERROR(400),
  MAX_BLOCK_SIZE_EXCEEDED(400),
  MAX_READ_SIZE_EXCEEDED(400),
  /** A quota reached (the Secrets API's 100 scopes, 1000 secrets in a scope). */
  RESOURCE_LIMIT_EXCEEDED(400),
  UNAUTHENTICATED(401),
  PERMISSION_DENIED(403),
  RESOURCE_DOES_NOT_EXIST(404),
  NOT_FOUND(404),
  CATALOG_DOES_NOT_EXIST(404),
  SCHEMA_DOES_NOT_EXIST(404),
  TABLE_DOES_NOT_EXIST(404),
  FUNCTION_DOES_NOT_EXIST(404),
  METASTORE_DOES_NOT_EXIST(404),
  PRINCIPAL_DOES_NOT_EXIST(404),
  ENDPOINT_NOT_FOUND(404),
  RESOURCE_ALREADY_EXISTS(409),
  ALREADY_EXISTS(409),
  CATALOG_ALREADY_EXISTS(409),
  SCHEMA_ALREADY_EXISTS(409),
  TABLE_ALREADY_EXISTS(409),
  RESOURCE_CONFLICT(409),
  ABORTED(409),
  REQUEST_LIMIT_EXCEEDED(429),
  RESOURCE_EXHAUSTED(429),
  INTERNAL_ERROR(500),
  NOT_IMPLEMENTED(501),
  TEMPORARILY_UNAVAILABLE(503);

  private final int httpStatus;

  ErrorCode(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
