package dev.databricksmcp.server.tools.compute;

import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Params;
import java.util.List;

/** The parameters of the command tools, declared once. */
final class CommandParams {
  /** Longest command text a tool takes (characters), as for SQL statements. */
  static final int MAX_COMMAND_CHARS = 1_048_576;

  static final Param<String> LANGUAGE =
      Param.choice("language", "Language of the command", List.of("python", "sql", "scala"))
          .required();

  static final Param<String> COMMAND =
      Param.string("command", "The code to run: a Python snippet, one SQL statement, Scala code")
          .maxLength(MAX_COMMAND_CHARS)
          .required();

  static final Param<String> CONTEXT_ID =
      Params.id("context_id", "From execute_command").required();

  static final Param<String> COMMAND_ID =
      Params.id("command_id", "From execute_command").required();

  /** How long a tool waits for the command to end. */
  static final Param<Integer> WAIT_SECONDS =
      Param.integer(
              "wait_seconds",
              "How long to wait for the command to finish ({min}-{max}; 0: do not wait)")
          .range(0, 120)
          .withDefault(30);

  /** get_command_status answers at once unless asked to wait. */
  static final Param<Integer> STATUS_WAIT_SECONDS = WAIT_SECONDS.withDefault(0);

  private CommandParams() {}
}
