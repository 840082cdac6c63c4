package dev.databricksmcp.server.metrics;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /}: the status page, from the metrics registry (no Databricks request per view). Any
 * other path under it is not found.
 */
public final class StatusServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient ServerMetrics metrics;
  private final transient StatusFacts facts;

  public StatusServlet(ServerMetrics metrics, StatusFacts facts) {
    this.metrics = metrics;
    this.facts = facts;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    byte[] page =
        StatusPage.render(facts, metrics.recentCalls(), metrics.databricksHealth())
            .getBytes(StandardCharsets.UTF_8);
    resp.setStatus(200);
    resp.setContentType("text/html; charset=utf-8");
    resp.setHeader("Content-Security-Policy", StatusPage.CSP);
    resp.setHeader("X-Content-Type-Options", "nosniff");
    resp.setHeader("Referrer-Policy", "no-referrer");
    resp.setHeader("Cache-Control", "no-store");
    resp.setContentLength(page.length);
    resp.getOutputStream().write(page);
  }
}
