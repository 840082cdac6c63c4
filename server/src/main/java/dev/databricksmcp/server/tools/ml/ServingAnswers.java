package dev.databricksmcp.server.tools.ml;

import com.databricks.sdk.service.serving.EmbeddingsV1ResponseEmbeddingElement;
import com.databricks.sdk.service.serving.EndpointPendingConfig;
import com.databricks.sdk.service.serving.ServedEntityOutput;
import com.databricks.sdk.service.serving.ServingEndpointDetailed;
import com.databricks.sdk.service.serving.V1ResponseChoiceElement;
import dev.databricksmcp.server.core.Jsons;
import dev.databricksmcp.server.core.TextCaps;
import dev.databricksmcp.server.core.ToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A query's answer as the model reads it: the generated text of chat and completions, the
 * predictions of a custom model, the vectors of embeddings, and the token usage, curated from the
 * SDK's response and held to {@link #MAX_BYTES} (then {@code truncated} is true and the message
 * says what was cut).
 */
final class ServingAnswers {
  /** The most an answer's data takes, in bytes of JSON. */
  static final int MAX_BYTES = 16_000;

  private ServingAnswers() {}

  static ToolResult answer(
      String endpoint, com.databricks.sdk.service.serving.QueryEndpointResponse r) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("endpoint", endpoint);
    data.put("served_model", r.getServedModelName());
    data.put("model", r.getModel());
    boolean[] cut = {false};
    String what;
    if (r.getChoices() != null) {
      List<Map<String, Object>> choices = new ArrayList<>();
      int budget = MAX_BYTES / Math.max(1, r.getChoices().size());
      for (V1ResponseChoiceElement c : r.getChoices()) {
        String text = c.getMessage() != null ? c.getMessage().getContent() : c.getText();
        String capped = text == null ? null : TextCaps.capped(text, budget);
        cut[0] |= capped != null && capped.length() < text.length();
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("index", c.getIndex());
        one.put("text", capped);
        choices.add(one);
      }
      data.put("choices", choices);
      what = "answered with " + choices.size() + (choices.size() == 1 ? " choice" : " choices");
    } else if (r.getData() != null) {
      List<Map<String, Object>> embeddings = new ArrayList<>();
      int budget =
          (MAX_BYTES - TextCaps.bytes(Jsons.write(data)) - 256) / Math.max(1, r.getData().size());
      for (EmbeddingsV1ResponseEmbeddingElement e : r.getData()) {
        Map<String, Object> one = new LinkedHashMap<>();
        List<Double> vector = e.getEmbedding() == null ? List.of() : List.copyOf(e.getEmbedding());
        List<Double> head = leading(vector, budget);
        cut[0] |= head.size() < vector.size();
        one.put("index", e.getIndex());
        one.put("dimensions", vector.size());
        one.put("embedding", head);
        embeddings.add(one);
      }
      data.put("embeddings", fit(embeddings, data, cut));
      what =
          "returned " + embeddings.size() + (embeddings.size() == 1 ? " embedding" : " embeddings");
    } else {
      List<Object> predictions =
          r.getPredictions() == null ? List.of() : List.copyOf(r.getPredictions());
      data.put("predictions", fit(predictions, data, cut));
      what =
          "returned "
              + predictions.size()
              + (predictions.size() == 1 ? " prediction" : " predictions");
    }
    if (r.getUsage() != null) {
      Map<String, Object> usage = new LinkedHashMap<>();
      usage.put("prompt_tokens", r.getUsage().getPromptTokens());
      usage.put("completion_tokens", r.getUsage().getCompletionTokens());
      usage.put("total_tokens", r.getUsage().getTotalTokens());
      data.put("usage", usage);
    }
    data.put("truncated", cut[0]);
    return ToolResult.of(
        data,
        "Endpoint "
            + endpoint
            + " "
            + what
            + (cut[0]
                ? " (cut to "
                    + MAX_BYTES
                    + " bytes; an embedding keeps its first values and its dimensions: send fewer rows or texts to see more)."
                : "."));
  }

  /** The leading values of a vector whose JSON takes at most {@code budget} bytes. */
  private static List<Double> leading(List<Double> vector, int budget) {
    int used = 64; // the row's other fields
    int n = 0;
    while (n < vector.size() && (used += String.valueOf(vector.get(n)).length() + 1) <= budget) {
      n++;
    }
    return vector.subList(0, n);
  }

  /** The leading items that fit the budget beside what {@code data} holds already. */
  private static <T> List<T> fit(List<T> items, Map<String, Object> data, boolean[] cut) {
    int used = TextCaps.bytes(Jsons.write(data));
    List<T> kept = new ArrayList<>();
    for (T item : items) {
      used += TextCaps.bytes(Jsons.write(item)) + 1;
      if (used > MAX_BYTES) {
        cut[0] = true;
        break;
      }
      kept.add(item);
    }
    return kept;
  }

  /** Why an endpoint is not READY: its building or failed served models, in words. */
  static String whyNotReady(ServingEndpointDetailed e) {
    EndpointPendingConfig pending = e.getPendingConfig();
    List<String> reasons = new ArrayList<>();
    if (pending != null && pending.getServedEntities() != null) {
      for (ServedEntityOutput s : pending.getServedEntities()) {
        String deployment =
            s.getState() == null || s.getState().getDeployment() == null
                ? "state unknown"
                : s.getState().getDeployment().name();
        String message = s.getState() == null ? null : s.getState().getDeploymentStateMessage();
        reasons.add(
            s.getName()
                + " "
                + deployment
                + (message == null || message.isEmpty() ? "" : " (" + message + ")"));
      }
    }
    return reasons.isEmpty()
        ? "no served model is deployed."
        : "served models: " + String.join("; ", reasons) + ".";
  }
}
