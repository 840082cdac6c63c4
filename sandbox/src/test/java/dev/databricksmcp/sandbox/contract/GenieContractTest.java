package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.analyst;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.sdk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.dashboards.GenieAttachment;
import com.databricks.sdk.service.dashboards.GenieCreateConversationMessageRequest;
import com.databricks.sdk.service.dashboards.GenieGetMessageQueryResultResponse;
import com.databricks.sdk.service.dashboards.GenieListSpacesRequest;
import com.databricks.sdk.service.dashboards.GenieMessage;
import com.databricks.sdk.service.dashboards.GenieQueryAttachment;
import com.databricks.sdk.service.dashboards.GenieSpace;
import com.databricks.sdk.service.dashboards.GenieStartConversationMessageRequest;
import com.databricks.sdk.service.dashboards.MessageStatus;
import com.databricks.sdk.service.sql.StatementState;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.genie.SeededSpaces;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Genie conversation API against its reference (https://docs.databricks.com/api/workspace/genie
 * and https://docs.databricks.com/api/genie/v1/genie-space), through plain HTTP and the real SDK
 * (its startConversationAndWait/createMessageAndWait poll get-message until COMPLETED). An unknown
 * space is 404 RESOURCE_DOES_NOT_EXIST "Unable to get space [id]. …" as the service answers it
 * (databricks/databricks-sdk-py#1073). The reference names no error for an empty question, another
 * user's conversation, or the query result of a message not yet COMPLETED: the sandbox answers 400
 * INVALID_PARAMETER_VALUE, 404 RESOURCE_DOES_NOT_EXIST and 400 BAD_REQUEST. Answers come from the
 * sandbox's example-question matcher, a documented stand-in for Genie's model.
 */
@Timeout(120)
@ExtendWith(SharedSandbox.class)
class GenieContractTest {
  private static final String SPACE = SeededSpaces.SAMPLES_SPACE_ID;
  private static final String BASE = "/api/2.0/genie/spaces/" + SPACE;

  private static WorkspaceClient analystSdk() {
    return sdk(Identities.USER_TOKEN);
  }

  private static GenieMessage ask(String question) throws Exception {
    return analystSdk()
        .genie()
        .startConversation(
            new GenieStartConversationMessageRequest().setSpaceId(SPACE).setContent(question))
        .get(Duration.ofSeconds(60));
  }

  private static GenieQueryAttachment query(GenieMessage m) {
    return m.getAttachments().stream()
        .map(GenieAttachment::getQuery)
        .filter(Objects::nonNull)
        .findFirst()
        .orElseThrow();
  }

  private static String attachmentId(GenieMessage m) {
    return m.getAttachments().stream()
        .filter(a -> a.getQuery() != null)
        .findFirst()
        .orElseThrow()
        .getAttachmentId();
  }

  /**
   * List: {@code spaces} with space_id, title, description, warehouse_id; serialized_space is left
   * out of lists. https://docs.databricks.com/api/genie/v1/genie-space
   */
  @Test
  @Contract(
      value = "GET /api/2.0/genie/spaces",
      doc = "https://docs.databricks.com/api/genie/v1/genie-space")
  void listSpacesShowsTheSeededSpaceWithoutItsExport() {
    JsonNode spaces = analyst().get("/api/2.0/genie/spaces").ok().get("spaces");
    JsonNode seeded = spaces.get(0);
    assertThat(seeded.get("space_id").asText()).isEqualTo(SPACE);
    assertThat(seeded.get("title").asText()).isEqualTo(SeededSpaces.SAMPLES_SPACE_TITLE);
    assertThat(seeded.has("warehouse_id")).isTrue();
    assertThat(seeded.has("serialized_space")).isFalse();
    List<GenieSpace> viaSdk =
        List.copyOf(analystSdk().genie().listSpaces(new GenieListSpacesRequest()).getSpaces());
    assertThat(viaSdk).extracting(GenieSpace::getSpaceId).contains(SPACE);
  }

  /**
   * Get: the space; with include_serialized_space=true its export (tables, instructions, example
   * question SQL). Unknown space: 404 RESOURCE_DOES_NOT_EXIST.
   * https://docs.databricks.com/api/genie/v1/genie-space
   */
  @Test
  @Contract(
      value = "GET /api/2.0/genie/spaces/{space_id}",
      doc = "https://docs.databricks.com/api/genie/v1/genie-space")
  void getSpaceWithItsExportAndUnknownSpaceIsNotFound() throws Exception {
    JsonNode plain = analyst().get(BASE).ok();
    assertThat(plain.has("serialized_space")).isFalse();
    GenieSpace space =
        analystSdk()
            .genie()
            .getSpace(
                new com.databricks.sdk.service.dashboards.GenieGetSpaceRequest()
                    .setSpaceId(SPACE)
                    .setIncludeSerializedSpace(true));
    JsonNode export = new ObjectMapper().readTree(space.getSerializedSpace());
    assertThat(export.path("data_sources").path("tables").get(0).path("identifier").asText())
        .startsWith("samples.");
    assertThat(export.path("instructions").path("example_question_sqls").get(0).path("sql"))
        .isNotEmpty();
    String unknown = "0123456789abcdef0123456789abcdef";
    analyst()
        .get("/api/2.0/genie/spaces/" + unknown)
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  /**
   * Start conversation: {@code {conversation_id, message_id, message, conversation}}, the message
   * SUBMITTED; get-message then goes through the documented states to COMPLETED with a query
   * attachment (query, statement_id, query_result_metadata.row_count). An empty content is refused.
   * https://docs.databricks.com/api/workspace/genie/startconversation and
   * https://docs.databricks.com/api/workspace/genie/getmessage
   */
  @Test
  @Contract(
      value = "POST /api/2.0/genie/spaces/{space_id}/start-conversation",
      doc = "https://docs.databricks.com/api/workspace/genie/startconversation")
  @Contract(
      value =
          "GET /api/2.0/genie/spaces/{space_id}/conversations/{conversation_id}/messages/{message_id}",
      doc = "https://docs.databricks.com/api/workspace/genie/getmessage")
  void startConversationAnswersWithSqlAndItsRowCount() throws Exception {
    JsonNode started =
        analyst()
            .post(
                BASE + "/start-conversation",
                "{\"content\": \"How many orders per order status?\"}")
            .ok();
    assertThat(started.get("message").get("status").asText()).isEqualTo("SUBMITTED");
    assertThat(started.get("conversation").get("conversation_id").asText())
        .isEqualTo(started.get("conversation_id").asText());
    GenieMessage done =
        analystSdk()
            .genie()
            .waitGetMessageGenieCompleted(
                started.get("conversation_id").asText(),
                started.get("message_id").asText(),
                SPACE,
                Duration.ofSeconds(60),
                null);
    assertThat(done.getStatus()).isEqualTo(MessageStatus.COMPLETED);
    GenieQueryAttachment q = query(done);
    assertThat(q.getQuery()).contains("samples.tpch.orders");
    assertThat(q.getStatementId()).isNotBlank();
    assertThat(q.getQueryResultMetadata().getRowCount()).isEqualTo(3L);
    analyst()
        .post(BASE + "/start-conversation", "{\"content\": \" \"}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
  }

  /**
   * Create message: a follow-up in the conversation; "by region" refines the previous question.
   * Another user's conversation is answered as not existing.
   * https://docs.databricks.com/api/workspace/genie/createmessage
   */
  @Test
  @Contract(
      value = "POST /api/2.0/genie/spaces/{space_id}/conversations/{conversation_id}/messages",
      doc = "https://docs.databricks.com/api/workspace/genie/createmessage")
  @Contract(
      value = "GET /api/2.0/genie/spaces/{space_id}/conversations/{conversation_id}/messages",
      doc = "https://docs.databricks.com/api/genie/v1/conversation")
  void followUpRefinesThePreviousQuestion() throws Exception {
    GenieMessage first = ask("What is the total order value per year?");
    assertThat(query(first).getQuery()).doesNotContain("region");
    GenieMessage second =
        analystSdk()
            .genie()
            .createMessage(
                new GenieCreateConversationMessageRequest()
                    .setSpaceId(SPACE)
                    .setConversationId(first.getConversationId())
                    .setContent("and by region?"))
            .get(Duration.ofSeconds(60));
    assertThat(second.getConversationId()).isEqualTo(first.getConversationId());
    assertThat(query(second).getQuery()).contains("samples.tpch.region");
    JsonNode listed =
        analyst()
            .get(BASE + "/conversations/" + first.getConversationId() + "/messages")
            .ok()
            .get("messages");
    assertThat(listed).hasSize(2);
    admin()
        .as(Identities.SERVICE_PRINCIPAL_TOKEN)
        .post(
            BASE + "/conversations/" + first.getConversationId() + "/messages",
            "{\"content\": \"by region\"}")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  /**
   * A question no example matches: COMPLETED with a text attachment asking to rephrase, and no
   * query. https://docs.databricks.com/api/workspace/genie/getmessage
   */
  @Test
  @Contract(
      value = "GET /api/2.0/genie/spaces/{space_id}/conversations",
      doc = "https://docs.databricks.com/api/genie/v1/conversation")
  void anUnmatchedQuestionAsksToRephrase() throws Exception {
    GenieMessage m = ask("Will it rain in Paris tomorrow?");
    assertThat(m.getStatus()).isEqualTo(MessageStatus.COMPLETED);
    assertThat(m.getAttachments()).allMatch(a -> a.getQuery() == null);
    assertThat(m.getAttachments().iterator().next().getText().getContent())
        .contains("rephrase")
        .contains("How many orders are there per order status?");
    JsonNode conversations = analyst().get(BASE + "/conversations").ok().get("conversations");
    assertThat(conversations.findValuesAsText("conversation_id")).contains(m.getConversationId());
  }

  /**
   * Query result: {@code statement_response} as the Statement Execution API answers it (status,
   * manifest, result); the deprecated message-level query-result answers the same; execute-query
   * runs it again. Before COMPLETED it is refused.
   * https://docs.databricks.com/api/workspace/genie/getmessageattachmentqueryresult
   */
  @Test
  @Contract(
      value =
          "GET /api/2.0/genie/spaces/{space_id}/conversations/{conversation_id}/messages/{message_id}/attachments/{attachment_id}/query-result",
      doc = "https://docs.databricks.com/api/workspace/genie/getmessageattachmentqueryresult")
  @Contract(
      value =
          "GET /api/2.0/genie/spaces/{space_id}/conversations/{conversation_id}/messages/{message_id}/query-result",
      doc = "https://docs.databricks.com/api/workspace/genie/getmessagequeryresult")
  @Contract(
      value =
          "POST /api/2.0/genie/spaces/{space_id}/conversations/{conversation_id}/messages/{message_id}/attachments/{attachment_id}/execute-query",
      doc = "https://docs.databricks.com/api/workspace/genie/executemessageattachmentquery")
  void queryResultIsAStatementResponse() throws Exception {
    GenieMessage m = ask("How many customers are in each market segment?");
    String path =
        BASE + "/conversations/" + m.getConversationId() + "/messages/" + m.getMessageId();
    GenieGetMessageQueryResultResponse r =
        analystSdk()
            .genie()
            .getMessageAttachmentQueryResult(
                SPACE, m.getConversationId(), m.getMessageId(), attachmentId(m));
    assertThat(r.getStatementResponse().getStatus().getState()).isEqualTo(StatementState.SUCCEEDED);
    assertThat(r.getStatementResponse().getManifest().getTotalRowCount()).isEqualTo(5L);
    assertThat(r.getStatementResponse().getResult().getDataArray()).hasSize(5);
    JsonNode legacy = analyst().get(path + "/query-result").ok();
    assertThat(legacy.get("statement_response").get("statement_id").asText())
        .isEqualTo(query(m).getStatementId());
    JsonNode again =
        analyst().post(path + "/attachments/" + attachmentId(m) + "/execute-query", "{}").ok();
    assertThat(again.get("statement_response").get("status").get("state").asText())
        .isEqualTo("SUCCEEDED");

    JsonNode fresh =
        analyst()
            .post(
                BASE + "/start-conversation",
                "{\"content\": \"How many customers per market segment?\"}")
            .ok();
    analyst()
        .get(
            BASE
                + "/conversations/"
                + fresh.get("conversation_id").asText()
                + "/messages/"
                + fresh.get("message_id").asText()
                + "/query-result")
        .isError(400, "BAD_REQUEST", com.databricks.sdk.core.error.platform.BadRequest.class);
    assertThatThrownBy(
            () ->
                analystSdk()
                    .genie()
                    .getMessageAttachmentQueryResult(
                        SPACE, m.getConversationId(), m.getMessageId(), "nope"))
        .isInstanceOf(ResourceDoesNotExist.class);
  }
}
