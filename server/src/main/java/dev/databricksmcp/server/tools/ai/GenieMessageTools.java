package dev.databricksmcp.server.tools.ai;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.dashboards.GenieAttachment;
import com.databricks.sdk.service.dashboards.GenieMessage;
import com.databricks.sdk.service.dashboards.MessageStatus;
import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.ResultView;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.tools.sql.SqlParams;
import dev.databricksmcp.server.tools.sql.SqlSettings;

/** get_genie_message and get_genie_query_result. */
final class GenieMessageTools {
  private GenieMessageTools() {}

  static ToolDef getMessage(SqlSettings sql) {
    Param<Integer> maxRows = GenieParams.maxRows(sql);
    return ToolDef.builder(AiToolset.ID, "get_genie_message")
        .title("Get Genie message")
        .description(
            "A Genie message asked with ask_genie: its state, Genie's text, the SQL it wrote (in"
                + " full: Genie's, not verified) and, once COMPLETED, the first rows.")
        .input(
            Schema.of(
                GenieParams.SPACE,
                GenieParams.CONVERSATION,
                GenieParams.MESSAGE,
                maxRows,
                SqlParams.FORMAT))
        .hints(ToolHints.read())
        .view(ResultView.URI)
        .handler(
            (args, ctx) ->
                GenieReplies.answer(
                    ctx.workspace(),
                    read(args, ctx),
                    maxRows.of(args),
                    sql.maxBytes(),
                    SqlParams.FORMAT.of(args)))
        .build();
  }

  static ToolDef getQueryResult(SqlSettings sql) {
    Param<Integer> maxRows = GenieParams.maxRows(sql);
    return ToolDef.builder(AiToolset.ID, "get_genie_query_result")
        .title("Get Genie query result")
        .description(
            "Rows of the query Genie ran for a message, a page from offset (next_offset from a"
                + " truncated answer), capped as execute_sql caps them, with Genie's SQL.")
        .input(
            Schema.of(
                GenieParams.SPACE,
                GenieParams.CONVERSATION,
                GenieParams.MESSAGE,
                GenieParams.ATTACHMENT,
                GenieParams.OFFSET,
                maxRows,
                SqlParams.FORMAT))
        .hints(ToolHints.read())
        .view(ResultView.URI)
        .handler(
            (args, ctx) -> {
              WorkspaceClient w = ctx.workspace();
              GenieMessage m = read(args, ctx);
              if (m.getStatus() != MessageStatus.COMPLETED) {
                throw new ToolException(
                    dev.databricksmcp.server.core.ErrorCode.CONFLICT,
                    "Message "
                        + GenieParams.MESSAGE.of(args)
                        + " is "
                        + m.getStatus()
                        + "; its rows can be read once it is COMPLETED (get_genie_message).");
              }
              String attachment = GenieParams.ATTACHMENT.of(args);
              if (attachment == null) {
                GenieAttachment first = GenieRows.firstQuery(m);
                if (first == null) {
                  throw ToolException.validation(
                      GenieParams.MESSAGE.name(),
                      "the message has no query: Genie answered in text");
                }
                attachment = first.getAttachmentId();
              }
              return GenieReplies.rows(
                  w,
                  m,
                  attachment,
                  GenieParams.OFFSET.of(args),
                  maxRows.of(args),
                  sql.maxBytes(),
                  SqlParams.FORMAT.of(args),
                  GenieRows.message(m));
            })
        .build();
  }

  private static GenieMessage read(Args args, ToolContext ctx) {
    WorkspaceClient w = ctx.workspace();
    String space = GenieSpaces.resolve(w, GenieParams.SPACE.of(args));
    GenieMessage m =
        w.genie()
            .getMessage(space, GenieParams.CONVERSATION.of(args), GenieParams.MESSAGE.of(args));
    return m.getSpaceId() == null ? m.setSpaceId(space) : m;
  }
}
