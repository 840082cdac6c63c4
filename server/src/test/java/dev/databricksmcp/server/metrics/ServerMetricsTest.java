package dev.databricksmcp.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.server.connection.DatabricksCallObserver;
import dev.databricksmcp.server.core.ConfirmationStep;
import dev.databricksmcp.server.core.Envelope;
import dev.databricksmcp.server.core.ErrorCode;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolInvoker;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.testing.OfflineContext;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Each family counts what its observer is told, and nothing names a caller. */
class ServerMetricsTest {
  private static final long MINUTE = 60_000_000_000L;

  private final AtomicLong clock = new AtomicLong(1_000);
  private final ServerMetrics metrics = new ServerMetrics("1.2.3", clock::get);
  private final ToolInvoker.CallObserver calls = metrics.calls();

  private static ToolDef tool(String name, ToolHints hints) {
    return ToolDef.builder("workspace", name)
        .title(name)
        .description(name)
        .hints(hints)
        .handler((args, ctx) -> ToolResult.of(Map.of(), "done"))
        .build();
  }

  private static final ToolDef READ = tool("read_thing", ToolHints.read());
  private static final ToolDef DROP = tool("drop_thing", ToolHints.destructive(true));

  private static ToolContext as(String principal) {
    return OfflineContext.as(principal);
  }

  private void call(ToolDef tool, Map<String, Object> args, String principal, CallToolResult r) {
    ToolContext ctx = as(principal);
    calls.started(tool, ctx).close();
    calls.ended(tool, args, ctx, r, 42);
  }

  private static CallToolResult ok() {
    return Envelope.success(ToolResult.of(Map.of(), "ok"));
  }

  private static CallToolResult error(ErrorCode code, Map<String, Object> details) {
    return Envelope.error(code, "no", details);
  }

  private String scrape() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    metrics.writeTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void countsCallsByToolOutcomeAndErrorCode() throws Exception {
    call(READ, Map.of(), "alice", ok());
    call(READ, Map.of(), "alice", ok());
    call(READ, Map.of("x", 1), "bob", error(ErrorCode.VALIDATION_ERROR, Map.of()));
    call(READ, Map.of(), "bob", error(ErrorCode.RATE_LIMITED, Map.of()));

    String text = scrape();

    assertThat(text)
        .contains(
            "databricks_mcp_tool_calls_total{error_code=\"none\",outcome=\"success\",tool=\"read_thing\"} 2.0")
        .contains(
            "databricks_mcp_tool_calls_total{error_code=\"VALIDATION_ERROR\",outcome=\"error\",tool=\"read_thing\"} 1.0")
        .contains("databricks_mcp_rate_limited_total{tool=\"read_thing\"} 1.0")
        .contains(
            "databricks_mcp_tool_call_duration_seconds_bucket{tool=\"read_thing\",le=\"0.05\"} 4")
        .contains(
            "databricks_mcp_tool_call_duration_seconds_bucket{tool=\"read_thing\",le=\"0.025\"} 0")
        .contains("databricks_mcp_signed_in_principals 2.0")
        .contains("databricks_mcp_build_info{version=\"1.2.3\"} 1")
        .contains("jvm_memory_used_bytes")
        .doesNotContain("alice")
        .doesNotContain("bob");
  }

  @Test
  void anErrorCodeNotOursIsCountedAsError() {
    assertThat(ToolCallMetrics.errorCode("success")).isNull();
    assertThat(ToolCallMetrics.errorCode("NOT_FOUND")).isEqualTo("NOT_FOUND");
    assertThat(ToolCallMetrics.errorCode("SELECT * FROM secrets")).isEqualTo("error");
  }

  @Test
  void confirmationsAskedGivenAndRefusedAsTheGateTellsThem() throws Exception {
    ToolContext ctx = as("a");
    calls.confirmation(DROP, ctx, ConfirmationStep.ASKED);
    calls.confirmation(DROP, ctx, ConfirmationStep.GIVEN);
    calls.confirmation(DROP, ctx, ConfirmationStep.REFUSED);
    calls.confirmation(DROP, ctx, ConfirmationStep.REFUSED);
    // what the call's answer then says changes nothing: the gate's word is what is counted
    call(DROP, Map.of("confirmation_token", "tok"), "a", ok());
    call(DROP, Map.of(), "a", error(ErrorCode.CONFIRMATION_REQUIRED, Map.of("action", "drop")));
    call(READ, Map.of("confirmation_token", "tok"), "a", ok());

    String text = scrape();

    assertThat(text)
        .contains("databricks_mcp_confirmations_total{result=\"asked\",tool=\"drop_thing\"} 1.0")
        .contains("databricks_mcp_confirmations_total{result=\"given\",tool=\"drop_thing\"} 1.0")
        .contains("databricks_mcp_confirmations_total{result=\"refused\",tool=\"drop_thing\"} 2.0")
        .doesNotContain("tool=\"read_thing\",result");
  }

  @Test
  void waitsHandedBackAreCountedByTool() throws Exception {
    calls.waitHandedBack(READ, as("a"));

    assertThat(scrape())
        .contains("databricks_mcp_waits_handed_back_total{tool=\"read_thing\"} 1.0");
  }

  @Test
  void databricksRequestsByMethodTemplateAndStatus() throws Exception {
    DatabricksCallObserver observer = metrics.databricks();
    observer.started("get", "/api/2.0/sql/statements/{id}").ended(200, "rid-1", null);
    observer.started("POST", "/api/2.0/sql/statements").ended(0, null, new RuntimeException("x"));
    observer.started("BREW", "/api/2.0/sql/statements").ended(999, null, null);

    String text = scrape();

    assertThat(text)
        .contains(
            "databricks_mcp_databricks_requests_total{method=\"GET\",path=\"/api/2.0/sql/statements/{id}\",status=\"200\"} 1.0")
        .contains(
            "databricks_mcp_databricks_requests_total{method=\"POST\",path=\"/api/2.0/sql/statements\",status=\"none\"} 1.0")
        .contains(
            "databricks_mcp_databricks_requests_total{method=\"OTHER\",path=\"/api/2.0/sql/statements\",status=\"other\"} 1.0")
        .contains(
            "databricks_mcp_databricks_request_duration_seconds_count{method=\"GET\",path=\"/api/2.0/sql/statements/{id}\"} 1")
        .doesNotContain("rid-1");
  }

  @Test
  void healthFollowsTheLastRequests() {
    assertThat(metrics.databricksHealth().level()).isEqualTo(DatabricksHealth.Level.UNKNOWN);
    DatabricksCallObserver observer = metrics.databricks();
    observer.started("GET", "other").ended(404, null, null);
    assertThat(metrics.databricksHealth().level()).isEqualTo(DatabricksHealth.Level.OK);
    observer.started("GET", "other").ended(503, null, null);
    observer.started("GET", "other").ended(0, null, new RuntimeException());
    DatabricksHealth.State failing = metrics.databricksHealth();
    assertThat(failing.level()).isEqualTo(DatabricksHealth.Level.FAILING);
    assertThat(failing.failuresInARow()).isEqualTo(2);
    observer.started("GET", "other").ended(200, null, null);
    assertThat(metrics.databricksHealth().level()).isEqualTo(DatabricksHealth.Level.OK);
  }

  @Test
  void principalsAreCountedForFifteenMinutes() {
    call(READ, Map.of(), "alice", ok());
    clock.addAndGet(10 * MINUTE);
    call(READ, Map.of(), "bob", ok());
    assertThat(metrics.principals.count()).isEqualTo(2);

    clock.addAndGet(6 * MINUTE);

    assertThat(metrics.principals.count()).isEqualTo(1);
  }

  @Test
  void windowsCountWholeMinutesFromTheSameCounter() {
    call(READ, Map.of(), "a", error(ErrorCode.NOT_FOUND, Map.of()));
    clock.addAndGet(8 * MINUTE);
    call(READ, Map.of(), "a", ok());
    call(DROP, Map.of(), "a", error(ErrorCode.INTERNAL_ERROR, Map.of()));
    clock.addAndGet(2 * MINUTE);
    call(READ, Map.of(), "a", ok());

    CallHistory.Summary s = metrics.recentCalls();

    assertThat(s.sinceStart().calls()).isEqualTo(4);
    assertThat(s.last15().calls()).isEqualTo(4);
    assertThat(s.last15().errors()).isEqualTo(2);
    // minutes 6 to 10: the calls of minutes 8 and 10
    assertThat(s.last5().calls()).isEqualTo(3);
    assertThat(s.last5().errors()).isEqualTo(1);
    assertThat(s.topFailing())
        .containsExactly(Map.entry("drop_thing", 1.0), Map.entry("read_thing", 1.0));

    clock.addAndGet(6 * MINUTE);
    CallHistory.Summary later = metrics.recentCalls();

    assertThat(later.last15().calls()).isEqualTo(3);
    assertThat(later.last5().calls()).isZero();
    assertThat(later.sinceStart().calls()).isEqualTo(4);
  }
}
