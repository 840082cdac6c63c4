package dev.databricksmcp.server.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.server.core.Jsons;
import dev.databricksmcp.server.core.TextCaps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A dashboard's {@code serialized_dashboard} (the contents of its {@code .lvdash.json}) in words:
 * its pages with each widget's title, type and datasets, and its datasets with their SQL. The raw
 * JSON (layout positions, encodings, colours; easily 100 KB) is never handed out. Held to what a
 * model can read: at most {@link #MAX_PAGES} pages, {@link #MAX_WIDGETS} widgets a page, {@link
 * #MAX_DATASETS} datasets and {@link #MAX_SQL_BYTES} bytes of each query, saying what was cut.
 */
final class DashboardSummary {
  static final int MAX_PAGES = 20;
  static final int MAX_WIDGETS = 40;
  static final int MAX_DATASETS = 40;
  static final int MAX_SQL_BYTES = 2000;

  /** A text widget's title: its first line, at most this long. */
  private static final int MAX_TEXT_TITLE = 120;

  private DashboardSummary() {}

  /**
   * {@code pages}, {@code datasets} and their totals; {@code contents_unreadable} when the text is
   * not the JSON object a dashboard is.
   */
  static Map<String, Object> of(String serialized) {
    Map<String, Object> out = new LinkedHashMap<>();
    JsonNode root = parse(serialized);
    if (root == null) {
      out.put("pages", List.of());
      out.put("datasets", List.of());
      if (serialized != null && !serialized.isBlank()) {
        out.put("contents_unreadable", true);
      }
      return out;
    }
    JsonNode pages = root.path("pages");
    JsonNode datasets = root.path("datasets");
    List<Map<String, Object>> pageRows = new ArrayList<>();
    for (int i = 0; i < Math.min(pages.size(), MAX_PAGES); i++) {
      pageRows.add(page(pages.get(i)));
    }
    List<Map<String, Object>> datasetRows = new ArrayList<>();
    for (int i = 0; i < Math.min(datasets.size(), MAX_DATASETS); i++) {
      datasetRows.add(dataset(datasets.get(i)));
    }
    out.put("pages", pageRows);
    out.put("datasets", datasetRows);
    if (pages.size() > MAX_PAGES) {
      out.put("pages_total", pages.size());
    }
    if (datasets.size() > MAX_DATASETS) {
      out.put("datasets_total", datasets.size());
    }
    return out;
  }

  /** The number of widgets on every page (for the message), 0 when unreadable. */
  static int widgetCount(String serialized) {
    JsonNode root = parse(serialized);
    int n = 0;
    if (root != null) {
      for (JsonNode page : root.path("pages")) {
        n += page.path("layout").size();
      }
    }
    return n;
  }

  private static Map<String, Object> page(JsonNode page) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("title", text(page, "displayName", text(page, "name", "")));
    JsonNode layout = page.path("layout");
    List<Map<String, Object>> widgets = new ArrayList<>();
    for (int i = 0; i < Math.min(layout.size(), MAX_WIDGETS); i++) {
      widgets.add(widget(layout.get(i).path("widget")));
    }
    row.put("widgets", widgets);
    if (layout.size() > MAX_WIDGETS) {
      row.put("widgets_total", layout.size());
    }
    return row;
  }

  /**
   * A widget: a chart's {@code spec.frame.title} and {@code spec.widgetType}; a text box's first
   * line as its title and type {@code text}; the datasets its queries read.
   */
  private static Map<String, Object> widget(JsonNode widget) {
    Map<String, Object> row = new LinkedHashMap<>();
    JsonNode textbox = widget.path("multilineTextboxSpec").path("lines");
    if (textbox.isArray()) {
      StringBuilder lines = new StringBuilder();
      textbox.forEach(l -> lines.append(l.asText()));
      String first = lines.toString().strip().lines().findFirst().orElse("");
      row.put("title", TextCaps.capped(first.replaceFirst("^#+\\s*", ""), MAX_TEXT_TITLE));
      row.put("type", "text");
      return row;
    }
    JsonNode spec = widget.path("spec");
    row.put("title", text(spec.path("frame"), "title", null));
    row.put("type", text(spec, "widgetType", null));
    Set<String> used = new LinkedHashSet<>();
    for (JsonNode q : widget.path("queries")) {
      String dataset = text(q.path("query"), "datasetName", null);
      if (dataset != null) {
        used.add(dataset);
      }
    }
    row.put("datasets", List.copyOf(used));
    return row;
  }

  /** A dataset: its name (what widgets use), its title and its SQL, the query lines joined. */
  private static Map<String, Object> dataset(JsonNode dataset) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", text(dataset, "name", null));
    row.put("title", text(dataset, "displayName", null));
    StringBuilder sql = new StringBuilder();
    JsonNode lines = dataset.path("queryLines");
    if (lines.isArray()) {
      lines.forEach(l -> sql.append(l.asText()));
    } else {
      sql.append(text(dataset, "query", ""));
    }
    String full = sql.toString().strip();
    String capped = TextCaps.capped(full, MAX_SQL_BYTES);
    row.put("sql", capped);
    if (capped.length() < full.length()) {
      row.put("sql_truncated", true);
    }
    if (dataset.has("catalog") || dataset.has("schema")) {
      row.put("default_schema", text(dataset, "catalog", "") + "." + text(dataset, "schema", ""));
    }
    return row;
  }

  private static String text(JsonNode node, String field, String otherwise) {
    JsonNode v = node.path(field);
    return v.isValueNode() ? v.asText() : otherwise;
  }

  private static JsonNode parse(String serialized) {
    if (serialized == null || serialized.isBlank()) {
      return null;
    }
    try {
      JsonNode root = Jsons.MAPPER.readTree(serialized);
      return root != null && root.isObject() ? root : null;
    } catch (Exception e) {
      return null;
    }
  }
}
