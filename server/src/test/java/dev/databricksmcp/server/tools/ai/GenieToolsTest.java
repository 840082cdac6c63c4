package dev.databricksmcp.server.tools.ai;

import static dev.databricksmcp.server.testing.SandboxFixture.errorCode;
import static dev.databricksmcp.server.testing.SandboxFixture.items;
import static dev.databricksmcp.server.testing.SandboxFixture.message;
import static dev.databricksmcp.server.testing.SandboxFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.genie.SeededSpaces;
import dev.databricksmcp.server.testing.SandboxFixture;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Genie tools through the real SDK against the sandbox's seeded space, whose answers come from
 * its example-question matcher (a stand-in for Genie's model): a question answered with its SQL and
 * rows, a follow-up in the same conversation, paging the rows, an unmatched question, and the
 * answers for bad input and an unknown space.
 */
@Timeout(120)
class GenieToolsTest {
  private static final String SPACE = SeededSpaces.SAMPLES_SPACE_ID;
  private static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture(new SandboxOptions(0, null, 200, 200));
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static String error(CallToolResult r) {
    return String.valueOf(SandboxFixture.body(r).get("error"));
  }

  private static String text(CallToolResult r) {
    return ((TextContent) r.content().get(0)).text();
  }

  @Test
  void listAndGetTheSeededSpaceByTitle() {
    List<Map<String, Object>> spaces = items(fx.call("list_genie_spaces", Map.of()));
    assertThat(spaces).extracting(s -> s.get("space_id")).contains(SPACE);
    Map<String, Object> space =
        ok(
            fx.call(
                "get_genie_space",
                Map.of("space_id", SeededSpaces.SAMPLES_SPACE_TITLE.toUpperCase())));
    assertThat(space).containsEntry("space_id", SPACE);
    assertThat(String.valueOf(space.get("tables"))).contains("samples.tpch.orders");
    assertThat((List<?>) space.get("sample_questions")).isNotEmpty();
  }

  @Test
  void askShowsTheSqlAndRowsAndFollowsUpInTheSameConversation() {
    CallToolResult first =
        fx.call(
            "ask_genie",
            Map.of("space_id", SPACE, "question", "What is the total order value per year?"));
    Map<String, Object> answer = ok(first);
    assertThat(answer).containsEntry("state", "COMPLETED");
    assertThat(String.valueOf(answer.get("sql"))).contains("FROM samples.tpch.orders");
    assertThat((List<?>) answer.get("rows")).isNotEmpty();
    assertThat(answer.get("total_row_count")).isEqualTo(((List<?>) answer.get("rows")).size());
    assertThat(message(first)).contains("not verified");
    assertThat(text(first)).contains("Genie's SQL").contains("samples.tpch.orders");

    String conversation = String.valueOf(answer.get("conversation_id"));
    Map<String, Object> followUp =
        ok(
            fx.call(
                "ask_genie",
                Map.of(
                    "space_id",
                    SPACE,
                    "question",
                    "and by region?",
                    "conversation_id",
                    conversation)));
    assertThat(followUp).containsEntry("conversation_id", conversation);
    assertThat(String.valueOf(followUp.get("sql"))).contains("samples.tpch.region");
    assertThat(followUp.get("message_id")).isNotEqualTo(answer.get("message_id"));

    Map<String, Object> again =
        ok(
            fx.call(
                "get_genie_message",
                Map.of(
                    "space_id", SPACE,
                    "conversation_id", conversation,
                    "message_id", followUp.get("message_id"))));
    assertThat(again).containsEntry("sql", followUp.get("sql"));
  }

  @Test
  void queryResultPagesByOffset() {
    Map<String, Object> asked =
        ok(
            fx.call(
                "ask_genie",
                Map.of(
                    "space_id",
                    SPACE,
                    "question",
                    "Who are the top 10 customers by account balance?",
                    "max_rows",
                    4)));
    assertThat((List<?>) asked.get("rows")).hasSize(4);
    assertThat(asked).containsEntry("next_offset", 4);
    Map<String, Object> page =
        ok(
            fx.call(
                "get_genie_query_result",
                Map.of(
                    "space_id",
                    SPACE,
                    "conversation_id",
                    asked.get("conversation_id"),
                    "message_id",
                    asked.get("message_id"),
                    "offset",
                    8)));
    assertThat((List<?>) page.get("rows")).hasSize(2);
    assertThat(page).containsEntry("row_offset", 8);
  }

  @Test
  void anUnmatchedQuestionGetsTheRephraseText() {
    CallToolResult r =
        fx.call("ask_genie", Map.of("space_id", SPACE, "question", "Will it rain in Paris?"));
    Map<String, Object> answer = ok(r);
    assertThat(String.valueOf(answer.get("text"))).contains("rephrase");
    assertThat(answer).doesNotContainKey("sql");
    assertThat(message(r)).contains("no query");
  }

  @Test
  void unknownSpaceIsNotFoundAndBadArgumentsNameTheField() {
    assertThat(
            errorCode(
                fx.call(
                    "ask_genie",
                    Map.of("space_id", "0123456789abcdef0123456789abcdef", "question", "x"))))
        .isEqualTo("NOT_FOUND");
    CallToolResult noTitle = fx.call("get_genie_space", Map.of("space_id", "No such space"));
    assertThat(errorCode(noTitle)).isEqualTo("VALIDATION_ERROR");
    assertThat(error(noTitle)).startsWith("space_id:");
    CallToolResult noQuestion = fx.call("ask_genie", Map.of("space_id", SPACE));
    assertThat(errorCode(noQuestion)).isEqualTo("VALIDATION_ERROR");
    assertThat(error(noQuestion)).startsWith("question");
    CallToolResult badWait =
        fx.call("ask_genie", Map.of("space_id", SPACE, "question", "x", "wait_seconds", 999));
    assertThat(errorCode(badWait)).isEqualTo("VALIDATION_ERROR");
    assertThat(error(badWait)).startsWith("wait_seconds");
  }
}
