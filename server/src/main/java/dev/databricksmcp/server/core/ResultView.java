package dev.databricksmcp.server.core;

/**
 * The interactive view of query results that hosts with MCP Apps show (SEP-1865, extension {@code
 * io.modelcontextprotocol/ui}): a sortable, filterable grid with a chart toggle, paging through
 * get_statement by way of the host. One self-contained HTML file in the jar ({@link #RESOURCE});
 * tools whose results are rows name it with {@link ToolDef.Builder#view}.
 */
public final class ResultView {
  /** The view's resource URI, linked from a tool's {@code _meta.ui.resourceUri}. */
  public static final String URI = "ui://databricks-mcp/result-view";

  /** Where the HTML lies on the class path. */
  public static final String RESOURCE = "/ui/result-view.html";

  private ResultView() {}
}
