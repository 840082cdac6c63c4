package dev.databricksmcp.server.tools.ml;

import static dev.databricksmcp.server.tools.ml.ServingParams.ENDPOINT;

import com.databricks.sdk.service.serving.ChatMessage;
import com.databricks.sdk.service.serving.ChatMessageRole;
import com.databricks.sdk.service.serving.EndpointStateReady;
import com.databricks.sdk.service.serving.QueryEndpointInput;
import com.databricks.sdk.service.serving.QueryEndpointResponse;
import com.databricks.sdk.service.serving.ServingEndpointDetailed;
import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.ErrorCode;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * query_serving_endpoint: one query in the shapes the Databricks query reference documents for each
 * task (https://docs.databricks.com/api/model-serving-query/v1/query.md): {@code messages} for
 * chat, {@code prompt} for completions, {@code input} for embeddings, {@code dataframe_records} or
 * {@code instances} for a custom model. The endpoint's state is read first: one that is not READY
 * is refused with its state and why, before anything is sent. The answer is held to {@link
 * ServingAnswers#MAX_BYTES}.
 */
final class ServingQueryTool {
  private ServingQueryTool() {}

  private static final Param<String> PROMPT =
      Param.string("prompt", "Completions: the text to complete").maxLength(100_000);
  private static final Param<Integer> MAX_TOKENS =
      Param.integer("max_tokens", "Chat and completions: the most tokens to generate ({min}-{max})")
          .range(1, 100_000);

  /** The input fields, exactly one of which a query gives, in the order they are named. */
  static final List<String> INPUTS =
      List.of("messages", "prompt", "input", "dataframe_records", "instances");

  static ToolDef definition() {
    return ToolDef.builder(MlToolset.ID, "query_serving_endpoint")
        .title("Query serving endpoint")
        .description(
            "Send one query to a READY serving endpoint and get its answer (capped). Give exactly"
                + " one input: messages (chat), prompt (completions), input (embeddings), or"
                + " dataframe_records / instances (a custom model). Each query may cost money"
                + " (pay-per-token or the endpoint's compute). An endpoint that is not READY is"
                + " refused with its state and why.")
        .input(
            Schema.of(ENDPOINT)
                .property("messages", messagesSchema(), false)
                .param(PROMPT)
                .property(
                    "input",
                    array("Embeddings: the texts to embed", Map.of("type", "string")),
                    false)
                .property(
                    "dataframe_records",
                    array(
                        "Custom model: rows as objects, e.g. [{\"tenure\": 10, \"plan\": \"pro\"}]",
                        Map.of("type", "object")),
                    false)
                .property(
                    "instances", array("Custom model: tensor input in row format", Map.of()), false)
                .param(MAX_TOKENS))
        .hints(ToolHints.write(false))
        .checkWith("get_serving_endpoint")
        .handler(ServingQueryTool::query)
        .build();
  }

  private static ToolResult query(Args args, ToolContext ctx) {
    String name = ENDPOINT.of(args);
    String field = onlyInput(args);
    ServingEndpointDetailed endpoint = ctx.workspace().servingEndpoints().get(name);
    if (endpoint.getState() == null || endpoint.getState().getReady() != EndpointStateReady.READY) {
      throw new ToolException(
          ErrorCode.CONFLICT,
          "Serving endpoint "
              + name
              + " is "
              + ServingRows.stateWords(endpoint.getState())
              + ", not READY: "
              + ServingAnswers.whyNotReady(endpoint)
              + " Nothing was sent; get_serving_endpoint shows its progress.",
          Map.of("state", String.valueOf(ServingRows.detail(endpoint).get("state"))));
    }
    requireTaskInput(endpoint.getTask(), field);
    QueryEndpointInput request = new QueryEndpointInput().setName(name);
    Object raw = args.asMap().get(field);
    switch (field) {
      case "messages" -> request.setMessages(messages(raw));
      case "prompt" -> request.setPrompt(PROMPT.of(args));
      case "input" -> request.setInput(strings(raw));
      case "dataframe_records" -> request.setDataframeRecords(list(field, raw));
      default -> request.setInstances(list(field, raw));
    }
    MAX_TOKENS.optional(args).ifPresent(n -> request.setMaxTokens((long) n));
    QueryEndpointResponse response = ctx.workspace().servingEndpoints().query(request);
    return ServingAnswers.answer(name, response);
  }

  /** The one input field given; none or several is a VALIDATION_ERROR naming them all. */
  private static String onlyInput(Args args) {
    List<String> given = new ArrayList<>();
    INPUTS.forEach(
        f -> {
          if (args.asMap().get(f) != null) {
            given.add(f);
          }
        });
    if (given.size() == 1) {
      return given.get(0);
    }
    String all = String.join(", ", INPUTS);
    if (given.isEmpty()) {
      throw ToolException.validation(INPUTS.get(0), "give exactly one input: one of " + all);
    }
    throw ToolException.validation(
        given.get(1),
        "give exactly one input (one of " + all + "); got " + String.join(" and ", given));
  }

  /** The input the endpoint's task takes (query.md: each field is used ONLY for its task). */
  private static void requireTaskInput(String task, String field) {
    String wanted =
        task == null
            ? null
            : switch (task) {
              case "llm/v1/chat" -> "messages";
              case "llm/v1/completions" -> "prompt";
              case "llm/v1/embeddings" -> "input";
              default -> null;
            };
    if (wanted != null && !wanted.equals(field)) {
      throw ToolException.validation(
          field, "this endpoint's task is " + task + ": give " + wanted + " instead");
    }
    boolean custom = task == null;
    if (custom && List.of("messages", "prompt", "input").contains(field)) {
      throw ToolException.validation(
          field, "this endpoint serves a custom model: give dataframe_records or instances");
    }
  }

  private static List<ChatMessage> messages(Object raw) {
    if (!(raw instanceof List<?> list) || list.isEmpty()) {
      throw ToolException.validation("messages", "must be a non-empty list of {role, content}");
    }
    List<ChatMessage> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String field = "messages[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> m)) {
        throw ToolException.validation(field, "must be an object {role, content}");
      }
      Object role = m.get("role");
      ChatMessageRole parsed;
      try {
        parsed = ChatMessageRole.valueOf(String.valueOf(role).toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ToolException.validation(field + ".role", "must be system, user or assistant");
      }
      if (!(m.get("content") instanceof String content)) {
        throw ToolException.validation(field + ".content", "is required: the message's text");
      }
      out.add(new ChatMessage().setRole(parsed).setContent(content));
    }
    return out;
  }

  private static Object strings(Object raw) {
    if (raw instanceof String s) {
      return s;
    }
    if (raw instanceof List<?> list
        && !list.isEmpty()
        && list.stream().allMatch(String.class::isInstance)) {
      return list;
    }
    throw ToolException.validation("input", "must be a text or a non-empty list of texts");
  }

  private static List<Object> list(String field, Object raw) {
    if (!(raw instanceof List<?> list) || list.isEmpty()) {
      throw ToolException.validation(field, "must be a non-empty list of rows");
    }
    return new ArrayList<>(list);
  }

  private static Map<String, Object> messagesSchema() {
    Map<String, Object> role = new LinkedHashMap<>();
    role.put("type", "string");
    role.put("enum", List.of("system", "user", "assistant"));
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("type", "object");
    item.put("properties", Map.of("role", role, "content", Map.of("type", "string")));
    item.put("required", List.of("role", "content"));
    return array(
        "Chat: the conversation, e.g. [{\"role\": \"user\", \"content\": \"What is MLflow?\"}]",
        item);
  }

  private static Map<String, Object> array(String description, Map<String, Object> items) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", "array");
    p.put("description", description);
    p.put("items", items);
    return p;
  }
}
