package dev.databricksmcp.server.mcp;

import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Blocking work on the asynchronous MCP server (asynchronous so that a tool call needs no thread
 * hand-off): moved off the calling thread where that thread must not block, and the blocking {@link
 * McpExtras} handlers adapted.
 */
final class AsyncHandlers {
  private AsyncHandlers() {}

  /** The work, subscribed on a worker when {@code offload}, else on the caller's thread. */
  static <T> Mono<T> offload(Mono<T> work, boolean offload) {
    return offload ? work.subscribeOn(Schedulers.boundedElastic()) : work;
  }

  static McpServerFeatures.AsyncPromptSpecification prompt(
      McpServerFeatures.SyncPromptSpecification sync, boolean offload) {
    return new McpServerFeatures.AsyncPromptSpecification(
        sync.prompt(),
        (exchange, request) ->
            offload(
                Mono.fromCallable(
                    () -> sync.promptHandler().apply(new McpSyncServerExchange(exchange), request)),
                offload));
  }

  static McpServerFeatures.AsyncResourceSpecification resource(
      McpServerFeatures.SyncResourceSpecification sync, boolean offload) {
    return new McpServerFeatures.AsyncResourceSpecification(
        sync.resource(),
        (exchange, request) ->
            offload(
                Mono.fromCallable(
                    () -> sync.readHandler().apply(new McpSyncServerExchange(exchange), request)),
                offload));
  }

  static McpServerFeatures.AsyncResourceTemplateSpecification resourceTemplate(
      McpServerFeatures.SyncResourceTemplateSpecification sync, boolean offload) {
    return new McpServerFeatures.AsyncResourceTemplateSpecification(
        sync.resourceTemplate(),
        (exchange, request) ->
            offload(
                Mono.fromCallable(
                    () -> sync.readHandler().apply(new McpSyncServerExchange(exchange), request)),
                offload));
  }

  static McpServerFeatures.AsyncCompletionSpecification completion(
      McpServerFeatures.SyncCompletionSpecification sync, boolean offload) {
    return new McpServerFeatures.AsyncCompletionSpecification(
        sync.referenceKey(),
        (exchange, request) ->
            offload(
                Mono.fromCallable(
                    () ->
                        sync.completionHandler()
                            .apply(new McpSyncServerExchange(exchange), request)),
                offload));
  }
}
