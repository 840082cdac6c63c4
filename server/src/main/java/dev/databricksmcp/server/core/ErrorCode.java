package dev.databricksmcp.server.core;

/** The error codes every tool result uses; one list, documented in the README. */
public enum ErrorCode {
  AUTHENTICATION_ERROR,
  PERMISSION_DENIED,
  VALIDATION_ERROR,
  NOT_FOUND,
  ALREADY_EXISTS,
  CONFLICT,
  /** The workspace does not offer this operation (HTTP 501): retrying will not help. */
  NOT_SUPPORTED,
  RATE_LIMITED,
  TIMEOUT,
  UNAVAILABLE,
  READ_ONLY,
  CONFIRMATION_REQUIRED,
  INTERNAL_ERROR
}
