package dev.databricksmcp.server.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.server.core.ErrorCode;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolInvoker;
import dev.databricksmcp.server.testing.OfflineContext;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The tool and Databricks spans as an exporter receives them, failures included. */
class SpansTest {
  private final List<SpanData> finished = new CopyOnWriteArrayList<>();
  private final Tracer tracer =
      SdkTracerProvider.builder()
          .addSpanProcessor(SimpleSpanProcessor.create(new Collecting()))
          .build()
          .get("test");

  @Test
  void aFailedToolCallIsAnErrorSpanWithItsCodeAndItsRequestsAreItsChildren() {
    DatabricksSpans databricks = new DatabricksSpans(tracer);
    databricks.host(() -> "https://adb-123.azuredatabricks.net");
    ToolDef tool =
        ToolDef.builder("unity_catalog", "get_table")
            .title("Get table")
            .description("A test tool.")
            .input(Schema.object().string("full_name", "the table", true))
            .hints(ToolHints.read())
            .handler(
                (args, context) -> {
                  databricks
                      .started("GET", "/api/2.1/unity-catalog/tables/{full_name}")
                      .ended(404, "req-42", null);
                  throw new ToolException(
                      ErrorCode.NOT_FOUND, "main.secret_schema.canary_table does not exist");
                })
            .build();
    OfflineContext context = OfflineContext.as("canary-principal");
    new ToolInvoker(false, List.of(), 4, t -> Duration.ofSeconds(30), new ToolSpans(tracer))
        .invoke(tool, Map.of("full_name", "main.secret_schema.canary_table"), context);

    SpanData call = named("execute_tool get_table");
    assertThat(call.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(call.getAttributes().get(AttributeKey.stringKey("error.type")))
        .isEqualTo("NOT_FOUND");
    assertThat(call.getAttributes().get(AttributeKey.stringKey("databricks_mcp.outcome")))
        .isEqualTo("NOT_FOUND");
    assertThat(call.getAttributes().get(AttributeKey.stringKey("databricks_mcp.toolset")))
        .isEqualTo("unity_catalog");
    assertThat(call.getAttributes().get(AttributeKey.stringKey("databricks_mcp.correlation_id")))
        .isEqualTo(context.correlationId());

    SpanData request = named("GET /api/2.1/unity-catalog/tables/{full_name}");
    assertThat(request.getParentSpanId()).isEqualTo(call.getSpanId());
    assertThat(request.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(request.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(request.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
        .isEqualTo(404L);
    assertThat(request.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("404");
    assertThat(request.getAttributes().get(AttributeKey.stringKey("databricks.request_id")))
        .isEqualTo("req-42");
    assertThat(request.getAttributes().get(AttributeKey.stringKey("server.address")))
        .isEqualTo("adb-123.azuredatabricks.net");
    assertThat(request.getAttributes().get(AttributeKey.longKey("server.port"))).isEqualTo(443L);

    assertThat(finished.toString()).doesNotContain("canary");
  }

  @Test
  void aRequestWithNoAnswerNamesTheFailuresClassNotItsMessage() {
    new DatabricksSpans(tracer)
        .started("POST", "/api/2.0/sql/statements")
        .ended(0, null, new ConnectException("refused by canary-host.internal"));

    SpanData request = named("POST /api/2.0/sql/statements");
    assertThat(request.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(request.getAttributes().get(AttributeKey.stringKey("error.type")))
        .isEqualTo("java.net.ConnectException");
    assertThat(request.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
        .isNull();
    assertThat(request.getEvents()).isEmpty();
    assertThat(finished.toString()).doesNotContain("canary");
  }

  @Test
  void aSuccessfulRequestIsNoError() {
    new DatabricksSpans(tracer)
        .started("GET", "/api/2.0/sql/statements/{statement_id}")
        .ended(200, null, null);

    SpanData request = named("GET /api/2.0/sql/statements/{statement_id}");
    assertThat(request.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(request.getAttributes().get(AttributeKey.stringKey("error.type"))).isNull();
    assertThat(request.getAttributes().get(AttributeKey.stringKey("databricks.request_id")))
        .isNull();
  }

  private SpanData named(String name) {
    List<SpanData> named = finished.stream().filter(s -> s.getName().equals(name)).toList();
    assertThat(named).as("%s among %s", name, finished).hasSize(1);
    return named.get(0);
  }

  private final class Collecting implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      finished.addAll(spans);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
