package dev.databricksmcp.server.tools.ai;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.errorCode;
import static dev.databricksmcp.server.testing.SandboxFixture.items;
import static dev.databricksmcp.server.testing.SandboxFixture.message;
import static dev.databricksmcp.server.testing.SandboxFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.vectorsearch.VectorSearchSeed;
import dev.databricksmcp.server.testing.SandboxFixture;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The vector search tools through the real SDK against the sandbox, whose indexes rank rows by a
 * local lexical embedding: an index created over a text column, waited for until ONLINE, answers a
 * text query with the lexically nearest rows first, and a filter narrows them; a Direct Access
 * index takes rows and deletes; the answers for bad filters, both or neither query, a Delta Sync
 * index written to, and an index that is not ONLINE yet (its state and what to do). Indexes here
 * take 5 s to come online, so one created without waiting is still provisioning when queried.
 */
@Timeout(180)
class VectorSearchToolsTest {
  private static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture(new SandboxOptions(0, null, 200, 5000));
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void createAnIndexOverATextColumnWaitAndQueryWithAFilter() {
    Map<String, Object> created =
        ok(
            fx.call(
                "create_vector_search_index",
                Map.of(
                    "index_name",
                    "main.default.reviews_by_text",
                    "endpoint_name",
                    VectorSearchSeed.ENDPOINT,
                    "primary_key",
                    "new_id",
                    "source_table",
                    VectorSearchSeed.SOURCE,
                    "text_column",
                    "review",
                    "wait_seconds",
                    60)));
    assertThat(created)
        .containsEntry("state", "ONLINE")
        .containsEntry("source_table", VectorSearchSeed.SOURCE);
    assertThat(((Number) created.get("indexed_row_count")).longValue())
        .isEqualTo(fx.rowCount(VectorSearchSeed.SOURCE));

    List<Map<String, Object>> nearest =
        rows(
            fx.call(
                "query_vector_search_index",
                Map.of(
                    "index_name",
                    "main.default.reviews_by_text",
                    "query_text",
                    "almond croissant",
                    "columns",
                    List.of("new_id", "review", "franchiseID"),
                    "num_results",
                    4)));
    assertThat(nearest).hasSize(4);
    assertThat((String) nearest.get(0).get("review")).containsIgnoringCase("almond croissant");
    assertThat((Double) nearest.get(0).get("score"))
        .isGreaterThanOrEqualTo((Double) nearest.get(1).get("score"));

    Object franchise = nearest.get(0).get("franchiseID");
    List<Map<String, Object>> filtered =
        rows(
            fx.call(
                "query_vector_search_index",
                Map.of(
                    "index_name",
                    "main.default.reviews_by_text",
                    "query_text",
                    "almond croissant",
                    "columns",
                    List.of("new_id", "review", "franchiseID"),
                    "filters",
                    Map.of("franchiseID NOT", Long.valueOf(franchise.toString())))));
    assertThat(filtered)
        .isNotEmpty()
        .noneMatch(r -> String.valueOf(r.get("franchiseID")).equals(franchise.toString()));
  }

  @Test
  void theSeededIndexAnswersWithThePrimaryKeyAndTextByDefault() {
    CallToolResult r =
        fx.call(
            "query_vector_search_index",
            Map.of("index_name", VectorSearchSeed.INDEX, "query_text", "sourdough bread"));
    List<Map<String, Object>> rows = rows(r);
    assertThat(rows.get(0)).containsOnlyKeys("new_id", "review", "score");
    assertThat((String) rows.get(0).get("review")).containsIgnoringCase("sourdough");
    assertThat(message(r)).contains("nearest first");
  }

  @Test
  void badQueriesAreValidationErrorsNamingTheField() {
    CallToolResult badFilter =
        fx.call(
            "query_vector_search_index",
            Map.of(
                "index_name",
                VectorSearchSeed.INDEX,
                "query_text",
                "bread",
                "filters",
                Map.of("review ~=", "x")));
    assertThat(errorCode(badFilter)).isEqualTo("VALIDATION_ERROR");
    assertThat(error(badFilter)).startsWith("filters");

    Map<String, Object> both = new HashMap<>();
    both.put("index_name", VectorSearchSeed.INDEX);
    both.put("query_text", "bread");
    both.put("query_vector", List.of(0.1, 0.2));
    assertThat(errorCode(fx.call("query_vector_search_index", both))).isEqualTo("VALIDATION_ERROR");
    assertThat(
            errorCode(
                fx.call("query_vector_search_index", Map.of("index_name", VectorSearchSeed.INDEX))))
        .isEqualTo("VALIDATION_ERROR");

    CallToolResult unknownColumn =
        fx.call(
            "query_vector_search_index",
            Map.of(
                "index_name",
                VectorSearchSeed.INDEX,
                "query_text",
                "bread",
                "filters",
                Map.of("no_such_column", 1)));
    assertThat(errorCode(unknownColumn)).isEqualTo("VALIDATION_ERROR");
    assertThat(
            errorCode(
                fx.call(
                    "get_vector_search_index", Map.of("index_name", "main.default.no_such_index"))))
        .isEqualTo("NOT_FOUND");
  }

  @Test
  void anIndexNotOnlineAnswersWithItsStateAndWhatToDo() {
    ok(
        fx.call(
            "create_vector_search_index",
            Map.of(
                "index_name", "main.default.still_provisioning",
                "endpoint_name", VectorSearchSeed.ENDPOINT,
                "primary_key", "new_id",
                "source_table", VectorSearchSeed.SOURCE,
                "text_column", "review")));
    CallToolResult r =
        fx.call(
            "query_vector_search_index",
            Map.of("index_name", "main.default.still_provisioning", "query_text", "bread"));
    assertThat(errorCode(r)).isEqualTo("UNAVAILABLE");
    assertThat(error(r))
        .contains("PROVISIONING_INITIAL_SNAPSHOT")
        .contains("get_vector_search_index");
  }

  @Test
  void aDirectAccessIndexTakesUpsertsAndDeletes() {
    Map<String, Object> args = new HashMap<>();
    args.put("index_name", "main.default.direct_points");
    args.put("endpoint_name", VectorSearchSeed.ENDPOINT);
    args.put("primary_key", "id");
    args.put("direct_access", true);
    args.put("schema", Map.of("id", "integer", "label", "string", "v", "array<float>"));
    args.put("vector_column", "v");
    args.put("embedding_dimension", 2);
    args.put("wait_seconds", 60);
    assertThat(ok(fx.call("create_vector_search_index", args))).containsEntry("state", "ONLINE");

    CallToolResult upserted =
        fx.call(
            "upsert_vector_search_data",
            Map.of(
                "index_name",
                "main.default.direct_points",
                "rows",
                List.of(
                    Map.of("id", 1, "label", "east", "v", List.of(1, 0)),
                    Map.of("id", 2, "label", "north", "v", List.of(0, 1)))));
    assertThat(ok(upserted)).containsEntry("upserted_rows", 2);
    assertThat(message(upserted)).isEqualTo("Upserted 2 rows into main.default.direct_points.");

    List<Map<String, Object>> near =
        rows(
            fx.call(
                "query_vector_search_index",
                Map.of(
                    "index_name", "main.default.direct_points",
                    "query_vector", List.of(0.1, 0.9),
                    "columns", List.of("label"))));
    assertThat(near.get(0)).containsEntry("label", "north");

    CallToolResult deleted =
        fx.call(
            "delete_vector_search_data",
            Map.of("index_name", "main.default.direct_points", "primary_keys", List.of("2")));
    assertThat(ok(deleted)).containsEntry("deleted_rows", 1);
    assertThat(
            ok(
                fx.call(
                    "get_vector_search_index", Map.of("index_name", "main.default.direct_points"))))
        .containsEntry("indexed_row_count", 1);

    CallToolResult sync =
        fx.call("sync_vector_search_index", Map.of("index_name", "main.default.direct_points"));
    assertThat(errorCode(sync)).isEqualTo("VALIDATION_ERROR");
  }

  @Test
  void aDeltaSyncIndexTakesNoUpsertsButSyncs() {
    CallToolResult r =
        fx.call(
            "upsert_vector_search_data",
            Map.of("index_name", VectorSearchSeed.INDEX, "rows", List.of(Map.of("new_id", 99))));
    assertThat(errorCode(r)).isEqualTo("VALIDATION_ERROR");
    assertThat(error(r)).contains("syncs from " + VectorSearchSeed.SOURCE);
    assertThat(
            ok(fx.call("sync_vector_search_index", Map.of("index_name", VectorSearchSeed.INDEX))))
        .containsEntry("sync_started", true);
  }

  @Test
  void endpointsAndIndexesAreListedCreatedAndDeleted() {
    assertThat(items(fx.call("list_vector_search_endpoints", Map.of())))
        .extracting(e -> e.get("name"))
        .contains(VectorSearchSeed.ENDPOINT);
    assertThat(
            items(
                fx.call(
                    "list_vector_search_indexes",
                    Map.of("endpoint_name", VectorSearchSeed.ENDPOINT))))
        .extracting(i -> i.get("name"))
        .contains(VectorSearchSeed.INDEX);

    Map<String, Object> created =
        ok(
            fx.call(
                "create_vector_search_endpoint", Map.of("name", "tool-made", "wait_seconds", 60)));
    assertThat(created).containsEntry("state", "ONLINE").containsEntry("type", "STANDARD");
    assertThat(ok(fx.call("get_vector_search_endpoint", Map.of("endpoint_name", "tool-made"))))
        .containsEntry("num_indexes", 0);
    assertThat(ok(fx.call("delete_vector_search_endpoint", Map.of("endpoint_name", "tool-made"))))
        .containsEntry("deleted", true);
    assertThat(
            errorCode(fx.call("get_vector_search_endpoint", Map.of("endpoint_name", "tool-made"))))
        .isEqualTo("NOT_FOUND");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rows(CallToolResult r) {
    return (List<Map<String, Object>>) ok(r).get("rows");
  }

  /** A failure's text (the envelope's error). */
  private static String error(CallToolResult r) {
    return String.valueOf(body(r).get("error"));
  }
}
