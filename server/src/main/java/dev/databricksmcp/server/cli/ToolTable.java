package dev.databricksmcp.server.cli;

import dev.databricksmcp.server.core.ToolDef;
import java.util.List;

/** The README's generated tool table; a test keeps the README in step with the inventory. */
public final class ToolTable {
  public static final String BEGIN =
      "<!-- BEGIN GENERATED TOOL TABLE: databricks-mcp tools --toolsets all --markdown -->";
  public static final String END = "<!-- END GENERATED TOOL TABLE -->";

  private ToolTable() {}

  public static String markdown(List<ToolDef> tools) {
    StringBuilder out = new StringBuilder();
    out.append("| toolset | tool | kind | what it does |\n|---|---|---|---|\n");
    for (ToolDef tool : tools) {
      out.append("| ")
          .append(tool.toolset())
          .append(" | `")
          .append(tool.name())
          .append("` | ")
          .append(kind(tool))
          .append(" | ")
          .append(firstSentence(tool.description()).replace("|", "\\|"))
          .append(" |\n");
    }
    return out.toString();
  }

  /** R = read-only, W = writes, D = destructive (asks for confirmation). */
  public static String kind(ToolDef tool) {
    if (tool.hints().destructive()) {
      return "D";
    }
    return tool.hints().readOnly() ? "R" : "W";
  }

  private static String firstSentence(String description) {
    int end = description.indexOf(". ");
    return end < 0 ? description : description.substring(0, end + 1);
  }
}
