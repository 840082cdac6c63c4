package dev.databricksmcp.server.clients;

import dev.databricksmcp.server.mcp.McpExtras;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prompts, resources and completion the MCP conformance suite asks for, registered through
 * {@link McpExtras} on our own server and transports. Test-only.
 */
final class ConformanceFixtureFeatures {
  private static final Pattern TEMPLATE = Pattern.compile("test://template/([^/]+)/data");

  private ConformanceFixtureFeatures() {}

  static McpExtras all() {
    return new McpExtras(prompts(), resources(), List.of(template()), List.of(completion()));
  }

  private static List<McpServerFeatures.SyncPromptSpecification> prompts() {
    return List.of(
        new McpServerFeatures.SyncPromptSpecification(
            new McpSchema.Prompt("test_simple_prompt", "A simple prompt", List.of()),
            (exchange, request) -> result(user(text("This is a simple prompt for testing.")))),
        new McpServerFeatures.SyncPromptSpecification(
            new McpSchema.Prompt(
                "test_prompt_with_arguments",
                "A prompt with arguments",
                List.of(
                    new McpSchema.PromptArgument("arg1", "First test argument", true),
                    new McpSchema.PromptArgument("arg2", "Second test argument", true))),
            (exchange, request) ->
                result(
                    user(
                        text(
                            "Prompt with arguments: arg1='"
                                + request.arguments().get("arg1")
                                + "', arg2='"
                                + request.arguments().get("arg2")
                                + "'")))),
        new McpServerFeatures.SyncPromptSpecification(
            new McpSchema.Prompt(
                "test_prompt_with_embedded_resource",
                "A prompt with a resource",
                List.of(
                    new McpSchema.PromptArgument(
                        "resourceUri", "URI of the resource to embed", true))),
            (exchange, request) ->
                result(
                    user(
                        new McpSchema.EmbeddedResource(
                            null,
                            new McpSchema.TextResourceContents(
                                String.valueOf(request.arguments().get("resourceUri")),
                                "text/plain",
                                "Embedded resource content for testing."))),
                    user(text("Please process the embedded resource above.")))),
        new McpServerFeatures.SyncPromptSpecification(
            new McpSchema.Prompt("test_prompt_with_image", "A prompt with an image", List.of()),
            (exchange, request) ->
                result(
                    user(
                        new McpSchema.ImageContent(null, ConformanceFixtureTools.PNG, "image/png")),
                    user(text("Please analyze the image above.")))));
  }

  private static List<McpServerFeatures.SyncResourceSpecification> resources() {
    return List.of(
        resource(
            "test://static-text",
            "text/plain",
            new McpSchema.TextResourceContents(
                "test://static-text",
                "text/plain",
                "This is the content of the static text resource.")),
        resource(
            "test://static-binary",
            "image/png",
            new McpSchema.BlobResourceContents(
                "test://static-binary", "image/png", ConformanceFixtureTools.PNG)),
        resource(
            "test://watched-resource",
            "text/plain",
            new McpSchema.TextResourceContents(
                "test://watched-resource", "text/plain", "A resource to subscribe to.")));
  }

  private static McpServerFeatures.SyncResourceSpecification resource(
      String uri, String mimeType, McpSchema.ResourceContents contents) {
    McpSchema.Resource resource =
        McpSchema.Resource.builder()
            .uri(uri)
            .name(uri.substring("test://".length()))
            .description("Conformance fixture " + uri)
            .mimeType(mimeType)
            .build();
    return new McpServerFeatures.SyncResourceSpecification(
        resource, (exchange, request) -> new McpSchema.ReadResourceResult(List.of(contents)));
  }

  private static McpServerFeatures.SyncResourceTemplateSpecification template() {
    McpSchema.ResourceTemplate template =
        McpSchema.ResourceTemplate.builder()
            .uriTemplate("test://template/{id}/data")
            .name("template-data")
            .description("Data for an id")
            .mimeType("application/json")
            .build();
    return new McpServerFeatures.SyncResourceTemplateSpecification(
        template,
        (exchange, request) -> {
          Matcher m = TEMPLATE.matcher(request.uri());
          String id = m.matches() ? m.group(1) : "";
          String json =
              "{\"id\":\"" + id + "\",\"templateTest\":true,\"data\":\"Data for ID: " + id + "\"}";
          return new McpSchema.ReadResourceResult(
              List.of(new McpSchema.TextResourceContents(request.uri(), "application/json", json)));
        });
  }

  private static McpServerFeatures.SyncCompletionSpecification completion() {
    return new McpServerFeatures.SyncCompletionSpecification(
        new McpSchema.PromptReference("test_prompt_with_arguments"),
        (exchange, request) -> {
          List<String> values =
              List.of("paris", "park", "party").stream()
                  .filter(v -> v.startsWith(request.argument().value()))
                  .toList();
          return new McpSchema.CompleteResult(
              new McpSchema.CompleteResult.CompleteCompletion(values, values.size(), false));
        });
  }

  private static McpSchema.TextContent text(String text) {
    return new McpSchema.TextContent(text);
  }

  private static McpSchema.PromptMessage user(McpSchema.Content content) {
    return new McpSchema.PromptMessage(McpSchema.Role.USER, content);
  }

  private static McpSchema.GetPromptResult result(McpSchema.PromptMessage... messages) {
    return new McpSchema.GetPromptResult(null, List.of(messages));
  }
}
