package dev.databricksmcp.server.cli;

import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.mcp.ServerInfo;
import dev.databricksmcp.server.metrics.MetricsServlet;
import dev.databricksmcp.server.metrics.ServerMetrics;
import dev.databricksmcp.server.metrics.StatusFacts;
import dev.databricksmcp.server.metrics.StatusServlet;
import dev.databricksmcp.server.transport.HttpPage;
import dev.databricksmcp.server.transport.HttpSettings;
import java.util.List;

/** The metrics of an HTTP server, and the pages that show them (/metrics, the status page). */
final class MetricsPages {
  private MetricsPages() {}

  static ServerMetrics metrics() {
    return new ServerMetrics(ServerInfo.version());
  }

  static List<HttpPage> pages(ServerMetrics metrics, ServerRuntime runtime, HttpSettings http) {
    StatusFacts facts =
        new StatusFacts(
            ServerInfo.version(),
            runtime.dynamic != null
                ? runtime.dynamic.enabledToolsets()
                : runtime.tools.stream().map(ToolDef::toolset).distinct().toList(),
            () -> runtime.tools.size(),
            runtime.databricksHost,
            "HTTP"
                + (http.stateless() ? ", stateless" : ", sessions")
                + ", auth "
                + http.auth().mode().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    return List.of(
        new HttpPage(MetricsServlet.PATH, new MetricsServlet(metrics)),
        new HttpPage(HttpPage.ROOT, new StatusServlet(metrics, facts)));
  }
}
