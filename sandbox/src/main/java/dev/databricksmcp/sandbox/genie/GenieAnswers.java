package dev.databricksmcp.sandbox.genie;

import com.databricks.sdk.service.dashboards.GenieAttachment;
import com.databricks.sdk.service.dashboards.GenieMessage;
import com.databricks.sdk.service.dashboards.GenieQueryAttachment;
import com.databricks.sdk.service.dashboards.GenieResultMetadata;
import com.databricks.sdk.service.dashboards.GenieSuggestedQuestionsAttachment;
import com.databricks.sdk.service.dashboards.MessageError;
import com.databricks.sdk.service.dashboards.MessageErrorType;
import com.databricks.sdk.service.dashboards.MessageStatus;
import com.databricks.sdk.service.dashboards.TextAttachment;
import com.databricks.sdk.service.sql.StatementResponse;
import dev.databricksmcp.sandbox.auth.Principal;
import dev.databricksmcp.sandbox.compute.ComputeClock;
import dev.databricksmcp.sandbox.genie.GenieSpaceSpec.Example;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.sql.TaskStatements;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How the sandbox answers a Genie message: the question is matched to an example question of the
 * space ({@link QuestionMatcher}, the documented stand-in for Genie's model), whose SQL runs at
 * once on the space's warehouse as the asker (their grants, their statement). The message goes
 * through Genie's documented states one {@link #STEP_MILLIS} step at a time on the clock
 * (SUBMITTED, FETCHING_METADATA, FILTERING_CONTEXT, ASKING_AI, then PENDING_WAREHOUSE and
 * EXECUTING_QUERY for a query) and ends COMPLETED, or FAILED when the SQL failed
 * (SQL_EXECUTION_EXCEPTION with the statement's error, the query attachment kept so that the SQL
 * can be read). A question that matches nothing ends COMPLETED with a text attachment asking to
 * rephrase.
 */
final class GenieAnswers {
  static final long STEP_MILLIS = 100;

  private static final List<MessageStatus> THINKING =
      List.of(
          MessageStatus.SUBMITTED,
          MessageStatus.FETCHING_METADATA,
          MessageStatus.FILTERING_CONTEXT,
          MessageStatus.ASKING_AI);
  private static final List<MessageStatus> QUERYING =
      List.of(MessageStatus.PENDING_WAREHOUSE, MessageStatus.EXECUTING_QUERY);

  private final TaskStatements statements;
  private final ComputeClock clock;

  GenieAnswers(TaskStatements statements, ComputeClock clock) {
    this.statements = statements;
    this.clock = clock;
  }

  /** A new message, SUBMITTED; its SQL (if it matched) already running as {@code asker}. */
  StoredMessage ask(
      Principal asker, GenieSpaceSpec space, String conversationId, String content, String prior) {
    List<Example> examples = space.examples();
    int example = QuestionMatcher.match(examples, content, prior).map(examples::indexOf).orElse(-1);
    long now = clock.millis();
    String id = newId();
    GenieMessage m =
        new GenieMessage()
            .setMessageId(id)
            .setId(id)
            .setConversationId(conversationId)
            .setSpaceId(space.spaceId())
            .setContent(content)
            .setUserId(Long.parseLong(asker.id()))
            .setCreatedTimestamp(now)
            .setLastUpdatedTimestamp(now)
            .setStatus(MessageStatus.SUBMITTED)
            .setAttachments(new ArrayList<>());
    StoredMessage stored = new StoredMessage(asker.id(), example, m);
    if (example >= 0) {
      stored.statement =
          statements.start(
              asker, space.warehouseId(), examples.get(example).sql(), Map.of(), null, null);
    }
    return stored;
  }

  /** Brings a message's status up to the clock; returns the message as the API shows it. */
  GenieMessage advance(StoredMessage s, GenieSpaceSpec space) throws InterruptedException {
    synchronized (s) {
      if (s.terminal()) {
        return s.message;
      }
      int step = (int) ((clock.millis() - s.message.getCreatedTimestamp()) / STEP_MILLIS);
      MessageStatus before = s.message.getStatus();
      if (step < THINKING.size()) {
        s.message.setStatus(THINKING.get(step));
      } else if (s.example < 0) {
        rephrase(s, space);
      } else {
        Example e = space.examples().get(s.example);
        if (s.message.getAttachments().isEmpty()) {
          s.message.setAttachments(new ArrayList<>(List.of(queryAttachment(e, s))));
        }
        TaskStatements.Outcome outcome = s.statement.await(1);
        int querying = step - THINKING.size();
        if (querying < QUERYING.size() || outcome == null) {
          s.message.setStatus(QUERYING.get(Math.min(querying, QUERYING.size() - 1)));
        } else {
          finish(s, e, outcome);
        }
      }
      if (s.message.getStatus() != before) {
        s.message.setLastUpdatedTimestamp(clock.millis());
      }
      return s.message;
    }
  }

  /**
   * The statement_response of a message's query: its statement while the sandbox holds it, else the
   * SQL run again as {@code caller} (statements do not outlive a restart; the sandbox's choice,
   * where Databricks would answer QUERY_RESULT_EXPIRED and ask for execute-query).
   */
  StatementResponse result(
      GenieSpaceSpec space, StoredMessage s, GenieQueryAttachment query, Principal caller)
      throws InterruptedException {
    var held = statements.response(query.getStatementId());
    return held.isPresent() ? held.get() : rerun(space, s, query, caller);
  }

  /** Runs the query attachment's SQL again as {@code caller} (execute-query). */
  StatementResponse rerun(
      GenieSpaceSpec space, StoredMessage s, GenieQueryAttachment query, Principal caller)
      throws InterruptedException {
    TaskStatements.Handle h =
        statements.start(caller, space.warehouseId(), query.getQuery(), Map.of(), null, null);
    h.await(30_000);
    synchronized (s) {
      query.setStatementId(h.statementId());
    }
    return statements
        .response(h.statementId())
        .orElseThrow(() -> new ApiException(ErrorCode.INTERNAL_ERROR, "The query was lost."));
  }

  private void finish(StoredMessage s, Example e, TaskStatements.Outcome outcome) {
    GenieQueryAttachment query = s.message.getAttachments().iterator().next().getQuery();
    s.statement = null;
    if (outcome.succeeded()) {
      query.setQueryResultMetadata(
          new GenieResultMetadata()
              .setRowCount((long) outcome.result().rows().size())
              .setIsTruncated(false));
      s.message.getAttachments().add(text(standInNote(e)));
      s.message.setStatus(MessageStatus.COMPLETED);
    } else {
      s.message
          .setStatus(MessageStatus.FAILED)
          .setError(
              new MessageError()
                  .setType(MessageErrorType.SQL_EXECUTION_EXCEPTION)
                  .setError(outcome.error()));
    }
  }

  private static GenieAttachment queryAttachment(Example e, StoredMessage s) {
    return new GenieAttachment()
        .setAttachmentId(newId())
        .setQuery(
            new GenieQueryAttachment()
                .setQuery(e.sql())
                .setTitle(e.question())
                .setDescription("The SQL of the space's example question \"" + e.question() + "\".")
                .setStatementId(s.statement.statementId())
                .setLastUpdatedTimestamp(s.message.getCreatedTimestamp()));
  }

  private static void rephrase(StoredMessage s, GenieSpaceSpec space) {
    List<String> questions = space.examples().stream().map(Example::question).toList();
    StringBuilder text =
        new StringBuilder(
            "The sandbox's example-question matcher (its stand-in for Genie's model) could not"
                + " match your question to this space. Please rephrase it; this space answers"
                + " questions like:");
    questions.forEach(q -> text.append("\n- ").append(q));
    s.message.setAttachments(
        new ArrayList<>(
            List.of(
                text(text.toString()),
                new GenieAttachment()
                    .setAttachmentId(newId())
                    .setSuggestedQuestions(
                        new GenieSuggestedQuestionsAttachment().setQuestions(questions)))));
    s.message.setStatus(MessageStatus.COMPLETED);
  }

  private static String standInNote(Example e) {
    return "Sandbox stand-in for Genie: answered with the SQL of the space's example question \""
        + e.question()
        + "\", matched by word overlap (the sandbox has no language model).";
  }

  private static GenieAttachment text(String content) {
    return new GenieAttachment()
        .setAttachmentId(newId())
        .setText(new TextAttachment().setContent(content));
  }

  static String newId() {
    return UUID.randomUUID().toString().replace("-", "");
  }
}
