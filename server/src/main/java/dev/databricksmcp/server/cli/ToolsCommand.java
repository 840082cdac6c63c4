package dev.databricksmcp.server.cli;

import dev.databricksmcp.server.core.Jsons;
import dev.databricksmcp.server.core.ServerSettings;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolSelection;
import dev.databricksmcp.server.core.Toolsets;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code databricks-mcp tools}: the tools left after filtering, with toolset and annotations. */
final class ToolsCommand {
  static final OptionSpec JSON =
      OptionSpec.flag(
          "--json", null, "Print JSON (name, toolset, title, annotations, description).");
  static final OptionSpec MARKDOWN =
      OptionSpec.flag("--markdown", null, "Print the README's tool table.");
  static final List<OptionSpec> SPECS = List.of(JSON, MARKDOWN);

  private ToolsCommand() {}

  static int run(CommonOptions common, ParsedArgs args, PrintStream out) {
    ToolSelection selection = common.selection();
    List<ToolDef> tools =
        Toolsets.discovered()
            .inventory(ServerSettings.of(selection, common.sandbox))
            .select(selection);
    if (args.flag(MARKDOWN)) {
      out.print(ToolTable.markdown(tools));
    } else if (args.flag(JSON)) {
      out.println(Jsons.write(tools.stream().map(ToolsCommand::describe).toList()));
    } else {
      for (ToolDef tool : tools) {
        out.printf("%-32s %-10s %s%n", tool.name(), tool.toolset(), ToolTable.kind(tool));
      }
      out.printf("%d tools%n", tools.size());
    }
    return 0;
  }

  private static Map<String, Object> describe(ToolDef tool) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", tool.name());
    out.put("toolset", tool.toolset());
    out.put("title", tool.title());
    out.put("read_only", tool.hints().readOnly());
    out.put("destructive", tool.hints().destructive());
    out.put("idempotent", tool.hints().idempotent());
    out.put("open_world", tool.hints().openWorld());
    out.put("description", tool.description());
    return out;
  }
}
