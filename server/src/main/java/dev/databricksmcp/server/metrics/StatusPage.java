package dev.databricksmcp.server.metrics;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The status page: plain HTML rendered on the server, one inline style block allowed by its hash,
 * no script, no external asset. Every value is escaped.
 */
final class StatusPage {
  static final String STYLE =
      "body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}"
          + "table{border-collapse:collapse;margin:0 0 1.5em}"
          + "th,td{text-align:left;padding:.25em 1em .25em 0;border-bottom:1px solid #ddd}"
          + ".ok{color:#176f2c}.failing{color:#b00020}.unknown{color:#666}";

  /** Only this style, nothing else: no script, frame, form or remote asset. */
  static final String CSP =
      "default-src 'none'; style-src '"
          + sha256(STYLE)
          + "'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private StatusPage() {}

  static String render(
      StatusFacts facts, CallHistory.Summary calls, DatabricksHealth.State health) {
    StringBuilder h = new StringBuilder(4096);
    h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>databricks-mcp status</title>")
        // no favicon request (it would 404)
        .append("<link rel=\"icon\" href=\"data:,\">")
        .append("<style>")
        .append(STYLE)
        .append("</style></head><body>");
    h.append("<h1>databricks-mcp</h1><table>");
    row(h, "Version", facts.version(), "version");
    row(h, "Transport", facts.transport(), "transport");
    row(h, "Workspace", facts.host(), "workspace");
    row(h, "Toolsets", String.join(", ", facts.toolsets()), "toolsets");
    row(h, "Tools served", Integer.toString(facts.toolCount().getAsInt()), "tool-count");
    row(h, "Up for", duration(ManagementFactory.getRuntimeMXBean().getUptime() / 1000), "uptime");
    h.append("</table>");

    h.append("<h2>Databricks connection</h2><p id=\"databricks-health\" class=\"")
        .append(health.level().name().toLowerCase(java.util.Locale.ROOT))
        .append("\">")
        .append(Html.escape(words(health)))
        .append("</p>");

    h.append("<h2>Tool calls</h2><table><tr><th></th><th>Calls</th><th>Errors</th></tr>");
    counts(h, "Last 5 minutes", calls.last5(), "5m");
    counts(h, "Last 15 minutes", calls.last15(), "15m");
    counts(h, "Since start", calls.sinceStart(), "total");
    h.append("</table>");

    h.append("<h2>Failing most (last 15 minutes)</h2>");
    List<Map.Entry<String, Double>> top = calls.topFailing();
    if (top.isEmpty()) {
      h.append("<p id=\"top-failing\">No failed calls.</p>");
    } else {
      h.append("<table id=\"top-failing\"><tr><th>Tool</th><th>Errors</th></tr>");
      for (Map.Entry<String, Double> e : top) {
        h.append("<tr><td>")
            .append(Html.escape(e.getKey()))
            .append("</td><td>")
            .append(number(e.getValue()))
            .append("</td></tr>");
      }
      h.append("</table>");
    }
    h.append("<p>Metrics for Prometheus: <code>/metrics</code>.</p></body></html>");
    return h.toString();
  }

  private static void row(StringBuilder h, String name, String value, String id) {
    h.append("<tr><th>")
        .append(Html.escape(name))
        .append("</th><td id=\"")
        .append(id)
        .append("\">")
        .append(Html.escape(value))
        .append("</td></tr>");
  }

  private static void counts(StringBuilder h, String name, CallHistory.Totals t, String id) {
    h.append("<tr><th>")
        .append(Html.escape(name))
        .append("</th><td id=\"calls-")
        .append(id)
        .append("\">")
        .append(number(t.calls()))
        .append("</td><td id=\"errors-")
        .append(id)
        .append("\">")
        .append(number(t.errors()))
        .append("</td></tr>");
  }

  static String words(DatabricksHealth.State s) {
    return switch (s.level()) {
      case UNKNOWN -> "Unknown: no request sent to Databricks yet.";
      case OK -> "OK: the last request was answered " + duration(s.secondsSinceLast()) + " ago.";
      case FAILING ->
          "Failing: the last "
              + s.failuresInARow()
              + " request(s) got no answer or a server error"
              + (s.secondsSinceGood() < 0
                  ? "; none has succeeded yet."
                  : "; the last good answer came " + duration(s.secondsSinceGood()) + " ago.");
    };
  }

  private static String number(double n) {
    return Long.toString(Math.round(n));
  }

  static String duration(long seconds) {
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3600) {
      return seconds / 60 + " min";
    }
    return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
  }

  private static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
