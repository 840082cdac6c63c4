package dev.databricksmcp.server.testing;

import dev.databricksmcp.server.core.ModuleContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.ToolsetModule;
import java.util.List;
import java.util.function.Function;

/** A toolset module declared in a test, with fixed tools or tools built from the context. */
public record TestModule(
    String id,
    boolean enabledByDefault,
    boolean alwaysOn,
    Function<ModuleContext, List<ToolDef>> declare)
    implements ToolsetModule {

  public static TestModule of(String id, boolean enabledByDefault, ToolDef... tools) {
    return new TestModule(id, enabledByDefault, false, ctx -> List.of(tools));
  }

  public static TestModule alwaysOn(String id, ToolDef... tools) {
    return new TestModule(id, true, true, ctx -> List.of(tools));
  }

  @Override
  public String description() {
    return "Test toolset " + id;
  }

  @Override
  public List<ToolDef> tools(ModuleContext ctx) {
    return declare.apply(ctx);
  }

  /** A tool that answers null data, in {@code toolset}. */
  public static ToolDef tool(String toolset, String name, ToolHints hints) {
    return ToolDef.builder(toolset, name)
        .title(name)
        .description("Test tool " + name)
        .hints(hints)
        .handler((a, c) -> ToolResult.of(null, ""))
        .build();
  }
}
