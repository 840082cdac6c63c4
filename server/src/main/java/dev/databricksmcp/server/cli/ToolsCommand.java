package dev.databricksmcp.server.cli;

import dev.databricksmcp.server.core.Jsons;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolSelection;
import dev.databricksmcp.server.tools.AllTools;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code databricks-mcp tools}: the tools left after filtering, with toolset and annotations. */
@Command(name = "tools", description = "List the tools the current options enable.")
final class ToolsCommand implements Callable<Integer> {
  @ParentCommand Main parent;

  @Option(names = "--json", description = "Print JSON (name, toolset, title, annotations, description).")
  boolean json;

  @Option(names = "--markdown", description = "Print the README's tool table.")
  boolean markdown;

  @Override
  public Integer call() {
    ToolSelection selection = parent.common.selection();
    List<ToolDef> tools = AllTools.inventory(selection, parent.common.sandbox).select(selection);
    if (markdown) {
      System.out.print(ToolTable.markdown(tools));
    } else if (json) {
      System.out.println(Jsons.write(tools.stream().map(ToolsCommand::describe).toList()));
    } else {
      for (ToolDef tool : tools) {
        System.out.printf("%-32s %-10s %s%n", tool.name(), tool.toolset().id(), ToolTable.kind(tool));
      }
      System.out.printf("%d tools%n", tools.size());
    }
    return 0;
  }

  private static Map<String, Object> describe(ToolDef tool) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", tool.name());
    out.put("toolset", tool.toolset().id());
    out.put("title", tool.title());
    out.put("read_only", tool.hints().readOnly());
    out.put("destructive", tool.hints().destructive());
    out.put("idempotent", tool.hints().idempotent());
    out.put("open_world", tool.hints().openWorld());
    out.put("description", tool.description());
    return out;
  }
}
