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

  /** Abbreviations whose period does not end a sentence ("e.g. add [SELECT]"). */
  private static final java.util.Set<String> ABBREVIATIONS =
      java.util.Set.of("e.g", "i.e", "etc", "vs", "cf", "approx", "incl", "excl", "resp");

  /** The description up to its first full stop, not counting the stops in "e.g." and "i.e.". */
  static String firstSentence(String description) {
    int from = 0;
    while (true) {
      int end = description.indexOf(". ", from);
      if (end < 0) {
        return description;
      }
      if (!endsWithAbbreviation(description, end)) {
        return description.substring(0, end + 1);
      }
      from = end + 1;
    }
  }

  /** Whether the word just before the period at {@code dot} is an abbreviation. */
  private static boolean endsWithAbbreviation(String text, int dot) {
    int start = dot;
    while (start > 0
        && !Character.isWhitespace(text.charAt(start - 1))
        && text.charAt(start - 1) != '(') {
      start--;
    }
    return ABBREVIATIONS.contains(text.substring(start, dot).toLowerCase(java.util.Locale.ROOT));
  }
}
