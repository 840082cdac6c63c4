package dev.databricksmcp.sandbox.serving;

import com.databricks.sdk.service.serving.ServedEntityOutput;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.http.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What answers a query in the sandbox: small, local, deterministic stand-ins for the models, in the
 * response shapes of query.md (https://docs.databricks.com/api/model-serving-query/v1/query.md).
 * Nothing here is a model; every answer says so (the {@value #HEADER} header, and a chat answer
 * starts with {@value #CHAT_PREFIX}).
 *
 * <ul>
 *   <li>A Unity Catalog model version scores each record with the formula the sandbox stores on
 *       every version: {@code 1 / (1 + exp(-(0.01 * sum + 0.1 * version - 1)))}, where {@code sum}
 *       adds the record's numbers (true counts 1, text and nulls nothing), rounded to 6 places.
 *   <li>A chat model echoes the last user message, prefixed with {@value #CHAT_PREFIX}.
 *   <li>An embeddings model returns, for each input text, a unit vector of the model's size drawn
 *       from the SHA-256 of the text: the same text always has the same vector.
 * </ul>
 */
final class StandIns {
  static final String HEADER = "x-sandbox-stand-in";
  static final String CHAT_PREFIX = "[sandbox] ";

  /** The input fields of a custom model's query, exactly one of which a query gives. */
  static final List<String> CUSTOM_INPUTS =
      List.of("dataframe_split", "dataframe_records", "instances", "inputs");

  private static final Set<String> CHAT_FIELDS =
      Set.of("messages", "temperature", "max_tokens", "stop", "n", "stream", "extra_params");

  private StandIns() {}

  /** An answer and which stand-in gave it (the header's value). */
  record Answer(ObjectNode body, String standIn, int scored) {}

  static Answer answer(String endpoint, ServedEntityOutput entity, JsonNode query) {
    if (!query.isObject()) {
      throw badRequest("The request body must be a JSON object");
    }
    FoundationModels foundation = FoundationModels.named(entity.getEntityName()).orElse(null);
    if (foundation == null) {
      return score(entity, query);
    }
    return foundation.isChat() ? chat(endpoint, foundation, query) : embed(foundation, query);
  }

  private static Answer score(ServedEntityOutput entity, JsonNode query) {
    List<String> given = new ArrayList<>();
    CUSTOM_INPUTS.forEach(
        f -> {
          if (query.has(f)) {
            given.add(f);
          }
        });
    if (given.size() != 1) {
      throw badRequest(
          "Invalid input. The input must be a JSON dictionary with exactly one of the input fields"
              + " {'dataframe_split', 'dataframe_records', 'instances', 'inputs'}; got "
              + (given.isEmpty() ? "none" : given)
              + ".");
    }
    List<JsonNode> rows = rows(given.get(0), query.get(given.get(0)));
    long version = Long.parseLong(entity.getEntityVersion());
    ArrayNode predictions = Json.MAPPER.createArrayNode();
    for (JsonNode row : rows) {
      double z = 0.01 * sum(row) + 0.1 * version - 1;
      predictions.add(Math.round(1_000_000 / (1 + Math.exp(-z))) / 1_000_000.0);
    }
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.set("predictions", predictions);
    return new Answer(body, "formula-scorer", rows.size());
  }

  /** The records of a custom model's input, each an object or an array of values. */
  private static List<JsonNode> rows(String field, JsonNode value) {
    List<JsonNode> rows = new ArrayList<>();
    switch (field) {
      case "dataframe_split" -> {
        JsonNode data = value.path("data");
        if (!data.isArray()) {
          throw badRequest("dataframe_split must have a 'data' array of rows");
        }
        data.forEach(rows::add);
      }
      case "inputs" -> {
        if (value.isObject()) {
          // columnar: {"a": [1, 2], "b": [3, 4]} is two rows
          int n = 0;
          for (JsonNode column : value) {
            n = Math.max(n, column.isArray() ? column.size() : 1);
          }
          for (int i = 0; i < n; i++) {
            ArrayNode row = Json.MAPPER.createArrayNode();
            for (JsonNode column : value) {
              row.add(column.isArray() ? column.path(i) : column);
            }
            rows.add(row);
          }
        } else if (value.isArray()) {
          value.forEach(rows::add);
        } else {
          rows.add(value);
        }
      }
      default -> {
        if (!value.isArray()) {
          throw badRequest(field + " must be a list of records");
        }
        value.forEach(rows::add);
      }
    }
    return rows;
  }

  private static double sum(JsonNode value) {
    if (value.isNumber()) {
      return value.asDouble();
    }
    if (value.isBoolean()) {
      return value.asBoolean() ? 1 : 0;
    }
    double total = 0;
    if (value.isContainerNode()) {
      for (JsonNode v : value) {
        total += sum(v);
      }
    }
    return total;
  }

  private static Answer chat(String endpoint, FoundationModels model, JsonNode query) {
    refuseOthers(query, CHAT_FIELDS, "a chat endpoint takes 'messages'");
    JsonNode messages = query.path("messages");
    if (!messages.isArray() || messages.isEmpty()) {
      throw badRequest("'messages' is required: a non-empty list of {role, content}");
    }
    String last = null;
    int promptWords = 0;
    for (JsonNode m : messages) {
      String role = m.path("role").asText("");
      if (!Set.of("system", "user", "assistant")
          .contains(role.toLowerCase(java.util.Locale.ROOT))) {
        throw badRequest("Each message needs a role: system, user or assistant");
      }
      String content = m.path("content").asText("");
      promptWords += words(content);
      if ("user".equalsIgnoreCase(role)) {
        last = content;
      }
    }
    if (last == null) {
      throw badRequest("'messages' has no message with role user");
    }
    String reply = CHAT_PREFIX + last;
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("id", "chatcmpl-sandbox-" + hex(digest(endpoint + "\n" + messages)).substring(0, 16));
    body.put("object", "chat.completion");
    body.put("created", System.currentTimeMillis() / 1000);
    body.put("model", model.name());
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    message.put("content", reply);
    choice.put("finish_reason", "stop");
    usage(body, promptWords, words(reply));
    return new Answer(body, "echo-chat", 0);
  }

  private static Answer embed(FoundationModels model, JsonNode query) {
    refuseOthers(query, Set.of("input", "extra_params"), "an embeddings endpoint takes 'input'");
    JsonNode input = query.path("input");
    List<String> texts = new ArrayList<>();
    if (input.isTextual()) {
      texts.add(input.asText());
    } else if (input.isArray() && !input.isEmpty()) {
      for (JsonNode t : input) {
        if (!t.isTextual()) {
          throw badRequest("'input' must be a string or a list of strings");
        }
        texts.add(t.asText());
      }
    } else {
      throw badRequest("'input' is required: a string or a non-empty list of strings");
    }
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("object", "list");
    body.put("model", model.name());
    ArrayNode data = body.putArray("data");
    int tokens = 0;
    for (int i = 0; i < texts.size(); i++) {
      ObjectNode one = data.addObject();
      one.put("object", "embedding");
      one.put("index", i);
      ArrayNode vector = one.putArray("embedding");
      for (double v : unitVector(texts.get(i), model.dimensions())) {
        vector.add(v);
      }
      tokens += words(texts.get(i));
    }
    usage(body, tokens, 0);
    return new Answer(body, "hashed-embeddings", 0);
  }

  /** A unit vector of {@code n} values drawn from the text's SHA-256 chain. */
  static double[] unitVector(String text, int n) {
    double[] v = new double[n];
    byte[] block = digest(text);
    double norm = 0;
    for (int i = 0; i < n; i++) {
      int at = (i % 8) * 4;
      if (i > 0 && at == 0) {
        block = digest(hex(block));
      }
      v[i] = ByteBuffer.wrap(block, at, 4).getInt() / (double) Integer.MAX_VALUE;
      norm += v[i] * v[i];
    }
    norm = Math.sqrt(norm);
    for (int i = 0; i < n; i++) {
      v[i] = v[i] / norm;
    }
    return v;
  }

  private static void usage(ObjectNode body, int prompt, int completion) {
    ObjectNode usage = body.putObject("usage");
    usage.put("prompt_tokens", prompt);
    if (completion > 0) {
      usage.put("completion_tokens", completion);
    }
    usage.put("total_tokens", prompt + completion);
  }

  private static void refuseOthers(JsonNode query, Set<String> allowed, String what) {
    for (Iterator<Map.Entry<String, JsonNode>> f = query.fields(); f.hasNext(); ) {
      String name = f.next().getKey();
      if (!allowed.contains(name)
          && !"client_request_id".equals(name)
          && !"usage_context".equals(name)) {
        throw badRequest("'" + name + "' is not an input of this endpoint: " + what + ".");
      }
    }
  }

  /** Words, as the stand-ins count tokens. */
  private static int words(String text) {
    String t = text.strip();
    return t.isEmpty() ? 0 : t.split("\\s+").length;
  }

  private static byte[] digest(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder s = new StringBuilder();
    for (byte b : bytes) {
      s.append(String.format("%02x", b));
    }
    return s.toString();
  }

  static ApiException badRequest(String message) {
    return new ApiException(ErrorCode.BAD_REQUEST, message);
  }
}
