package dev.databricksmcp.server.testing;

import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolInvoker;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.tools.catalog.CatalogToolset;
import dev.databricksmcp.server.tools.dynamic.DynamicToolsetTools;
import dev.databricksmcp.server.tools.dynamic.DynamicToolsets;
import dev.databricksmcp.server.tools.workspace.WorkspaceToolset;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/** Tools for transport and envelope tests: they need no workspace. */
public final class TestTools {
  /** What the failing tool's exception says; must never reach a result. */
  public static final String INTERNAL_SECRET = "db password is hunter2 at /internal/path";

  private TestTools() {}

  /** How long {@link #stuck()} may run before it is answered TIMEOUT. */
  public static final Duration STUCK_TIMEOUT = Duration.ofSeconds(1);

  public static List<ToolDef> all() {
    return List.of(echo(), fail(), write(), slow(), stuck());
  }

  /**
   * Dynamic toolsets over these tools: "workspace" (echo), enabled, and "extra" (write_thing and
   * slow), not enabled.
   */
  public static DynamicToolsets dynamicToolsets() {
    return new DynamicToolsets(
        List.of(
            new DynamicToolsets.Offer("workspace", "Echo", List.of(echo())),
            new DynamicToolsets.Offer("extra", "Write and wait", List.of(write(), slow()))),
        List.of("workspace"),
        List.of("echo"));
  }

  /** What a dynamic server over these tools starts with: echo and the three toolset tools. */
  public static List<ToolDef> dynamicStart(DynamicToolsets toolsets) {
    List<ToolDef> tools = new java.util.ArrayList<>(List.of(echo()));
    tools.addAll(DynamicToolsetTools.definitions(toolsets));
    return tools;
  }

  /** An invoker whose only limit is {@link #STUCK_TIMEOUT} on the stuck tool. */
  public static ToolInvoker invoker(boolean readOnly) {
    return new ToolInvoker(
        readOnly,
        List.of(),
        Integer.MAX_VALUE,
        tool -> tool.equals("stuck") ? STUCK_TIMEOUT : Duration.ofMinutes(10),
        (tool, args, ctx, result, ms) -> {});
  }

  /**
   * Waits 5 s as a blocking socket read does: an interrupt neither ends the wait nor goes away (it
   * is set again when the wait ends).
   */
  public static ToolDef stuck() {
    return ToolDef.builder(WorkspaceToolset.ID, "stuck")
        .title("Stuck")
        .description("Blocks for 5 s whatever happens.")
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
              boolean interrupted = false;
              while (System.nanoTime() < end) {
                LockSupport.parkNanos(10_000_000);
                interrupted |= Thread.interrupted();
              }
              if (interrupted) {
                Thread.currentThread().interrupt();
              }
              return ToolResult.of(Map.of("unstuck", true), "unstuck");
            })
        .build();
  }

  /** Echoes its arguments; {@code name} required, {@code count} an integer 1..10. */
  public static ToolDef echo() {
    return ToolDef.builder(WorkspaceToolset.ID, "echo")
        .title("Echo")
        .description("Echoes its arguments.")
        .input(
            Schema.object()
                .string("name", "Any text", true)
                .integer("count", "1 to 10", 1, 10, false))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) ->
                ToolResult.list(
                    List.of(Map.of("name", args.string("name"))),
                    1,
                    "echoed " + args.string("name")))
        .build();
  }

  public static ToolDef fail() {
    return ToolDef.builder(WorkspaceToolset.ID, "fail")
        .title("Fail")
        .description("Throws an unexpected exception.")
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              throw new IllegalStateException(INTERNAL_SECRET);
            })
        .build();
  }

  public static ToolDef write() {
    return ToolDef.builder(CatalogToolset.ID, "write_thing")
        .title("Write")
        .description("Pretends to change the workspace.")
        .hints(ToolHints.write(false))
        .handler((args, ctx) -> ToolResult.of(Map.of("written", true), "written"))
        .build();
  }

  /** Sleeps {@code millis} (default 300) in steps, reporting progress after each. */
  public static ToolDef slow() {
    return ToolDef.builder(WorkspaceToolset.ID, "slow")
        .title("Slow")
        .description("Takes a while and reports progress.")
        .input(Schema.object().integer("millis", "How long", 0, 60_000, false))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              int millis = args.integer("millis", 300, 0, 60_000);
              for (int step = 1; step <= 3; step++) {
                Thread.sleep(millis / 3);
                ctx.progress(step, 3.0, "step " + step);
              }
              return ToolResult.of(Map.of("slept_ms", millis), "done");
            })
        .build();
  }
}
