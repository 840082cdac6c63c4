package dev.databricksmcp.server.metrics;

import dev.databricksmcp.server.connection.DatabricksCallObserver;
import dev.databricksmcp.server.core.ToolInvoker;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.LongSupplier;

/**
 * The server's metrics: one registry behind {@code /metrics} and the status page. Labels are
 * bounded: tool names (the server's own list), outcomes and error codes (enums), Databricks
 * methods, endpoint templates and status codes; never a principal, an argument, a statement or an
 * id. Built only in HTTP mode, so nothing of it loads on the stdio path.
 */
public final class ServerMetrics {
  /** Tool calls range from a cached lookup (ms) to a wait for a warehouse (minutes). */
  static final double[] CALL_BUCKETS = {
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300
  };

  /** One Databricks request: tens of ms to a long poll. */
  static final double[] REQUEST_BUCKETS = {
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60
  };

  final PrometheusRegistry registry = new PrometheusRegistry();
  final Counter toolCalls =
      Counter.builder()
          .name("databricks_mcp_tool_calls_total")
          .help("Tool calls answered, by tool, outcome (success|error) and error code")
          .labelNames("tool", "outcome", "error_code")
          .register(registry);
  final Histogram toolDuration =
      Histogram.builder()
          .name("databricks_mcp_tool_call_duration_seconds")
          .help("Time from a tool call's start to its answer, by tool")
          .labelNames("tool")
          .classicOnly()
          .classicUpperBounds(CALL_BUCKETS)
          .register(registry);
  final Counter confirmations =
      Counter.builder()
          .name("databricks_mcp_confirmations_total")
          .help(
              "Destructive calls at the confirmation gate, by tool and result: asked"
                  + " (CONFIRMATION_REQUIRED with a token), given (a confirmed call went ahead),"
                  + " refused (declined, or a token expired, used or not matching)")
          .labelNames("tool", "result")
          .register(registry);
  final Counter rateLimited =
      Counter.builder()
          .name("databricks_mcp_rate_limited_total")
          .help("Tool calls refused with RATE_LIMITED, by tool")
          .labelNames("tool")
          .register(registry);
  final Counter waitsHandedBack =
      Counter.builder()
          .name("databricks_mcp_waits_handed_back_total")
          .help(
              "Waits that ended before the work did; the answer handed back its state and the"
                  + " handle to check it again, by tool")
          .labelNames("tool")
          .register(registry);
  final Counter requests =
      Counter.builder()
          .name("databricks_mcp_databricks_requests_total")
          .help(
              "HTTP requests sent to Databricks (each attempt), by method, endpoint template and"
                  + " status (none: no response)")
          .labelNames("method", "path", "status")
          .register(registry);
  final Histogram requestDuration =
      Histogram.builder()
          .name("databricks_mcp_databricks_request_duration_seconds")
          .help("Time of one HTTP request to Databricks, by method and endpoint template")
          .labelNames("method", "path")
          .classicOnly()
          .classicUpperBounds(REQUEST_BUCKETS)
          .register(registry);

  final RecentPrincipals principals;
  final CallHistory history;
  final DatabricksHealth health;
  private volatile LongSupplier sessions = () -> 0;
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  /**
   * @param version the server's version, for {@code databricks_mcp_build_info}
   */
  public ServerMetrics(String version) {
    this(version, System::nanoTime);
  }

  ServerMetrics(String version, LongSupplier nanoClock) {
    this.principals = new RecentPrincipals(nanoClock);
    this.history = new CallHistory(toolCalls, nanoClock);
    this.health = new DatabricksHealth(nanoClock);
    Info.builder()
        .name("databricks_mcp_build_info")
        .help("The server's version")
        .labelNames("version")
        .register(registry)
        .addLabelValues(version);
    GaugeWithCallback.builder()
        .name("databricks_mcp_active_sessions")
        .help("MCP sessions open now (stateful HTTP; 0 when stateless)")
        .callback(cb -> cb.call(sessions.getAsLong()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("databricks_mcp_signed_in_principals")
        .help("Distinct principals that called a tool in the last 15 minutes (a count, no names)")
        .callback(cb -> cb.call(principals.count()))
        .register(registry);
    JvmMetrics.builder().register(registry);
  }

  /** Told of every tool call. */
  public ToolInvoker.CallObserver calls() {
    return new ToolCallMetrics(this);
  }

  /** Told of every request to Databricks. */
  public DatabricksCallObserver databricks() {
    return new DatabricksCallMetrics(this);
  }

  /** Where the number of open MCP sessions comes from (the HTTP transport). */
  public void sessionsFrom(LongSupplier openSessions) {
    this.sessions = openSessions;
  }

  /** The Prometheus text format's media type. */
  public String contentType() {
    return writer.getContentType();
  }

  /** Every family, in the Prometheus text format. */
  public void writeTo(OutputStream out) throws IOException {
    writer.write(out, registry.scrape());
  }

  /** What the status page shows, read from the same counters. */
  public CallHistory.Summary recentCalls() {
    return history.summary();
  }

  public DatabricksHealth.State databricksHealth() {
    return health.state();
  }
}
