package dev.databricksmcp.sandbox.genie;

import com.databricks.sdk.service.dashboards.GenieAttachment;
import com.databricks.sdk.service.dashboards.GenieConversation;
import com.databricks.sdk.service.dashboards.GenieConversationSummary;
import com.databricks.sdk.service.dashboards.GenieGetMessageQueryResultResponse;
import com.databricks.sdk.service.dashboards.GenieListConversationMessagesResponse;
import com.databricks.sdk.service.dashboards.GenieListConversationsResponse;
import com.databricks.sdk.service.dashboards.GenieListSpacesResponse;
import com.databricks.sdk.service.dashboards.GenieMessage;
import com.databricks.sdk.service.dashboards.GenieQueryAttachment;
import com.databricks.sdk.service.dashboards.GenieStartConversationResponse;
import com.databricks.sdk.service.dashboards.MessageStatus;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.http.PageTokens;
import dev.databricksmcp.sandbox.http.Router;
import java.util.ArrayList;
import java.util.List;

/**
 * The Genie conversation API (https://docs.databricks.com/api/workspace/genie): spaces to list and
 * read, conversations started and followed up, messages going through their states, and the query
 * results of their attachments through the Statement Execution shape. Conversations are their
 * asker's: another user (not an admin) is answered as if they did not exist. An unknown space is
 * 404 RESOURCE_DOES_NOT_EXIST "Unable to get space [id]. …" as the service answers it.
 */
final class GenieApi implements ApiModule {
  private static final String SPACES = "/api/2.0/genie/spaces";
  private static final String CONVERSATION = SPACES + "/{space_id}/conversations/{conversation_id}";
  private static final String MESSAGE = CONVERSATION + "/messages/{message_id}";
  private static final int PAGE_SIZE = 100;

  private final List<GenieSpaceSpec> spaces;
  private final GenieConversations conversations;
  private final GenieAnswers answers;

  GenieApi(List<GenieSpaceSpec> spaces, GenieConversations conversations, GenieAnswers answers) {
    this.spaces = spaces;
    this.conversations = conversations;
    this.answers = answers;
  }

  @Override
  public void register(Router router) {
    router.get(SPACES, this::listSpaces);
    router.get(
        SPACES + "/{space_id}", r -> space(r).toApi(r.boolParam("include_serialized_space")));
    router.post(SPACES + "/{space_id}/start-conversation", this::start);
    router.get(SPACES + "/{space_id}/conversations", this::listConversations);
    router.post(CONVERSATION + "/messages", this::followUp);
    router.get(CONVERSATION + "/messages", this::listMessages);
    router.get(MESSAGE, r -> answers.advance(message(r), space(r)));
    router.get(MESSAGE + "/query-result", r -> queryResult(r, firstQuery(message(r))));
    router.get(
        MESSAGE + "/attachments/{attachment_id}/query-result", r -> queryResult(r, attachment(r)));
    router.post(
        MESSAGE + "/attachments/{attachment_id}/execute-query",
        r -> {
          StoredMessage m = completed(r);
          return new GenieGetMessageQueryResultResponse()
              .setStatementResponse(answers.rerun(space(r), m, attachment(r), r.principal()));
        });
  }

  private GenieListSpacesResponse listSpaces(ApiRequest r) {
    int size =
        r.intParam("page_size")
            .filter(n -> n > 0)
            .map(n -> Math.min(n, PAGE_SIZE))
            .orElse(PAGE_SIZE);
    int from =
        Math.min(r.queryParam("page_token").map(PageTokens::offset).orElse(0), spaces.size());
    int to = Math.min(spaces.size(), from + size);
    return new GenieListSpacesResponse()
        .setSpaces(spaces.subList(from, to).stream().map(s -> s.toApi(false)).toList())
        .setNextPageToken(to < spaces.size() ? PageTokens.of(to) : null);
  }

  private GenieStartConversationResponse start(ApiRequest r) {
    GenieSpaceSpec space = space(r);
    String content = content(r);
    long now = System.currentTimeMillis();
    String id = GenieAnswers.newId();
    GenieConversation conversation =
        new GenieConversation()
            .setConversationId(id)
            .setId(id)
            .setSpaceId(space.spaceId())
            .setTitle(content.length() > 255 ? content.substring(0, 255) : content)
            .setUserId(Long.parseLong(r.principal().id()))
            .setCreatedTimestamp(now)
            .setLastUpdatedTimestamp(now);
    conversations.add(new GenieConversations.Stored(r.principal().id(), conversation));
    StoredMessage m = answers.ask(r.principal(), space, id, content, null);
    conversations.add(m);
    return new GenieStartConversationResponse()
        .setConversationId(id)
        .setMessageId(m.message.getMessageId())
        .setConversation(conversation)
        .setMessage(m.message);
  }

  private GenieMessage followUp(ApiRequest r) {
    GenieSpaceSpec space = space(r);
    GenieConversations.Stored conversation = conversation(r);
    String content = content(r);
    List<StoredMessage> earlier =
        conversations.messages(conversation.conversation().getConversationId());
    String prior = earlier.isEmpty() ? null : earlier.get(earlier.size() - 1).message.getContent();
    StoredMessage m =
        answers.ask(
            r.principal(), space, conversation.conversation().getConversationId(), content, prior);
    conversations.add(m);
    conversation.conversation().setLastUpdatedTimestamp(System.currentTimeMillis());
    return m.message;
  }

  private GenieListConversationsResponse listConversations(ApiRequest r) {
    GenieSpaceSpec space = space(r);
    List<GenieConversationSummary> mine = new ArrayList<>();
    for (GenieConversations.Stored c : conversations.conversations(space.spaceId())) {
      if (c.ownerId().equals(r.principal().id())) {
        mine.add(
            new GenieConversationSummary()
                .setConversationId(c.conversation().getConversationId())
                .setTitle(c.conversation().getTitle())
                .setCreatedTimestamp(c.conversation().getCreatedTimestamp()));
      }
    }
    java.util.Collections.reverse(mine);
    return new GenieListConversationsResponse().setConversations(mine);
  }

  private GenieListConversationMessagesResponse listMessages(ApiRequest r) throws Exception {
    GenieSpaceSpec space = space(r);
    GenieConversations.Stored conversation = conversation(r);
    List<GenieMessage> out = new ArrayList<>();
    for (StoredMessage m :
        conversations.messages(conversation.conversation().getConversationId())) {
      out.add(answers.advance(m, space));
    }
    return new GenieListConversationMessagesResponse().setMessages(out);
  }

  private GenieGetMessageQueryResultResponse queryResult(ApiRequest r, GenieQueryAttachment query)
      throws InterruptedException {
    StoredMessage m = completed(r);
    return new GenieGetMessageQueryResultResponse()
        .setStatementResponse(answers.result(space(r), m, query, r.principal()));
  }

  private GenieSpaceSpec space(ApiRequest r) {
    String id = r.pathVar("space_id");
    return spaces.stream()
        .filter(s -> s.spaceId().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new ApiException(
                    ErrorCode.RESOURCE_DOES_NOT_EXIST,
                    "Unable to get space ["
                        + id
                        + "]. Caused by Node with resource name Some(datarooms/"
                        + id
                        + ") does not exist."));
  }

  /** The caller's conversation in the space the path names. */
  private GenieConversations.Stored conversation(ApiRequest r) {
    String id = r.pathVar("conversation_id");
    return conversations
        .conversation(id)
        .filter(c -> c.conversation().getSpaceId().equals(space(r).spaceId()))
        .filter(c -> r.principal().admin() || c.ownerId().equals(r.principal().id()))
        .orElseThrow(
            () ->
                new ApiException(
                    ErrorCode.RESOURCE_DOES_NOT_EXIST, "Conversation " + id + " does not exist."));
  }

  private StoredMessage message(ApiRequest r) {
    String conversationId = conversation(r).conversation().getConversationId();
    String id = r.pathVar("message_id");
    return conversations
        .message(id)
        .filter(m -> m.message.getConversationId().equals(conversationId))
        .orElseThrow(
            () ->
                new ApiException(
                    ErrorCode.RESOURCE_DOES_NOT_EXIST, "Message " + id + " does not exist."));
  }

  /** The message, which must have COMPLETED for its query result to be read. */
  private StoredMessage completed(ApiRequest r) throws InterruptedException {
    StoredMessage m = message(r);
    MessageStatus status = answers.advance(m, space(r)).getStatus();
    if (status != MessageStatus.COMPLETED) {
      throw new ApiException(
          ErrorCode.BAD_REQUEST,
          "Message "
              + m.message.getMessageId()
              + " is "
              + status
              + "; its query result is available once it is COMPLETED.");
    }
    return m;
  }

  private GenieQueryAttachment attachment(ApiRequest r) throws InterruptedException {
    String id = r.pathVar("attachment_id");
    return completed(r).message.getAttachments().stream()
        .filter(a -> id.equals(a.getAttachmentId()) && a.getQuery() != null)
        .map(GenieAttachment::getQuery)
        .findFirst()
        .orElseThrow(
            () ->
                new ApiException(
                    ErrorCode.RESOURCE_DOES_NOT_EXIST, "Attachment " + id + " does not exist."));
  }

  private static GenieQueryAttachment firstQuery(StoredMessage m) {
    return m.message.getAttachments().stream()
        .map(GenieAttachment::getQuery)
        .filter(q -> q != null)
        .findFirst()
        .orElseThrow(
            () ->
                new ApiException(
                    ErrorCode.BAD_REQUEST,
                    "Message " + m.message.getMessageId() + " has no query attachment."));
  }

  private static String content(ApiRequest r) {
    JsonNode body = r.bodyAs(JsonNode.class);
    String content = body == null ? null : body.path("content").asText(null);
    if (content == null || content.isBlank()) {
      throw ApiException.invalid("Missing required field: content");
    }
    return content;
  }
}
