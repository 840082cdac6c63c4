package dev.databricksmcp.server.cli;

/** A problem with how the server was started: printed as is, exit code 2, no stack trace. */
final class UsageProblem extends RuntimeException {
  UsageProblem(String message) {
    super(message, null, false, false);
  }
}
