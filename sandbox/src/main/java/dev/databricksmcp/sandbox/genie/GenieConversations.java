package dev.databricksmcp.sandbox.genie;

import com.databricks.sdk.service.dashboards.GenieConversation;
import com.databricks.sdk.service.dashboards.GenieMessage;
import com.databricks.sdk.service.dashboards.MessageError;
import com.databricks.sdk.service.dashboards.MessageErrorType;
import com.databricks.sdk.service.dashboards.MessageStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.state.PersistentState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Genie conversations and their messages, kept across a restart. A message still being answered
 * when the sandbox stopped comes back FAILED: its statement did not outlive the restart.
 */
public final class GenieConversations implements PersistentState {
  /** A conversation and the principal (SCIM id) it belongs to. */
  record Stored(String ownerId, GenieConversation conversation) {}

  private final Map<String, Stored> conversations = new LinkedHashMap<>();
  private final Map<String, StoredMessage> messages = new LinkedHashMap<>();

  synchronized void add(Stored conversation) {
    conversations.put(conversation.conversation().getConversationId(), conversation);
  }

  synchronized void add(StoredMessage message) {
    messages.put(message.message.getMessageId(), message);
  }

  synchronized Optional<Stored> conversation(String id) {
    return Optional.ofNullable(conversations.get(id));
  }

  synchronized List<Stored> conversations(String spaceId) {
    List<Stored> out = new ArrayList<>();
    conversations.values().stream()
        .filter(c -> c.conversation().getSpaceId().equals(spaceId))
        .forEach(out::add);
    return out;
  }

  synchronized Optional<StoredMessage> message(String id) {
    return Optional.ofNullable(messages.get(id));
  }

  /** The messages of a conversation, oldest first. */
  synchronized List<StoredMessage> messages(String conversationId) {
    return messages.values().stream()
        .filter(m -> m.message.getConversationId().equals(conversationId))
        .toList();
  }

  @Override
  public String persistenceName() {
    return "genie";
  }

  @Override
  public synchronized JsonNode save() {
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode cs = out.putArray("conversations");
    conversations
        .values()
        .forEach(
            c ->
                cs.addObject()
                    .put("owner_id", c.ownerId())
                    .set("conversation", Json.MAPPER.valueToTree(c.conversation())));
    ArrayNode ms = out.putArray("messages");
    messages
        .values()
        .forEach(
            m ->
                ms.addObject()
                    .put("owner_id", m.ownerId)
                    .put("example", m.example)
                    .set("message", Json.MAPPER.valueToTree(m.message)));
    return out;
  }

  @Override
  public synchronized void restore(JsonNode saved) {
    conversations.clear();
    messages.clear();
    for (JsonNode c : saved.path("conversations")) {
      add(
          new Stored(
              c.path("owner_id").asText(),
              Json.MAPPER.convertValue(c.get("conversation"), GenieConversation.class)));
    }
    for (JsonNode m : saved.path("messages")) {
      StoredMessage message =
          new StoredMessage(
              m.path("owner_id").asText(),
              m.path("example").asInt(-1),
              Json.MAPPER.convertValue(m.get("message"), GenieMessage.class));
      if (!message.terminal()) {
        message
            .message
            .setStatus(MessageStatus.FAILED)
            .setError(
                new MessageError()
                    .setType(MessageErrorType.REPLY_PROCESS_TIMEOUT_EXCEPTION)
                    .setError("The sandbox stopped before this message was answered."));
      }
      add(message);
    }
  }
}
