package dev.databricksmcp.server.security;

import static dev.databricksmcp.server.security.ConfirmationFlowTest.details;
import static dev.databricksmcp.server.security.ConfirmationFlowTest.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolInvoker;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.UserAnswer;
import dev.databricksmcp.server.tools.workspace.WorkspaceToolset;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Rate limits per principal and per-tool timeouts produce their error codes. */
class LimitsTest {
  private static final ToolDef PING =
      ToolDef.builder(WorkspaceToolset.ID, "ping_tool")
          .title("Ping")
          .description("Answers at once.")
          .hints(ToolHints.read())
          .handler((args, ctx) -> ToolResult.of("pong", "pong"))
          .build();

  private static final ToolDef SLOW =
      ToolDef.builder(WorkspaceToolset.ID, "slow_tool")
          .title("Slow")
          .description("Takes a minute.")
          .hints(ToolHints.read())
          .handler(
              (args, ctx) -> {
                Thread.sleep(60_000);
                return ToolResult.of("late", "late");
              })
          .build();

  @Test
  void aPrincipalOverItsRateIsToldWhenToRetryWhileOthersGoOn() {
    AtomicLong nanos = new AtomicLong();
    RateLimiter limiter = new RateLimiter(60, 2, nanos::get);

    assertThat(limiter.acquire("alice")).isZero();
    assertThat(limiter.acquire("alice")).isZero();
    assertThat(limiter.acquire("alice")).isEqualTo(1); // one call a second
    assertThat(limiter.acquire("bob")).isZero();

    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(limiter.acquire("alice")).isZero();
  }

  @Test
  void theInvokerAnswersRateLimitedWithRetryAfter() {
    SecuritySettings settings =
        new SecuritySettings(
            true, Duration.ofMinutes(5), 1, 1, 4, Duration.ofMinutes(1), Map.of(), null, null);
    ToolInvoker invoker = CallPolicies.invoker(false, settings, AuditLog.discard());
    FakeContext alice = new FakeContext("alice", UserAnswer.UNSUPPORTED);

    CallToolResult first = invoker.invoke(PING, Map.of(), alice);
    CallToolResult second = invoker.invoke(PING, Map.of(), alice);

    assertThat(first.isError()).isFalse();
    assertThat(errorCode(second)).isEqualTo("RATE_LIMITED");
    assertThat((Long) details(second).get("retry_after_seconds")).isPositive();
  }

  @Test
  @Timeout(30)
  void aToolOverItsTimeoutIsStoppedWithTimeout() {
    SecuritySettings settings =
        new SecuritySettings(
            true,
            Duration.ofMinutes(5),
            0,
            1,
            4,
            Duration.ofMinutes(5),
            Map.of("slow_tool", Duration.ofSeconds(1)),
            null,
            null);
    ToolInvoker invoker = CallPolicies.invoker(false, settings, AuditLog.discard());

    CallToolResult result =
        invoker.invoke(SLOW, Map.of(), new FakeContext("alice", UserAnswer.UNSUPPORTED));

    assertThat(errorCode(result)).isEqualTo("TIMEOUT");
    assertThat(details(result)).containsEntry("timeout_seconds", 1L);
  }
}
