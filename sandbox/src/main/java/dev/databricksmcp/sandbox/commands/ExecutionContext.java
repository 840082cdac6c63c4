package dev.databricksmcp.sandbox.commands;

import com.databricks.sdk.service.compute.Language;
import dev.databricksmcp.sandbox.auth.Principal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An execution context on a cluster: its language, who created it, and the commands run in it. It
 * belongs to the cluster's Spark context of the moment it was made ({@code spark_context_id}): a
 * cluster that terminates or restarts gets a new one, and the contexts of the old are gone.
 */
final class ExecutionContext {
  final String id;
  final String clusterId;
  final Language language;
  final Principal owner;
  final Long sparkContextId;
  final Map<String, RunningCommand> commands = new ConcurrentHashMap<>();

  ExecutionContext(
      String id, String clusterId, Language language, Principal owner, Long sparkContextId) {
    this.id = id;
    this.clusterId = clusterId;
    this.language = language;
    this.owner = owner;
    this.sparkContextId = sparkContextId;
  }
}
