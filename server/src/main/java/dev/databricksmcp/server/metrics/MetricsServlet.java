package dev.databricksmcp.server.metrics;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /metrics}: every family in the Prometheus text format. */
public final class MetricsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  public static final String PATH = "/metrics";

  private final transient ServerMetrics metrics;

  public MetricsServlet(ServerMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    resp.setStatus(200);
    resp.setContentType(metrics.contentType());
    resp.setHeader("Cache-Control", "no-store");
    metrics.writeTo(resp.getOutputStream());
  }
}
