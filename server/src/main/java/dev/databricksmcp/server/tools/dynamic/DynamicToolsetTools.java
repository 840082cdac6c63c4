package dev.databricksmcp.server.tools.dynamic;

import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.tools.workspace.WorkspaceToolset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tools of {@code --dynamic-toolsets}, named as github-mcp-server names them so that a model
 * that knows one knows the other: list_available_toolsets, get_toolset_tools, enable_toolset.
 */
public final class DynamicToolsetTools {
  /** They change what the server lists, never the workspace: read-only, and safe to repeat. */
  private static final ToolHints LOCAL_READ = new ToolHints(true, false, true, false);

  private static final int SUMMARY_CHARS = 160;

  private DynamicToolsetTools() {}

  public static List<ToolDef> definitions(DynamicToolsets toolsets) {
    return List.of(listAvailable(toolsets), getToolsetTools(toolsets), enable(toolsets));
  }

  /**
   * get_workspace_info reporting the live state: {@code dynamic_toolsets: true} and the toolsets
   * enabled now, instead of those selected at start-up.
   */
  public static ToolDef reportingLiveState(ToolDef workspaceInfo, DynamicToolsets toolsets) {
    return workspaceInfo.withHandler(
        (args, ctx) -> {
          ToolResult result = workspaceInfo.handler().handle(args, ctx);
          if (!(result.data() instanceof Map<?, ?> data)) {
            return result;
          }
          Map<Object, Object> info = new LinkedHashMap<>(data);
          info.put("enabled_toolsets", toolsets.enabledToolsets());
          info.put("dynamic_toolsets", true);
          return new ToolResult(
              info, result.count(), result.message(), result.text(), result.attachments());
        });
  }

  private static ToolDef listAvailable(DynamicToolsets toolsets) {
    return ToolDef.builder(WorkspaceToolset.ID, "list_available_toolsets")
        .title("List available toolsets")
        .description(
            "The toolsets this server can add to its tool list, each with its description, whether"
                + " it is enabled and the names of its tools. Use it when the tools you have are"
                + " not enough for the task; then get_toolset_tools for what a toolset's tools do"
                + " and enable_toolset to add them.")
        .hints(LOCAL_READ)
        .handler(
            (args, ctx) -> {
              List<Map<String, Object>> items = new ArrayList<>();
              for (DynamicToolsets.Offer offer : toolsets.offers()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("toolset", offer.id());
                row.put("description", offer.description());
                row.put("enabled", toolsets.isEnabled(offer.id()));
                row.put("tool_count", offer.tools().size());
                row.put("tools", offer.tools().stream().map(ToolDef::name).toList());
                items.add(row);
              }
              List<String> enabled = toolsets.enabledToolsets();
              return ToolResult.list(
                  Map.of("items", items),
                  items.size(),
                  items.size()
                      + " toolsets, enabled: "
                      + String.join(", ", enabled)
                      + "; add one with enable_toolset");
            })
        .build();
  }

  private static ToolDef getToolsetTools(DynamicToolsets toolsets) {
    return ToolDef.builder(WorkspaceToolset.ID, "get_toolset_tools")
        .title("List a toolset's tools")
        .description(
            "The tools a toolset adds, each with a one-line description and whether it is"
                + " read-only, to decide whether enabling the toolset helps with the task.")
        .input(toolsetArgument(toolsets, "The toolset to describe (see list_available_toolsets)."))
        .hints(LOCAL_READ)
        .handler(
            (args, ctx) -> {
              DynamicToolsets.Offer offer = offered(toolsets, args.string("toolset"));
              List<Map<String, Object>> items = new ArrayList<>();
              for (ToolDef tool : offer.tools()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", tool.name());
                row.put("description", summary(tool.description()));
                row.put("read_only", tool.readOnly());
                items.add(row);
              }
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("toolset", offer.id());
              data.put("description", offer.description());
              data.put("enabled", toolsets.isEnabled(offer.id()));
              data.put("items", items);
              return ToolResult.list(
                  data,
                  items.size(),
                  items.size()
                      + " tools in "
                      + offer.id()
                      + (toolsets.isEnabled(offer.id())
                          ? " (enabled)"
                          : "; enable_toolset adds them"));
            })
        .build();
  }

  private static ToolDef enable(DynamicToolsets toolsets) {
    return ToolDef.builder(WorkspaceToolset.ID, "enable_toolset")
        .title("Enable a toolset")
        .description(
            "Adds a toolset's tools to this server's tool list and tells the client that the list"
                + " changed; call the new tools once the client has listed them again. Read-only"
                + " mode and excluded tools still apply. Enabling is for the whole server (every"
                + " session of an HTTP server) and repeating it changes nothing. See"
                + " list_available_toolsets and get_toolset_tools first.")
        .input(toolsetArgument(toolsets, "The toolset to enable (see list_available_toolsets)."))
        .hints(LOCAL_READ)
        .handler(
            (args, ctx) -> {
              DynamicToolsets.Offer offer = offered(toolsets, args.string("toolset"));
              DynamicToolsets.Enabling done = toolsets.enable(offer.id());
              List<String> added = done.added().stream().map(ToolDef::name).toList();
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("toolset", offer.id());
              data.put("already_enabled", done.alreadyEnabled());
              data.put("added_tools", added);
              data.put("enabled_toolsets", toolsets.enabledToolsets());
              return ToolResult.of(data, message(offer, done, added));
            })
        .build();
  }

  private static String message(
      DynamicToolsets.Offer offer, DynamicToolsets.Enabling done, List<String> added) {
    if (done.alreadyEnabled()) {
      return offer.id() + " was enabled already; nothing changed";
    }
    if (offer.tools().isEmpty()) {
      return offer.id()
          + " enabled, but read-only mode or --exclude-tools leaves none of its tools";
    }
    if (added.isEmpty()) {
      return offer.id() + " enabled; its tools were served already";
    }
    return offer.id()
        + " enabled: "
        + added.size()
        + " tools added ("
        + String.join(", ", added)
        + "); the client was notified that the tool list changed";
  }

  private static Schema.ObjectBuilder toolsetArgument(
      DynamicToolsets toolsets, String description) {
    return Schema.object().enumeration("toolset", description, toolsets.ids(), true);
  }

  private static DynamicToolsets.Offer offered(DynamicToolsets toolsets, String id) {
    return toolsets
        .offer(id)
        .orElseThrow(
            () ->
                ToolException.validation(
                    "toolset",
                    "unknown toolset '"
                        + id
                        + "'; valid toolsets: "
                        + String.join(", ", toolsets.ids())));
  }

  /** The first sentence, or the first {@value #SUMMARY_CHARS} characters. */
  public static String summary(String description) {
    int end = description.indexOf(". ");
    String first = end < 0 ? description : description.substring(0, end + 1);
    return first.length() <= SUMMARY_CHARS
        ? first
        : first.substring(0, SUMMARY_CHARS - 1).stripTrailing() + "…";
  }
}
