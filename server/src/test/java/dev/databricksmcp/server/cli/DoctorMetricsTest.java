package dev.databricksmcp.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Doctor says where to scrape; serve refuses a metrics listener that cannot work. */
class DoctorMetricsTest {
  private static ServeOptions serve(String... args) {
    return ServeOptions.from(ParsedArgs.parse(args, Map.of()));
  }

  @Test
  void stdioHasNoMetrics() {
    DoctorChecks.Check check = DoctorMetrics.check(serve());

    assertThat(check.ok()).isTrue();
    assertThat(check.detail()).contains("HTTP mode only");
  }

  @Test
  void onTheMcpPortTheScrapeNeedsTheToken() {
    DoctorChecks.Check check =
        DoctorMetrics.check(serve("--transport", "http", "--port", "8123", "--auth", "token"));

    assertThat(check.ok()).isTrue();
    assertThat(check.detail())
        .contains("http://127.0.0.1:8123/metrics")
        .contains("bearer token")
        .contains("--metrics-port");
  }

  @Test
  void aMetricsPortBeyondLoopbackIsNamedAsOpen() {
    DoctorChecks.Check check =
        DoctorMetrics.check(
            serve("--transport", "http", "--metrics-port", "9464", "--metrics-host", "0.0.0.0"));

    assertThat(check.ok()).isTrue();
    assertThat(check.detail())
        .contains("http://0.0.0.0:9464/metrics without a token")
        .contains("private network");
  }

  @Test
  void theMcpPortItselfIsRefused() {
    ServeOptions clash = serve("--transport", "http", "--port", "8000", "--metrics-port", "8000");

    assertThatThrownBy(clash::checkMetricsListener)
        .isInstanceOf(UsageProblem.class)
        .hasMessageContaining("must differ from --port");
    assertThat(DoctorMetrics.check(clash).ok()).isFalse();
  }

  @Test
  void aPortOutOfRangeIsRefused() {
    assertThatThrownBy(
            serve("--transport", "http", "--metrics-port", "70000")::checkMetricsListener)
        .isInstanceOf(UsageProblem.class);
  }

  @Test
  void theVariableSetsIt() {
    ServeOptions o =
        ServeOptions.from(
            ParsedArgs.parse(
                new String[] {"--transport", "http"},
                Map.of("DATABRICKS_MCP_METRICS_PORT", "9464")));

    assertThat(o.metricsPort).isEqualTo(9464);
    assertThat(o.metricsHost).isEqualTo("127.0.0.1");
  }
}
