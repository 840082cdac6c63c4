package dev.databricksmcp.server.clients;

import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolHandler;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.tools.workspace.WorkspaceToolset;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tools the MCP conformance suite calls ({@code test_*}), declared as ordinary {@link ToolDef}s
 * so that each goes through our invoker and envelope, our progress, logging and elicitation paths —
 * what the suite checks is our wrapping, not a bypass. Test-only: never part of the product.
 */
final class ConformanceFixtureTools {
  /** A 1×1 red PNG. */
  static final String PNG =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

  /** A WAV header with no samples. */
  static final String WAV = "UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YQAAAAA=";

  private ConformanceFixtureTools() {}

  static List<ToolDef> all() {
    return List.of(
        tool(
            "test_simple_text", (args, ctx) -> text("This is a simple text response for testing.")),
        tool(
            "test_image_content",
            (args, ctx) ->
                text("An image.")
                    .withAttachments(List.of(new McpSchema.ImageContent(null, PNG, "image/png")))),
        tool(
            "test_audio_content",
            (args, ctx) ->
                text("A sound.")
                    .withAttachments(List.of(new McpSchema.AudioContent(null, WAV, "audio/wav")))),
        tool(
            "test_embedded_resource",
            (args, ctx) ->
                text("A resource.")
                    .withAttachments(
                        List.of(
                            embedded(
                                "test://embedded-resource",
                                "text/plain",
                                "This is an embedded resource content.")))),
        tool(
            "test_multiple_content_types",
            (args, ctx) ->
                text("Multiple content types test:")
                    .withAttachments(
                        List.of(
                            new McpSchema.ImageContent(null, PNG, "image/png"),
                            embedded(
                                "test://mixed-content-resource",
                                "application/json",
                                "{\"test\":\"data\",\"value\":123}")))),
        tool(
            "test_tool_with_logging",
            (args, ctx) -> {
              ctx.log(McpSchema.LoggingLevel.INFO, "Tool execution started");
              Thread.sleep(50);
              ctx.log(McpSchema.LoggingLevel.INFO, "Tool processing data");
              Thread.sleep(50);
              ctx.log(McpSchema.LoggingLevel.INFO, "Tool execution completed");
              return text("Logged three messages.");
            }),
        tool(
            "test_tool_with_progress",
            (args, ctx) -> {
              ctx.progress(0, 100.0, "started");
              Thread.sleep(50);
              ctx.progress(50, 100.0, "half way");
              Thread.sleep(50);
              ctx.progress(100, 100.0, "done");
              return text("Reported progress three times.");
            }),
        // an unexpected exception: our invoker must turn it into an isError envelope without its
        // message
        tool(
            "test_error_handling",
            (args, ctx) -> {
              throw new IllegalStateException(
                  "This tool intentionally returns an error for testing");
            }),
        ToolDef.builder(WorkspaceToolset.ID, "test_sampling")
            .title("test_sampling")
            .description("Asks the client's model to answer a prompt (conformance fixture).")
            .input(Schema.object().string("prompt", "The prompt to send", true))
            .hints(ToolHints.read())
            .handler(
                (args, ctx) -> {
                  McpSchema.CreateMessageResult answer =
                      ctx.sample(
                          McpSchema.CreateMessageRequest.builder()
                              .messages(
                                  List.of(
                                      new McpSchema.SamplingMessage(
                                          McpSchema.Role.USER,
                                          new McpSchema.TextContent(args.string("prompt")))))
                              .maxTokens(100)
                              .build());
                  return text("LLM response: " + ((McpSchema.TextContent) answer.content()).text());
                })
            .build(),
        ToolDef.builder(WorkspaceToolset.ID, "test_elicitation")
            .title("test_elicitation")
            .description("Asks the user for a name and an email (conformance fixture).")
            .input(Schema.object().string("message", "What to ask", true))
            .hints(ToolHints.read())
            .handler(
                (args, ctx) ->
                    elicited(
                        ctx.elicit(
                            new McpSchema.ElicitFormRequest(
                                args.string("message"),
                                Map.of(
                                    "type", "object",
                                    "properties",
                                        Map.of(
                                            "username",
                                                Map.of(
                                                    "type",
                                                    "string",
                                                    "description",
                                                    "User's response"),
                                            "email",
                                                Map.of(
                                                    "type",
                                                    "string",
                                                    "description",
                                                    "User's email address")),
                                    "required", List.of("username", "email")),
                                null)),
                        "User response: "))
            .build(),
        tool(
            "test_elicitation_sep1034_defaults",
            (args, ctx) ->
                elicited(
                    ctx.elicit(
                        new McpSchema.ElicitFormRequest(
                            "Please review these details",
                            Map.of(
                                "type",
                                "object",
                                "properties",
                                ordered(
                                    "name", Map.of("type", "string", "default", "John Doe"),
                                    "age", Map.of("type", "integer", "default", 30),
                                    "score", Map.of("type", "number", "default", 95.5),
                                    "status",
                                        Map.of(
                                            "type",
                                            "string",
                                            "enum",
                                            List.of("active", "inactive", "pending"),
                                            "default",
                                            "active"),
                                    "verified", Map.of("type", "boolean", "default", true))),
                            null)),
                    "Elicitation completed: ")),
        tool(
            "test_elicitation_sep1330_enums",
            (args, ctx) ->
                elicited(
                    ctx.elicit(
                        new McpSchema.ElicitFormRequest(
                            "Please choose",
                            Map.of(
                                "type",
                                "object",
                                "properties",
                                ordered(
                                    "untitledSingle",
                                        Map.of(
                                            "type",
                                            "string",
                                            "enum",
                                            List.of("option1", "option2", "option3")),
                                    "titledSingle",
                                        Map.of(
                                            "type",
                                            "string",
                                            "oneOf",
                                            List.of(
                                                Map.of("const", "value1", "title", "First Option"),
                                                Map.of("const", "value2", "title", "Second Option"),
                                                Map.of(
                                                    "const", "value3", "title", "Third Option"))),
                                    "legacyEnum",
                                        Map.of(
                                            "type",
                                            "string",
                                            "enum",
                                            List.of("opt1", "opt2", "opt3"),
                                            "enumNames",
                                            List.of("Option One", "Option Two", "Option Three")),
                                    "untitledMulti",
                                        Map.of(
                                            "type",
                                            "array",
                                            "items",
                                            Map.of(
                                                "type",
                                                "string",
                                                "enum",
                                                List.of("option1", "option2", "option3"))),
                                    "titledMulti",
                                        Map.of(
                                            "type",
                                            "array",
                                            "items",
                                            Map.of(
                                                "anyOf",
                                                List.of(
                                                    Map.of(
                                                        "const", "value1", "title", "First Choice"),
                                                    Map.of(
                                                        "const",
                                                        "value2",
                                                        "title",
                                                        "Second Choice"),
                                                    Map.of(
                                                        "const",
                                                        "value3",
                                                        "title",
                                                        "Third Choice")))))),
                            null)),
                    "Elicitation completed: ")),
        jsonSchema202012());
  }

  /**
   * A tool whose input schema uses JSON Schema 2020-12 keywords ($schema, $defs, $ref): the suite
   * checks they survive our ToolDef → MCP tool conversion unchanged (SEP-1613).
   */
  private static ToolDef jsonSchema202012() {
    Map<String, Object> schema =
        ordered(
            "$schema",
            "https://json-schema.org/draft/2020-12/schema",
            "type",
            "object",
            "$defs",
            Map.of(
                "address",
                Map.of(
                    "type",
                    "object",
                    "properties",
                    ordered(
                        "street", Map.of("type", "string"),
                        "city", Map.of("type", "string")))),
            "properties",
            ordered(
                "name", Map.of("type", "string"),
                "address", Map.of("$ref", "#/$defs/address")),
            "additionalProperties",
            false);
    return new ToolDef(
        WorkspaceToolset.ID,
        "json_schema_2020_12_tool",
        "json_schema_2020_12_tool",
        "Tool with JSON Schema 2020-12 features (conformance fixture).",
        schema,
        null,
        ToolHints.read(),
        (args, ctx) -> text("Received " + args.asMap()));
  }

  private static ToolDef tool(String name, ToolHandler handler) {
    return ToolDef.builder(WorkspaceToolset.ID, name)
        .title(name)
        .description("Conformance fixture " + name + ".")
        .hints(ToolHints.read())
        .handler(handler)
        .build();
  }

  private static ToolResult text(String message) {
    return ToolResult.of(Map.of("text", message), message);
  }

  private static McpSchema.EmbeddedResource embedded(String uri, String mimeType, String text) {
    return new McpSchema.EmbeddedResource(
        null, new McpSchema.TextResourceContents(uri, mimeType, text));
  }

  private static ToolResult elicited(McpSchema.ElicitResult answer, String prefix) {
    String action = answer.action().name().toLowerCase();
    Map<String, Object> content = answer.content() == null ? Map.of() : answer.content();
    return ToolResult.of(
        Map.of("action", action, "content", content),
        prefix + "action=" + action + ", content=" + content);
  }

  /** A map that keeps the order given, so the form shows fields in that order. */
  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
