package dev.databricksmcp.server.core;

/** The error codes every tool result uses; one list, documented in the README. */
public enum ErrorCode {
  AUTHENTICATION_ERROR,
  PERMISSION_DENIED,
  VALIDATION_ERROR,
  NOT_FOUND,
  ALREADY_EXISTS,
  CONFLICT,
  RATE_LIMITED,
  TIMEOUT,
  UNAVAILABLE,
  READ_ONLY,
  CONFIRMATION_REQUIRED,
  INTERNAL_ERROR
}
