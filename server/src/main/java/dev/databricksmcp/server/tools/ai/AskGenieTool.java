package dev.databricksmcp.server.tools.ai;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.dashboards.GenieCreateConversationMessageRequest;
import com.databricks.sdk.service.dashboards.GenieMessage;
import com.databricks.sdk.service.dashboards.GenieStartConversationMessageRequest;
import com.databricks.sdk.service.dashboards.GenieStartConversationResponse;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.ResultView;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.WorkHandle;
import dev.databricksmcp.server.core.wait.Waited;
import dev.databricksmcp.server.core.wait.Waiter;
import dev.databricksmcp.server.tools.sql.SqlParams;
import dev.databricksmcp.server.tools.sql.SqlSettings;
import java.time.Duration;

/**
 * ask_genie: a question to a Genie space, in a new conversation or as a follow-up in one; waits
 * (through {@link Waiter}) for Genie's answer and returns its text, its SQL and the first rows.
 */
final class AskGenieTool {
  private AskGenieTool() {}

  static ToolDef definition(SqlSettings sql) {
    Param<Integer> maxRows = GenieParams.maxRows(sql);
    return ToolDef.builder(AiToolset.ID, "ask_genie")
        .title("Ask Genie")
        .description(
            GenieParams.WAIT_SECONDS.fill(
                "Ask an AI/BI Genie space a question in plain words (space by id or title);"
                    + " conversation_id follows up in the same conversation. Waits up to"
                    + " wait_seconds (default {default}) and returns Genie's text, the SQL it"
                    + " wrote (in full: Genie's, not verified, check it) and the first rows,"
                    + " capped as execute_sql caps them; get_genie_query_result pages the rest."
                    + " Genie reads whatever data you can see. On time-up, resume with"
                    + " get_genie_message."))
        .input(
            Schema.of(
                GenieParams.SPACE,
                GenieParams.QUESTION,
                GenieParams.FOLLOW_UP,
                GenieParams.WAIT_SECONDS,
                maxRows,
                SqlParams.FORMAT))
        // asking creates a conversation message and runs a query; it changes no data
        .hints(ToolHints.write(false))
        .view(ResultView.URI)
        .checkWith("get_genie_message")
        .handler(
            (args, ctx) -> {
              WorkspaceClient w = ctx.workspace();
              String space = GenieSpaces.resolve(w, GenieParams.SPACE.of(args));
              String question = GenieParams.QUESTION.of(args);
              String conversation = GenieParams.FOLLOW_UP.of(args);
              GenieMessage asked = ask(w, space, conversation, question);
              ctx.track(new WorkHandle("message_id", asked.getMessageId(), "get_genie_message"));
              GenieMessage m =
                  await(ctx, asked, Duration.ofSeconds(GenieParams.WAIT_SECONDS.of(args)));
              return GenieReplies.answer(
                  w, m, maxRows.of(args), sql.maxBytes(), SqlParams.FORMAT.of(args));
            })
        .build();
  }

  private static GenieMessage ask(
      WorkspaceClient w, String space, String conversation, String question) {
    if (conversation == null) {
      GenieStartConversationResponse r =
          w.genie()
              .impl()
              .startConversation(
                  new GenieStartConversationMessageRequest()
                      .setSpaceId(space)
                      .setContent(question));
      GenieMessage m = r.getMessage();
      return m != null
          ? m.setConversationId(r.getConversationId()).setMessageId(r.getMessageId())
          : new GenieMessage()
              .setSpaceId(space)
              .setConversationId(r.getConversationId())
              .setMessageId(r.getMessageId());
    }
    return w.genie()
        .impl()
        .createMessage(
            new GenieCreateConversationMessageRequest()
                .setSpaceId(space)
                .setConversationId(conversation)
                .setContent(question));
  }

  /** Genie's message once it ended, or as it stands when the wait is up. */
  static GenieMessage await(ToolContext ctx, GenieMessage asked, Duration wait)
      throws InterruptedException {
    String space = asked.getSpaceId();
    String conversation = asked.getConversationId();
    String id = asked.getMessageId();
    Waited<GenieMessage> waited =
        Waiter.polling(() -> ctx.workspace().genie().getMessage(space, conversation, id))
            .startingFrom(asked)
            .until(m -> GenieReplies.ENDED.contains(m.getStatus()))
            .describedAs(m -> "Genie message " + id + " " + m.getStatus())
            .waitFor(ctx, wait)
            .throwIfInterrupted();
    if (waited.outcome() == Waited.Outcome.POLL_FAILED) {
      throw waited.failure();
    }
    GenieMessage last = waited.last();
    return last.getSpaceId() == null ? last.setSpaceId(space) : last;
  }
}
