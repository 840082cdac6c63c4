package dev.databricksmcp.sandbox.serving;

import java.util.List;
import java.util.Optional;

/**
 * The pay-per-token foundation models a Databricks workspace serves as ready {@code databricks-*}
 * endpoints (https://docs.databricks.com/machine-learning/foundation-model-apis/supported-models):
 * a short fixed list, each answered by a local stand-in ({@link StandIns}). A served entity whose
 * {@code entity_name} is one of these names serves that model.
 *
 * @param name the endpoint and model name
 * @param displayName as the reference shows it
 * @param task the endpoint's task: {@code llm/v1/chat} or {@code llm/v1/embeddings}
 * @param dimensions the embedding size (embeddings models), 0 for chat
 */
public record FoundationModels(String name, String displayName, String task, int dimensions) {
  public static final String CHAT = "llm/v1/chat";
  public static final String EMBEDDINGS = "llm/v1/embeddings";

  /** GTE Large (En) and BGE Large (En) return 1024-dimensional embeddings (supported-models). */
  public static final List<FoundationModels> ALL =
      List.of(
          new FoundationModels(
              "databricks-meta-llama-3-3-70b-instruct", "Meta Llama 3.3 70B Instruct", CHAT, 0),
          new FoundationModels("databricks-gte-large-en", "GTE Large (En)", EMBEDDINGS, 1024),
          new FoundationModels("databricks-bge-large-en", "BGE Large (En)", EMBEDDINGS, 1024));

  public static Optional<FoundationModels> named(String name) {
    return ALL.stream().filter(m -> m.name.equals(name)).findFirst();
  }

  public boolean isChat() {
    return CHAT.equals(task);
  }
}
