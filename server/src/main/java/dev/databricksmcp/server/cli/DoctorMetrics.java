package dev.databricksmcp.server.cli;

import dev.databricksmcp.server.metrics.MetricsServlet;
import dev.databricksmcp.server.transport.HttpTransport;

/** Doctor's word on metrics: where Prometheus scrapes this server, and with what. */
final class DoctorMetrics {
  static final String NAME = "metrics";

  private DoctorMetrics() {}

  static DoctorChecks.Check check(ServeOptions serve) {
    if (serve.transport == ServeOptions.Transport.stdio) {
      return DoctorChecks.Check.pass(
          NAME,
          "HTTP mode only: --transport http serves /metrics (Prometheus) and a status page at /");
    }
    try {
      serve.checkMetricsListener();
    } catch (UsageProblem e) {
      return DoctorChecks.Check.fail(NAME, "serve would refuse --metrics-port", e.getMessage());
    }
    String onMcpPort = "http://" + serve.host + ":" + serve.port + MetricsServlet.PATH;
    if (serve.metricsPort == null) {
      return DoctorChecks.Check.pass(
          NAME,
          "scrape "
              + onMcpPort
              + (serve.auth.equalsIgnoreCase("none")
                  ? ""
                  : " with a bearer token of --auth " + serve.auth)
              + "; or add --metrics-port N for a listener without authentication on --metrics-host");
    }
    return DoctorChecks.Check.pass(
        NAME,
        "scrape http://"
            + serve.metricsHost
            + ":"
            + serve.metricsPort
            + MetricsServlet.PATH
            + " without a token (status page at /)"
            + (HttpTransport.isLoopback(serve.metricsHost)
                ? ""
                : "; it is open beyond loopback: keep that port inside a private network"));
  }
}
