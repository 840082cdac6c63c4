package dev.databricksmcp.server.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the standard variables turn traces on, and what doctor says of them. */
class TracingSettingsTest {
  @Test
  void offUnlessAnEndpointOrAnExporterIsNamed() {
    assertThat(TracingSettings.from(Map.of()).enabled()).isFalse();
    assertThat(TracingSettings.from(Map.of("OTEL_SERVICE_NAME", "x")).enabled()).isFalse();
    assertThat(
            TracingSettings.from(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318")).enabled())
        .isTrue();
    assertThat(
            TracingSettings.from(Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://c:4318/t"))
                .enabled())
        .isTrue();
    assertThat(TracingSettings.from(Map.of("OTEL_TRACES_EXPORTER", "otlp")).enabled()).isTrue();
  }

  @Test
  void theSdkSwitchAndTheNoneExporterTurnItOff() {
    assertThat(
            TracingSettings.from(
                    Map.of(
                        "OTEL_EXPORTER_OTLP_ENDPOINT",
                        "http://c:4318",
                        "OTEL_SDK_DISABLED",
                        "true"))
                .enabled())
        .isFalse();
    assertThat(
            TracingSettings.from(
                    Map.of(
                        "OTEL_EXPORTER_OTLP_ENDPOINT",
                        "http://c:4318",
                        "OTEL_TRACES_EXPORTER",
                        "none"))
                .enabled())
        .isFalse();
  }

  @Test
  void theSignalEndpointIsUsedAsGivenTheBaseOneGetsThePath() {
    assertThat(TracingSettings.from(Map.of("OTEL_TRACES_EXPORTER", "otlp")).describe())
        .isEqualTo("on: OTLP http/protobuf to http://localhost:4318/v1/traces");
    assertThat(
            TracingSettings.from(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318/"))
                .describe())
        .endsWith("to http://c:4318/v1/traces");
    assertThat(
            TracingSettings.from(
                    Map.of(
                        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://ignored:1",
                        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "https://c/otlp/traces"))
                .describe())
        .endsWith("to https://c/otlp/traces");
  }

  @Test
  void grpcAndOtherExportersAreProblemsThatSayWhatToSet() {
    assertThat(
            TracingSettings.from(
                    Map.of(
                        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4317",
                        "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"))
                .problem())
        .contains("OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf");
    assertThat(TracingSettings.from(Map.of("OTEL_TRACES_EXPORTER", "zipkin")).problem())
        .contains("use otlp");
    assertThat(TracingSettings.from(Map.of()).problem()).isNull();
  }
}
