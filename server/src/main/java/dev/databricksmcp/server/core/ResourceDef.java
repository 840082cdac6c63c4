package dev.databricksmcp.server.core;

import io.modelcontextprotocol.spec.McpSchema;

/**
 * An MCP resource template a toolset offers (see {@link ToolsetModule#resources}): its template
 * ({@code databricks://workspace/{+path}}) and how a URI it matches is read, as the caller, through
 * the same workspace client the tools use. A {@link ToolException} or an SDK error thrown by the
 * reader becomes an MCP error with its message (never a stack trace).
 *
 * @param toolset the id of the module that declares it: served only when that toolset is on
 */
public record ResourceDef(String toolset, McpSchema.ResourceTemplate template, Reader reader) {
  /** Reads one URI the template matches. */
  @FunctionalInterface
  public interface Reader {
    McpSchema.ReadResourceResult read(String uri, ToolContext ctx) throws Exception;
  }
}
