package dev.databricksmcp.server.tools.ai;

import dev.databricksmcp.server.core.Names;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Params;
import dev.databricksmcp.server.tools.sql.SqlParams;
import dev.databricksmcp.server.tools.sql.SqlSettings;

/** The parameters of the Genie tools, declared once. */
final class GenieParams {
  /** A space by id or title: resolved by {@link GenieSpaces#resolve}, so not checked as an id. */
  static final Param<String> SPACE =
      Param.string("space_id", "Genie space id, or its title (exact, any case)").required();

  static final Param<String> QUESTION =
      Param.string("question", "The question, in plain words").maxLength(10_000).required();

  static final Param<String> FOLLOW_UP =
      Param.string(
              "conversation_id",
              "Ask in this conversation (a follow-up to an earlier ask_genie); default: a new one")
          .checkedBy(Names::id);

  static final Param<String> CONVERSATION = Params.id("conversation_id", "From ask_genie");

  static final Param<String> MESSAGE = Params.id("message_id", "From ask_genie");

  static final Param<String> ATTACHMENT =
      Param.string("attachment_id", "A query attachment; default: the message's first query")
          .checkedBy(Names::id);

  static final Param<Integer> WAIT_SECONDS =
      Param.integer("wait_seconds", "How long to wait for Genie's answer ({min}-{max})")
          .range(0, 120)
          .withDefault(60);

  static final Param<Integer> OFFSET =
      Param.integer("offset", "First row to return (default {default})")
          .range(0, Integer.MAX_VALUE)
          .withDefault(0);

  /** Rows per page, as execute_sql takes it: Genie's rows follow the SQL toolset's caps. */
  static Param<Integer> maxRows(SqlSettings sql) {
    return SqlParams.maxRows(sql.maxRows());
  }

  private GenieParams() {}
}
