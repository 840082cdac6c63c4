package dev.databricksmcp.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.core.DatabricksError;
import dev.databricksmcp.server.testing.OfflineContext;
import dev.databricksmcp.server.tools.workspace.WorkspaceToolset;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A write tool whose effect is unknown — its deadline passed, or its request failed without being
 * refused — is never answered as not done: the answer says it may have happened and how to check.
 */
@Timeout(30)
class UnknownOutcomeTest {
  private final List<String> audited = new CopyOnWriteArrayList<>();

  /**
   * The deadline of the tests whose tool sleeps past it: short, since mutation testing reruns these
   * tests for many mutants, yet well past what the call does before its handler sleeps.
   */
  private static final Duration SHORT = Duration.ofMillis(500);

  private ToolInvoker invoker(Duration timeout, CallPolicy... policies) {
    return new ToolInvoker(
        false,
        List.of(policies),
        8,
        tool -> timeout,
        (tool, args, ctx, result, ms) -> audited.add(ToolInvoker.outcomeOf(result)));
  }

  private static ToolDef.Builder tool(ToolHints hints, ToolHandler handler) {
    return ToolDef.builder(WorkspaceToolset.ID, "make_thing")
        .title("Make thing")
        .description("Makes a thing for tests.")
        .hints(hints)
        .checkWith("get_thing")
        .handler(handler);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(CallToolResult r) {
    return (Map<String, Object>) r.structuredContent();
  }

  private static String error(CallToolResult r) {
    return (String) body(r).get("error");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> details(CallToolResult r) {
    return (Map<String, Object>) body(r).get("details");
  }

  private static final ToolHandler SLEEPS =
      (args, ctx) -> {
        Thread.sleep(60_000);
        return ToolResult.of("late", "late");
      };

  @Test
  void aWriteThatOutlivesItsDeadlineMayHaveHappenedAndIsNeverSaidToBeStopped() {
    CallToolResult r =
        invoker(SHORT)
            .invoke(tool(ToolHints.write(false), SLEEPS).build(), Map.of(), new OfflineContext());

    assertThat(body(r).get("error_code")).isEqualTo("TIMEOUT");
    assertThat(error(r))
        .contains("may have been made")
        .contains("check with get_thing")
        .doesNotContain("stopped");
    assertThat(details(r))
        .containsEntry("may_have_changed", true)
        .containsEntry("check_with", "get_thing");
    assertThat(audited).containsExactly("TIMEOUT");
  }

  @Test
  void theTimeoutOfAWriteCarriesTheWorkItStartedAndHowToCheckIt() {
    CallToolResult r =
        invoker(SHORT)
            .invoke(
                tool(
                        ToolHints.write(false),
                        (args, ctx) -> {
                          ctx.track(new WorkHandle("thing_id", "t-1", "get_thing_status"));
                          return SLEEPS.handle(args, ctx);
                        })
                    .build(),
                Map.of(),
                new OfflineContext());

    assertThat(error(r)).contains("check with get_thing_status with thing_id=t-1");
    assertThat(details(r))
        .containsEntry("thing_id", "t-1")
        .containsEntry("check_with", "get_thing_status");
  }

  @Test
  void theConfirmationsDescriptionOfTheTargetIsRepeatedWithoutASecondLookup() {
    List<String> lookups = new CopyOnWriteArrayList<>();
    ToolDef destructive =
        tool(ToolHints.destructive(false), SLEEPS)
            .confirmTarget(
                (args, ctx) -> {
                  lookups.add("looked up");
                  return new ConfirmationTarget("delete thing 'x' in https://example", "x|1");
                })
            .build();
    CallPolicy gate =
        (t, raw, args, ctx) -> t.target().describe(args, ctx); // as the confirmation gate does

    CallToolResult r = invoker(SHORT, gate).invoke(destructive, Map.of(), new OfflineContext());

    assertThat(error(r)).contains("It was to delete thing 'x' in https://example.");
    assertThat(details(r)).containsEntry("target", "delete thing 'x' in https://example");
    assertThat(lookups).hasSize(1);
  }

  @Test
  void aReadOnlyToolThatOutlivesItsDeadlineWasStopped() {
    CallToolResult r =
        invoker(SHORT)
            .invoke(tool(ToolHints.read(), SLEEPS).build(), Map.of(), new OfflineContext());

    assertThat(error(r)).contains("was stopped");
    assertThat(details(r)).doesNotContainKey("may_have_changed");
  }

  @Test
  void aWriteWhoseRequestGotNoAnswerMayHaveHappened() {
    Exception readTimeout =
        new DatabricksError("IO_ERROR", 523, new SocketTimeoutException("Read timed out"));
    CallToolResult r =
        invoker(Duration.ofSeconds(10))
            .invoke(
                tool(
                        ToolHints.write(false),
                        (args, ctx) -> {
                          throw readTimeout;
                        })
                    .build(),
                Map.of(),
                new OfflineContext());

    assertThat(error(r))
        .contains("may have changed the workspace")
        .contains("check with get_thing")
        .doesNotContain("try again");
    assertThat(details(r)).containsEntry("may_have_changed", true);
  }

  @Test
  void aWriteAnsweredWithA5xxMayHaveHappened() {
    Exception badGateway = new DatabricksError("BAD_GATEWAY", "upstream reset", 502);
    CallToolResult r =
        invoker(Duration.ofSeconds(10))
            .invoke(
                tool(
                        ToolHints.write(false),
                        (args, ctx) -> {
                          throw badGateway;
                        })
                    .build(),
                Map.of(),
                new OfflineContext());

    assertThat(error(r))
        .contains("Databricks answered HTTP 502")
        .contains("may have changed the workspace");
  }

  @Test
  void aRefusedOrNeverSentWriteIsReportedAsItIs() {
    for (Exception refused :
        List.of(
            new DatabricksError("RESOURCE_ALREADY_EXISTS", "thing exists", 409),
            new DatabricksError("REQUEST_LIMIT_EXCEEDED", "slow down", 429),
            new DatabricksError("IO_ERROR", 523, new ConnectException("Connection refused")),
            ToolException.validation("name", "bad"))) {
      CallToolResult r =
          invoker(Duration.ofSeconds(10))
              .invoke(
                  tool(
                          ToolHints.write(false),
                          (args, ctx) -> {
                            throw refused;
                          })
                      .build(),
                  Map.of(),
                  new OfflineContext());

      assertThat(details(r)).as(refused.toString()).doesNotContainKey("may_have_changed");
      assertThat(error(r)).as(refused.toString()).doesNotContain("may have");
    }
  }

  @Test
  void aFailureAfterWorkStartedKeepsItsHandleWhateverTheFailure() {
    Exception rateLimited = new DatabricksError("REQUEST_LIMIT_EXCEEDED", "slow down", 429);
    CallToolResult r =
        invoker(Duration.ofSeconds(10))
            .invoke(
                tool(
                        ToolHints.write(false),
                        (args, ctx) -> {
                          ctx.track(new WorkHandle("thing_id", "t-2", "get_thing"));
                          throw rateLimited;
                        })
                    .build(),
                Map.of(),
                new OfflineContext());

    assertThat(body(r).get("error_code")).isEqualTo("RATE_LIMITED");
    assertThat(error(r))
        .contains("started thing_id=t-2")
        .contains("check with get_thing with thing_id=t-2");
    assertThat(details(r)).containsEntry("thing_id", "t-2").containsEntry("may_have_changed", true);
  }

  @Test
  void aFailureBeforeTheHandlerRanChangedNothing() {
    CallPolicy failingLookup =
        (t, raw, args, ctx) -> {
          throw new DatabricksError("TEMPORARILY_UNAVAILABLE", "busy", 503);
        };
    CallToolResult r =
        invoker(Duration.ofSeconds(10), failingLookup)
            .invoke(
                tool(ToolHints.write(false), (args, ctx) -> ToolResult.of("done", "done")).build(),
                Map.of(),
                new OfflineContext());

    assertThat(body(r).get("error_code")).isEqualTo("UNAVAILABLE");
    assertThat(details(r)).doesNotContainKey("may_have_changed");
  }

  private CallToolResult failingWrite(Exception failure) {
    return invoker(Duration.ofSeconds(10))
        .invoke(
            tool(
                    ToolHints.write(false),
                    (args, ctx) -> {
                      throw failure;
                    })
                .build(),
            Map.of(),
            new OfflineContext());
  }

  @Test
  void aLostConnectionIsDescribedInWordsCutToThreeHundredCharacters() {
    String exactly = "r".repeat(300);
    assertThat(
            error(
                failingWrite(
                    new DatabricksError("IO_ERROR", 523, new java.io.IOException(exactly)))))
        .contains("no answer from Databricks: " + exactly + ")");
    assertThat(
            error(
                failingWrite(
                    new DatabricksError("IO_ERROR", 523, new java.io.IOException(exactly + "s")))))
        .contains("no answer from Databricks: " + exactly + "…)");
    assertThat(
            error(
                failingWrite(
                    new DatabricksError(
                        "IO_ERROR", 523, new java.io.IOException("first\nsecond")))))
        .contains("no answer from Databricks: first)");
    assertThat(
            error(
                failingWrite(
                    new DatabricksError("IO_ERROR", 523, new java.io.IOException("\nsecond")))))
        .as("nothing after a line break, even the first character's")
        .contains("no answer from Databricks: )")
        .doesNotContain("second");
    assertThat(error(failingWrite(new DatabricksError("IO_ERROR", 523, new java.io.IOException()))))
        .contains("no answer from Databricks: the connection ended without one)")
        .doesNotContain("IOException");
  }

  @Test
  void anAnswerWithoutAStatusIsNotCalledAnHttpAnswer() {
    String noStatus = error(failingWrite(new DatabricksError("ODD", "no status at all", 0)));
    assertThat(noStatus).doesNotContain("HTTP 0").contains("no status at all");
    assertThat(error(failingWrite(new DatabricksError("ODD", "teapot", 1))))
        .contains("Databricks answered HTTP 1");
  }

  @Test
  void ourOwnFailureAfterStartingWorkKeepsTheHandleAndSaysWhatFailed() {
    CallToolResult r =
        invoker(Duration.ofSeconds(10))
            .invoke(
                tool(
                        ToolHints.write(false),
                        (args, ctx) -> {
                          ctx.track(new WorkHandle("thing_id", "t-3", "get_thing"));
                          throw new IllegalStateException("boom");
                        })
                    .build(),
                Map.of(),
                new OfflineContext());

    assertThat(error(r)).contains("started thing_id=t-3").contains("Internal error");
    assertThat(details(r)).containsEntry("thing_id", "t-3").containsKey("correlation_id");
  }

  @Test
  void aReadToolsFailureStillCarriesTheWorkItStarted() {
    CallToolResult r =
        invoker(Duration.ofSeconds(10))
            .invoke(
                tool(
                        ToolHints.read(),
                        (args, ctx) -> {
                          ctx.track(new WorkHandle("statement_id", "s-9", "get_statement"));
                          throw new DatabricksError("NOT_FOUND", "gone", 404);
                        })
                    .build(),
                Map.of(),
                new OfflineContext());

    assertThat(body(r).get("error_code")).isEqualTo("NOT_FOUND");
    assertThat(details(r))
        .containsEntry("statement_id", "s-9")
        .doesNotContainKey("may_have_changed");
  }
}
