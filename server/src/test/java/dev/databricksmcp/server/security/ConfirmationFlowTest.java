package dev.databricksmcp.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.server.core.ConfirmationStep;
import dev.databricksmcp.server.core.ConfirmationTarget;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolInvoker;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.UserAnswer;
import dev.databricksmcp.server.tools.catalog.CatalogToolset;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A destructive tool runs only after confirmation, once per token, and only on the confirmed
 * object.
 */
class ConfirmationFlowTest {
  private final AtomicInteger deletions = new AtomicInteger();

  /** The identity of the object called "t1": replacing it changes the id. */
  private final AtomicReference<String> currentId = new AtomicReference<>("id-1");

  private final ToolDef deleteThing =
      ToolDef.builder(CatalogToolset.ID, "delete_thing")
          .title("Delete thing")
          .description("Deletes a thing.")
          .input(Schema.object().string("name", "Thing name", true))
          .hints(ToolHints.destructive(true))
          .confirmTarget(
              (args, ctx) ->
                  new ConfirmationTarget(
                      "delete thing " + args.string("name") + " in " + ctx.workspaceHost(),
                      currentId.get()))
          .handler(
              (args, ctx) -> {
                deletions.incrementAndGet();
                return ToolResult.of(Map.of("deleted", args.string("name")), "deleted");
              })
          .build();

  private final ToolInvoker invoker =
      CallPolicies.invoker(false, SecuritySettings.defaults(), AuditLog.discard());

  @Test
  void firstCallOnlyAsksAndReturnsAToken() {
    FakeContext ctx = new FakeContext("alice", UserAnswer.UNSUPPORTED);
    CallToolResult result = invoker.invoke(deleteThing, Map.of("name", "t1"), ctx);

    assertThat(errorCode(result)).isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(deletions).hasValue(0);
    assertThat(details(result))
        .containsKey("confirmation_token")
        .containsEntry("action", "delete thing t1 in https://example.cloud.databricks.com");
    assertThat(message(result)).contains("delete thing t1");
    assertThat(ctx.steps).containsExactly(ConfirmationStep.ASKED);
  }

  @Test
  void theRightTokenExecutesExactlyOnce() {
    FakeContext ctx = new FakeContext("alice", UserAnswer.UNSUPPORTED);
    String token = tokenFrom(invoker.invoke(deleteThing, Map.of("name", "t1"), ctx));

    CallToolResult done = invoker.invoke(deleteThing, withToken(Map.of("name", "t1"), token), ctx);
    CallToolResult again = invoker.invoke(deleteThing, withToken(Map.of("name", "t1"), token), ctx);

    assertThat(done.isError()).isFalse();
    assertThat(errorCode(again)).isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(message(again)).contains("already used");
    assertThat(deletions).hasValue(1);
    assertThat(ctx.steps)
        .containsExactly(ConfirmationStep.ASKED, ConfirmationStep.GIVEN, ConfirmationStep.REFUSED);
  }

  @Test
  void aWrongTokenOrOtherArgumentsDoNothing() {
    FakeContext ctx = new FakeContext("alice", UserAnswer.UNSUPPORTED);
    String token = tokenFrom(invoker.invoke(deleteThing, Map.of("name", "t1"), ctx));

    CallToolResult forged =
        invoker.invoke(
            deleteThing,
            withToken(Map.of("name", "t1"), token.substring(0, token.length() - 2) + "xx"),
            ctx);
    CallToolResult otherArgs =
        invoker.invoke(deleteThing, withToken(Map.of("name", "t2"), token), ctx);
    CallToolResult otherPrincipal =
        invoker.invoke(
            deleteThing,
            withToken(Map.of("name", "t1"), token),
            new FakeContext("mallory", UserAnswer.UNSUPPORTED));
    CallToolResult garbage =
        invoker.invoke(deleteThing, withToken(Map.of("name", "t1"), "not-a-token"), ctx);

    assertThat(errorCode(forged)).isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(errorCode(otherArgs)).isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(errorCode(otherPrincipal)).isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(errorCode(garbage)).isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(deletions).hasValue(0);
    assertThat(ctx.steps)
        .containsExactly(
            ConfirmationStep.ASKED,
            ConfirmationStep.REFUSED,
            ConfirmationStep.REFUSED,
            ConfirmationStep.REFUSED);
  }

  @Test
  void aTargetReplacedAfterConfirmationIsNotTouched() {
    FakeContext ctx = new FakeContext("alice", UserAnswer.UNSUPPORTED);
    String token = tokenFrom(invoker.invoke(deleteThing, Map.of("name", "t1"), ctx));
    currentId.set("id-2"); // dropped and re-created under the same name

    CallToolResult result =
        invoker.invoke(deleteThing, withToken(Map.of("name", "t1"), token), ctx);

    assertThat(errorCode(result)).isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(message(result)).contains("target changed");
    assertThat(deletions).hasValue(0);
  }

  @Test
  void elicitationDeclinedDoesNothingAndAcceptedProceeds() {
    FakeContext declining = new FakeContext("alice", UserAnswer.DECLINED);
    CallToolResult declined = invoker.invoke(deleteThing, Map.of("name", "t1"), declining);

    assertThat(errorCode(declined)).isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(details(declined))
        .containsEntry("declined", true)
        .doesNotContainKey("confirmation_token");
    assertThat(declining.lastQuestion)
        .contains("delete thing t1")
        .contains("example.cloud.databricks.com");
    assertThat(deletions).hasValue(0);
    assertThat(declining.steps).containsExactly(ConfirmationStep.REFUSED);

    FakeContext accepting = new FakeContext("alice", UserAnswer.ACCEPTED);
    CallToolResult accepted = invoker.invoke(deleteThing, Map.of("name", "t1"), accepting);
    assertThat(accepted.isError()).isFalse();
    assertThat(deletions).hasValue(1);
    assertThat(accepting.steps)
        .as("the invoker passes the yes on to the call's context")
        .containsExactly(ConfirmationStep.GIVEN);
  }

  @Test
  void noConfirmRunsDestructiveToolsDirectly() {
    ToolInvoker unattended =
        CallPolicies.invoker(
            false, SecuritySettings.defaults().withConfirm(false), AuditLog.discard());
    FakeContext ctx = new FakeContext("alice", UserAnswer.UNSUPPORTED);

    CallToolResult result = unattended.invoke(deleteThing, Map.of("name", "t1"), ctx);

    assertThat(result.isError()).isFalse();
    assertThat(ctx.questionsAsked).isZero();
    assertThat(deletions).hasValue(1);
    assertThat(ctx.steps).as("no gate, nothing asked, given or refused").isEmpty();
  }

  /** Stateless replicas behind a load balancer: the confirming call may reach another process. */
  @Test
  void replicasSharingAKeyAcceptEachOthersTokensAndOthersDoNot() {
    byte[] key = "k".repeat(40).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    SecuritySettings shared = withKey(key);
    ToolInvoker replicaA = CallPolicies.invoker(false, shared, AuditLog.discard());
    ToolInvoker replicaB = CallPolicies.invoker(false, shared, AuditLog.discard());
    ToolInvoker stranger =
        CallPolicies.invoker(
            false,
            withKey("x".repeat(40).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            AuditLog.discard());
    FakeContext ctx = new FakeContext("alice", UserAnswer.UNSUPPORTED);

    String token = tokenFrom(replicaA.invoke(deleteThing, Map.of("name", "t1"), ctx));
    assertThat(errorCode(stranger.invoke(deleteThing, withToken(Map.of("name", "t1"), token), ctx)))
        .isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(errorCode(invoker.invoke(deleteThing, withToken(Map.of("name", "t1"), token), ctx)))
        .isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(deletions).hasValue(0);

    assertThat(replicaB.invoke(deleteThing, withToken(Map.of("name", "t1"), token), ctx).isError())
        .isFalse();
    assertThat(deletions).hasValue(1);
  }

  @Test
  void theTokenSurvivesTheResultRedactionUnchanged() {
    for (int i = 0; i < 100; i++) { // under the default burst of the rate limit
      CallToolResult asked =
          invoker.invoke(
              deleteThing,
              Map.of("name", "t" + i),
              new FakeContext("alice", UserAnswer.UNSUPPORTED));
      assertThat(tokenFrom(asked)).matches("[0-9]+\\.[0-9a-f]{24}\\.[0-9a-f]{64}");
    }
  }

  private static SecuritySettings withKey(byte[] key) {
    SecuritySettings d = SecuritySettings.defaults();
    return new SecuritySettings(
        true, d.confirmationTtl(), 0, 1, 4, d.defaultTimeout(), Map.of(), null, key);
  }

  @Test
  void aToolWithoutATargetDescriberIsDescribedByItsArguments() {
    ToolDef dropAll =
        ToolDef.builder(CatalogToolset.ID, "drop_all")
            .title("Drop all")
            .description("Drops everything.")
            .input(Schema.object().string("scope", "What", true))
            .hints(ToolHints.destructive(false))
            .handler((args, ctx) -> ToolResult.of(Map.of(), "dropped"))
            .build();
    CallToolResult asked =
        invoker.invoke(
            dropAll,
            Map.of("scope", "everything"),
            new FakeContext("alice", UserAnswer.UNSUPPORTED));
    assertThat(errorCode(asked)).isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(message(asked)).contains("Drop all with {\"scope\":\"everything\"}");
  }

  /** "This cannot be undone." only for deletes, drops and revokes, never for a CREATE SCHEMA. */
  @Test
  void theQuestionSaysCannotBeUndoneOnlyForIrreversibleActions() {
    FakeContext deleting = new FakeContext("alice", UserAnswer.DECLINED);
    invoker.invoke(deleteWith(ConfirmationTarget::irreversible), Map.of("name", "t1"), deleting);
    assertThat(deleting.lastQuestion).endsWith("This cannot be undone.");

    FakeContext creating = new FakeContext("alice", UserAnswer.DECLINED);
    invoker.invoke(
        deleteWith((d, f) -> new ConfirmationTarget("run CREATE SCHEMA main.s", f)),
        Map.of("name", "t1"),
        creating);
    assertThat(creating.lastQuestion)
        .contains("run CREATE SCHEMA main.s")
        .doesNotContain("cannot be undone")
        .endsWith("It changes the workspace.");

    FakeContext stopping = new FakeContext("alice", UserAnswer.DECLINED);
    invoker.invoke(deleteWith(ConfirmationTarget::reversible), Map.of("name", "t1"), stopping);
    assertThat(stopping.lastQuestion)
        .doesNotContain("cannot be undone")
        .endsWith("It can be changed back afterwards.");
  }

  private ToolDef deleteWith(
      java.util.function.BiFunction<String, String, ConfirmationTarget> target) {
    return ToolDef.builder(CatalogToolset.ID, "change_thing")
        .title("Change thing")
        .description("Changes a thing.")
        .input(Schema.object().string("name", "Thing name", true))
        .hints(ToolHints.destructive(true))
        .confirmTarget((args, ctx) -> target.apply("change thing " + args.string("name"), "id"))
        .handler((args, ctx) -> ToolResult.of(Map.of(), "changed"))
        .build();
  }

  @Test
  void destructiveToolsAdvertiseTheConfirmationTokenParameter() {
    assertThat(deleteThing.inputSchema().get("properties").toString())
        .contains("confirmation_token");
  }

  static Map<String, Object> withToken(Map<String, Object> args, String token) {
    Map<String, Object> out = new HashMap<>(args);
    out.put("confirmation_token", token);
    return out;
  }

  static String tokenFrom(CallToolResult result) {
    return (String) details(result).get("confirmation_token");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> details(CallToolResult result) {
    return (Map<String, Object>) ((Map<String, Object>) result.structuredContent()).get("details");
  }

  @SuppressWarnings("unchecked")
  static String errorCode(CallToolResult result) {
    return (String) ((Map<String, Object>) result.structuredContent()).get("error_code");
  }

  @SuppressWarnings("unchecked")
  static String message(CallToolResult result) {
    return (String) ((Map<String, Object>) result.structuredContent()).get("error");
  }
}
