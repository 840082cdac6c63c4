package dev.databricksmcp.server.mcp;

import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@link McpExtras} are written as blocking handlers; the server is asynchronous (so that tool calls
 * need no thread hand-off), and this adapts them, moving them off the caller's thread where that
 * thread must not block.
 */
final class AsyncExtras {
  private AsyncExtras() {}

  static <T> Mono<T> offload(Mono<T> work, boolean offload) {
    return offload ? work.subscribeOn(Schedulers.boundedElastic()) : work;
  }

  static McpServerFeatures.AsyncPromptSpecification prompt(McpServerFeatures.SyncPromptSpecification sync, boolean offload) {
    return new McpServerFeatures.AsyncPromptSpecification(sync.prompt(), (exchange, request) ->
        offload(Mono.fromCallable(() -> sync.promptHandler().apply(new McpSyncServerExchange(exchange), request)), offload));
  }

  static McpServerFeatures.AsyncResourceSpecification resource(McpServerFeatures.SyncResourceSpecification sync, boolean offload) {
    return new McpServerFeatures.AsyncResourceSpecification(sync.resource(), (exchange, request) ->
        offload(Mono.fromCallable(() -> sync.readHandler().apply(new McpSyncServerExchange(exchange), request)), offload));
  }

  static McpServerFeatures.AsyncResourceTemplateSpecification resourceTemplate(
      McpServerFeatures.SyncResourceTemplateSpecification sync, boolean offload) {
    return new McpServerFeatures.AsyncResourceTemplateSpecification(sync.resourceTemplate(), (exchange, request) ->
        offload(Mono.fromCallable(() -> sync.readHandler().apply(new McpSyncServerExchange(exchange), request)), offload));
  }

  static McpServerFeatures.AsyncCompletionSpecification completion(McpServerFeatures.SyncCompletionSpecification sync, boolean offload) {
    return new McpServerFeatures.AsyncCompletionSpecification(sync.referenceKey(), (exchange, request) ->
        offload(Mono.fromCallable(() -> sync.completionHandler().apply(new McpSyncServerExchange(exchange), request)), offload));
  }
}
