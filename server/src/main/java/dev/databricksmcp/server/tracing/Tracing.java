package dev.databricksmcp.server.tracing;

import dev.databricksmcp.server.connection.DatabricksCallObserver;
import dev.databricksmcp.server.core.ToolInvoker;
import dev.databricksmcp.server.mcp.ServerInfo;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import jakarta.servlet.Filter;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenTelemetry SDK as the standard {@code OTEL_*} variables configure it (the SDK's
 * autoconfiguration reads them: endpoint, headers, service name, resource attributes, sampler,
 * batch sizes), for traces only, and the spans this server makes: one per MCP request ({@link
 * #mcpRequests}), one per tool call beneath it ({@link #toolCalls}), one per Databricks request
 * beneath that ({@link #databricksCalls}). Loaded only when {@link TracingSettings} says tracing is
 * on; {@link #close} sends what is left.
 */
public final class Tracing implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Tracing.class);
  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
  private static final AttributeKey<String> SERVICE_VERSION =
      AttributeKey.stringKey("service.version");

  private final OpenTelemetrySdk sdk;
  private final ToolSpans tools;
  private final DatabricksSpans databricks;
  private final McpRequestSpans requests;

  private Tracing(OpenTelemetrySdk sdk) {
    this.sdk = sdk;
    Tracer tracer = sdk.getTracer("dev.databricksmcp.server", ServerInfo.version());
    TextMapPropagator propagator = sdk.getPropagators().getTextMapPropagator();
    this.tools = new ToolSpans(tracer);
    this.databricks = new DatabricksSpans(tracer);
    this.requests = new McpRequestSpans(tracer, propagator);
  }

  /**
   * The SDK configured from the environment (and {@code otel.*} system properties), or null with a
   * warning when the variables ask for something this build cannot do.
   */
  public static Tracing start(TracingSettings settings) {
    String problem = settings.problem();
    if (problem != null) {
      LOG.warn("tracing is off: {}", problem);
      return null;
    }
    try {
      OpenTelemetrySdk sdk =
          AutoConfiguredOpenTelemetrySdk.builder()
              // lower precedence than the environment: only what the operator left unset
              .addPropertiesSupplier(
                  () ->
                      Map.of(
                          "otel.exporter.otlp.protocol", "http/protobuf",
                          "otel.metrics.exporter", "none",
                          "otel.logs.exporter", "none"))
              .addResourceCustomizer((resource, config) -> named(resource))
              // closed with the server, after the last request was answered
              .disableShutdownHook()
              .build()
              .getOpenTelemetrySdk();
      LOG.info("tracing {}", settings.describe());
      return new Tracing(sdk);
    } catch (RuntimeException e) {
      // the class only: OpenTelemetry's message can quote a variable whole, OTLP header values
      // included
      LOG.warn(
          "tracing is off: the OpenTelemetry configuration was refused ({}); check the OTEL_*"
              + " variables",
          e.getClass().getSimpleName());
      return null;
    }
  }

  /** The server's own name and version unless the operator named the service. */
  private static Resource named(Resource resource) {
    String name = resource.getAttribute(SERVICE_NAME);
    String version = resource.getAttribute(SERVICE_VERSION);
    Resource ours =
        Resource.builder()
            .put(
                SERVICE_NAME,
                name == null || name.startsWith("unknown_service") ? ServerInfo.NAME : name)
            .put(SERVICE_VERSION, version == null ? ServerInfo.version() : version)
            .build();
    return resource.merge(ours);
  }

  /** A span per tool call, current while its handler runs. */
  public ToolInvoker.CallObserver toolCalls() {
    return tools;
  }

  /** A client span per request sent to Databricks. */
  public DatabricksCallObserver databricksCalls() {
    return databricks;
  }

  /** The Databricks workspace URL, for the client spans' {@code server.address}. */
  public void databricksHost(Supplier<String> host) {
    databricks.host(host);
  }

  /** A servlet filter for {@code /mcp}: a server span per JSON-RPC request or notification. */
  public Filter mcpRequests() {
    return requests;
  }

  /** Sends the spans still buffered and stops the exporter (up to 10 s). */
  @Override
  public void close() {
    sdk.shutdown().join(10, TimeUnit.SECONDS);
  }
}
