package dev.databricksmcp.server.e2e;

import static dev.databricksmcp.server.testing.SandboxOverMcp.data;
import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.genie.SeededSpaces;
import dev.databricksmcp.server.testing.SandboxOverMcp;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What issue 20 says a model can do on the sandbox, done the way a model does it: MCP tool calls
 * over Streamable HTTP with the ai toolset switched on. Make a table with a text column, create an
 * index over it, wait until it is ONLINE, and retrieve the rows nearest a text query, first without
 * and then with a filter; ask the seeded Genie space a question, read its SQL and rows, and follow
 * up in the same conversation.
 */
@Timeout(120)
class AiOverMcpTest {
  private SandboxOverMcp mcp;

  @BeforeEach
  void start() {
    mcp = SandboxOverMcp.start(Sandbox.start(new SandboxOptions(0, null, 200, 500)), "ai", "sql");
  }

  @AfterEach
  void stop() {
    mcp.close();
  }

  @Test
  void createAnIndexOverATextColumnWaitAndFindTheNearestRowsWithAFilter() {
    mcp.call(
        "execute_sql",
        Map.of(
            "statement",
            "CREATE TABLE main.default.faq AS SELECT * FROM VALUES"
                + " (1, 'How do I reset my password', 'account'),"
                + " (2, 'Password rules and expiry', 'security'),"
                + " (3, 'Where is my invoice', 'billing'),"
                + " (4, 'Change the billing address on an invoice', 'billing')"
                + " AS t(id, question, topic)"));
    Map<String, Object> index =
        data(
            mcp.call(
                "create_vector_search_index",
                Map.of(
                    "index_name", "main.default.faq_index",
                    "endpoint_name", "sandbox-vector-search",
                    "primary_key", "id",
                    "source_table", "main.default.faq",
                    "text_column", "question",
                    "wait_seconds", 60)));
    assertThat(index).containsEntry("state", "ONLINE").containsEntry("indexed_row_count", 4);

    List<Map<String, Object>> nearest =
        rows(
            mcp.call(
                "query_vector_search_index",
                Map.of(
                    "index_name",
                    "main.default.faq_index",
                    "query_text",
                    "reset password",
                    "num_results",
                    2)));
    assertThat(nearest).extracting(r -> r.get("id")).containsExactly("1", "2");

    List<Map<String, Object>> billing =
        rows(
            mcp.call(
                "query_vector_search_index",
                Map.of(
                    "index_name",
                    "main.default.faq_index",
                    "query_text",
                    "password invoice",
                    "columns",
                    List.of("id", "question", "topic"),
                    "filters",
                    Map.of("topic", "billing"))));
    assertThat(billing)
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r).containsEntry("topic", "billing"));
  }

  @Test
  void theSeededGenieSpaceAnswersWithItsSqlAndRowsAndFollowsUp() {
    Map<String, Object> answer =
        data(
            mcp.call(
                "ask_genie",
                Map.of(
                    "space_id",
                    SeededSpaces.SAMPLES_SPACE_TITLE,
                    "question",
                    "What is the total order value per year?")));
    assertThat(answer).containsEntry("state", "COMPLETED");
    assertThat(String.valueOf(answer.get("sql"))).contains("samples.tpch.orders");
    assertThat((List<?>) answer.get("rows")).isNotEmpty();

    Map<String, Object> followUp =
        data(
            mcp.call(
                "ask_genie",
                Map.of(
                    "space_id",
                    SeededSpaces.SAMPLES_SPACE_ID,
                    "question",
                    "and by region?",
                    "conversation_id",
                    answer.get("conversation_id"))));
    assertThat(followUp).containsEntry("conversation_id", answer.get("conversation_id"));
    assertThat(String.valueOf(followUp.get("sql"))).contains("samples.tpch.region");
    assertThat((List<?>) followUp.get("rows")).isNotEmpty();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rows(CallToolResult r) {
    return (List<Map<String, Object>>) data(r).get("rows");
  }
}
