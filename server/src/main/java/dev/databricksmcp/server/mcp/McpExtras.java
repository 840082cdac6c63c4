package dev.databricksmcp.server.mcp;

import io.modelcontextprotocol.server.McpServerFeatures;
import java.util.List;

/**
 * MCP features beyond tools — prompts, resources, resource templates, completions — registered on
 * the same server, transports and session handling as the tools. Empty for the product today; the
 * conformance fixtures use it.
 */
public record McpExtras(
    List<McpServerFeatures.SyncPromptSpecification> prompts,
    List<McpServerFeatures.SyncResourceSpecification> resources,
    List<McpServerFeatures.SyncResourceTemplateSpecification> resourceTemplates,
    List<McpServerFeatures.SyncCompletionSpecification> completions) {
  public static final McpExtras NONE = new McpExtras(List.of(), List.of(), List.of(), List.of());

  public McpExtras {
    prompts = List.copyOf(prompts);
    resources = List.copyOf(resources);
    resourceTemplates = List.copyOf(resourceTemplates);
    completions = List.copyOf(completions);
  }

  boolean hasResources() {
    return !resources.isEmpty() || !resourceTemplates.isEmpty();
  }
}
