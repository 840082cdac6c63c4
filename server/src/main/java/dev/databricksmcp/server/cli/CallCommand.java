package dev.databricksmcp.server.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.databricksmcp.server.core.Jsons;
import dev.databricksmcp.server.core.ServerSettings;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.Toolsets;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code databricks-mcp call TOOL key=value… | --args JSON}: runs one tool in-process, prints the
 * envelope as JSON on stdout; exit code 0 on success, 1 when the tool reports an error.
 */
final class CallCommand {
  static final OptionSpec ARGS =
      OptionSpec.value(
          "--args", "JSON", null, null, "Arguments as one JSON object (merged under KEY=VALUE).");
  static final List<OptionSpec> SPECS = List.of(ARGS);

  private CallCommand() {}

  /** Positionals: the tool name, then KEY=VALUE arguments typed by the tool's schema. */
  static int run(CommonOptions common, ParsedArgs args, PrintStream out) throws Exception {
    if (args.positionals.isEmpty()) {
      throw new UsageProblem(
          "call needs a TOOL name, e.g. databricks-mcp call get_workspace_info (see call --help)");
    }
    ToolDef tool = findTool(common, args.positionals.get(0));
    Map<String, Object> arguments =
        CallArguments.parse(
            tool, args.string(ARGS), args.positionals.subList(1, args.positionals.size()));
    try (ServerRuntime runtime = ServerRuntime.start(common)) {
      runtime.bootSandbox();
      // the runtime's own declaration: its settings, and the caches its invoker clears
      ToolDef declared =
          runtime.inventory.all().stream()
              .filter(t -> t.name().equals(tool.name()))
              .findFirst()
              .orElse(tool);
      CallToolResult result =
          runtime.invoker.invoke(
              declared, arguments, new LocalToolContext(runtime.workspaces, runtime.readOnly));
      out.println(
          Jsons.MAPPER
              .copy()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(result.structuredContent()));
      return Boolean.TRUE.equals(result.isError()) ? 1 : 0;
    }
  }

  private static ToolDef findTool(CommonOptions common, String toolName) {
    var selection = common.selection();
    var inventory = Toolsets.discovered().inventory(ServerSettings.of(selection, common.sandbox));
    Optional<ToolDef> enabled =
        inventory.select(selection).stream().filter(t -> t.name().equals(toolName)).findFirst();
    if (enabled.isPresent()) {
      return enabled.get();
    }
    Optional<ToolDef> known =
        inventory.all().stream().filter(t -> t.name().equals(toolName)).findFirst();
    if (known.isPresent()) {
      throw new UsageProblem(
          "tool '"
              + toolName
              + "' is not enabled by the current options (toolset '"
              + known.get().toolset()
              + "'"
              + (selection.readOnly() && !known.get().readOnly()
                  ? ", and --read-only hides write tools"
                  : "")
              + "); add --toolsets "
              + known.get().toolset()
              + " or --tools "
              + toolName);
    }
    throw new UsageProblem(
        "unknown tool '" + toolName + "'; run 'databricks-mcp tools --toolsets all' for the list");
  }

  /**
   * Turns --args and KEY=VALUE pairs into the arguments map, typing values by the tool's schema.
   */
  static final class CallArguments {
    private CallArguments() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(ToolDef tool, String argsJson, List<String> pairs) {
      Map<String, Object> args = new LinkedHashMap<>();
      if (argsJson != null) {
        try {
          args.putAll(
              Jsons.MAPPER.readValue(argsJson, new TypeReference<Map<String, Object>>() {}));
        } catch (Exception e) {
          throw new UsageProblem("--args must be a JSON object: " + e.getMessage().split("\n")[0]);
        }
      }
      Map<String, Object> properties =
          (Map<String, Object>) tool.inputSchema().getOrDefault("properties", Map.of());
      for (String pair : pairs) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new UsageProblem("argument '" + pair + "' is not KEY=VALUE");
        }
        String key = pair.substring(0, eq);
        String raw = pair.substring(eq + 1);
        Object property = properties.get(key);
        String type = property instanceof Map<?, ?> p ? String.valueOf(p.get("type")) : "string";
        args.put(key, "string".equals(type) ? raw : parseJsonOr(raw));
      }
      return args;
    }

    private static Object parseJsonOr(String raw) {
      try {
        return Jsons.MAPPER.readValue(raw, Object.class);
      } catch (Exception e) {
        return raw;
      }
    }
  }
}
