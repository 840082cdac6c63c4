package dev.databricksmcp.server.tools.compute;

import static dev.databricksmcp.server.tools.compute.CommandParams.COMMAND;
import static dev.databricksmcp.server.tools.compute.CommandParams.COMMAND_ID;
import static dev.databricksmcp.server.tools.compute.CommandParams.CONTEXT_ID;
import static dev.databricksmcp.server.tools.compute.CommandParams.LANGUAGE;
import static dev.databricksmcp.server.tools.compute.CommandParams.STATUS_WAIT_SECONDS;
import static dev.databricksmcp.server.tools.compute.CommandParams.WAIT_SECONDS;
import static dev.databricksmcp.server.tools.compute.ComputeParams.CLUSTER_ID;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.compute.CancelCommand;
import com.databricks.sdk.service.compute.ClusterDetails;
import com.databricks.sdk.service.compute.Command;
import com.databricks.sdk.service.compute.CommandStatus;
import com.databricks.sdk.service.compute.CommandStatusRequest;
import com.databricks.sdk.service.compute.CommandStatusResponse;
import com.databricks.sdk.service.compute.ContextStatus;
import com.databricks.sdk.service.compute.ContextStatusRequest;
import com.databricks.sdk.service.compute.ContextStatusResponse;
import com.databricks.sdk.service.compute.CreateContext;
import com.databricks.sdk.service.compute.Language;
import com.databricks.sdk.service.compute.State;
import dev.databricksmcp.server.core.ErrorCode;
import dev.databricksmcp.server.core.ErrorMapper;
import dev.databricksmcp.server.core.ModuleContext;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.WorkHandle;
import dev.databricksmcp.server.core.wait.Waited;
import dev.databricksmcp.server.core.wait.Waiter;
import dev.databricksmcp.server.tools.sql.SqlSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Commands on a running cluster (Command Execution API 1.2): execute_command runs Python, SQL or
 * Scala in an execution context made on demand and reused per cluster and language, waiting (the
 * one {@link Waiter}) up to wait_seconds; get_command_status reads a command later; cancel_command
 * stops one. A command that fails is data ({@code status: "Error"} with the error and the end of
 * its traceback), not a failure of the tool.
 */
final class CommandTools {
  private static final List<CommandStatus> ENDED =
      List.of(CommandStatus.FINISHED, CommandStatus.ERROR, CommandStatus.CANCELLED);

  private CommandTools() {}

  static List<ToolDef> definitions(ModuleContext module) {
    CommandContexts contexts = module.shared(CommandContexts.class, CommandContexts::new);
    SqlSettings sql = SqlSettings.shared(module);
    return List.of(execute(contexts, sql), status(sql), cancel(sql));
  }

  static ToolDef execute(CommandContexts contexts, SqlSettings sql) {
    return ToolDef.builder(ComputeToolset.ID, "execute_command")
        .title("Execute command on a cluster")
        .description(
            WAIT_SECONDS.fill(
                "Run Python, SQL or Scala on a RUNNING all-purpose cluster, as a notebook cell"
                    + " would (state such as Python variables is kept per cluster and language)."
                    + " Waits up to wait_seconds (default {default}); returns status (Finished,"
                    + " Error, Cancelled, or Running with the ids to pass to get_command_status),"
                    + " the output text or table rows (capped, with truncated), or for Error the"
                    + " error and its traceback. A cluster that is not running: start_cluster"
                    + " first."))
        .input(Schema.of(CLUSTER_ID, LANGUAGE, COMMAND, WAIT_SECONDS))
        .hints(ToolHints.write(false))
        .checkWith("get_command_status")
        .handler(
            ClusterStateTools.resolving(
                (args, ctx) -> {
                  String clusterId = CLUSTER_ID.of(args);
                  Language language = Language.valueOf(LANGUAGE.of(args).toUpperCase(Locale.ROOT));
                  requireRunning(ctx.workspace(), clusterId);
                  CommandContexts.Key key =
                      new CommandContexts.Key(
                          ctx.workspaceHost(), ctx.principal(), clusterId, LANGUAGE.of(args));
                  Duration wait = Duration.ofSeconds(WAIT_SECONDS.of(args));
                  String contextId = context(contexts, key, language, wait, ctx);
                  if (contextId == null) {
                    return ToolResult.of(
                        Map.of("cluster_id", clusterId, "status", "Queued"),
                        "The execution context on cluster "
                            + clusterId
                            + " is still starting; nothing was run. Call execute_command again in"
                            + " a few seconds.");
                  }
                  String commandId;
                  try {
                    commandId = start(ctx, clusterId, contextId, language, COMMAND.of(args));
                  } catch (ResourceDoesNotExist gone) {
                    // the cluster restarted since: its contexts are gone, and nothing ran
                    contexts.forget(key, contextId);
                    contextId = context(contexts, key, language, wait, ctx);
                    if (contextId == null) {
                      throw gone;
                    }
                    commandId = start(ctx, clusterId, contextId, language, COMMAND.of(args));
                  }
                  return await(clusterId, contextId, commandId, wait, ctx, sql, true);
                }))
        .build();
  }

  static ToolDef status(SqlSettings sql) {
    return ToolDef.builder(ComputeToolset.ID, "get_command_status")
        .title("Get command status")
        .description(
            STATUS_WAIT_SECONDS.fill(
                "The status and output of a command execute_command started (its cluster_id,"
                    + " context_id and command_id), as execute_command answers it; waits up to"
                    + " wait_seconds (default {default}) for it to end."))
        .input(Schema.of(CLUSTER_ID, CONTEXT_ID, COMMAND_ID, STATUS_WAIT_SECONDS))
        .hints(ToolHints.read())
        .handler(
            ClusterStateTools.resolving(
                (args, ctx) ->
                    await(
                        CLUSTER_ID.of(args),
                        CONTEXT_ID.of(args),
                        COMMAND_ID.of(args),
                        Duration.ofSeconds(STATUS_WAIT_SECONDS.of(args)),
                        ctx,
                        sql,
                        false)))
        .build();
  }

  static ToolDef cancel(SqlSettings sql) {
    return ToolDef.builder(ComputeToolset.ID, "cancel_command")
        .title("Cancel command")
        .description(
            "Cancel a running command execute_command started (its cluster_id, context_id and"
                + " command_id); answers the status reached. A command that already ended stays"
                + " as it ended.")
        .input(Schema.of(CLUSTER_ID, CONTEXT_ID, COMMAND_ID))
        .hints(ToolHints.write(true))
        .checkWith("get_command_status")
        .handler(
            ClusterStateTools.resolving(
                (args, ctx) -> {
                  String clusterId = CLUSTER_ID.of(args);
                  String contextId = CONTEXT_ID.of(args);
                  String commandId = COMMAND_ID.of(args);
                  ClusterCalls.run(
                      clusterId,
                      () ->
                          ctx.workspace()
                              .commandExecution()
                              .impl()
                              .cancel(
                                  new CancelCommand()
                                      .setClusterId(clusterId)
                                      .setContextId(contextId)
                                      .setCommandId(commandId)));
                  ctx.track(handle(commandId));
                  return await(
                      clusterId, contextId, commandId, Duration.ofSeconds(10), ctx, sql, true);
                }))
        .build();
  }

  /** Refuses a cluster that is not RUNNING, saying what to do. */
  private static void requireRunning(WorkspaceClient w, String clusterId) {
    ClusterDetails c = ClusterCalls.get(w, clusterId);
    if (c.getState() == State.RUNNING) {
      return;
    }
    String next =
        c.getState() == State.TERMINATED || c.getState() == State.ERROR
            ? " Call start_cluster with cluster_id="
                + clusterId
                + " first (it costs money while"
                + " running), then execute_command again."
            : " Wait until it is RUNNING (get_cluster shows its state), then execute_command"
                + " again.";
    throw new ToolException(
        ErrorCode.CONFLICT,
        "Cluster " + ClusterStateTools.name(c) + " is " + c.getState() + ", not RUNNING." + next,
        Map.of("cluster_id", clusterId, "state", String.valueOf(c.getState())));
  }

  /**
   * The context kept for this caller, cluster and language; a new one when none; null if it is
   * still starting.
   */
  private static String context(
      CommandContexts contexts,
      CommandContexts.Key key,
      Language language,
      Duration wait,
      ToolContext ctx)
      throws InterruptedException {
    String kept = contexts.get(key).orElse(null);
    if (kept != null) {
      return kept;
    }
    WorkspaceClient w = ctx.workspace();
    String id =
        ClusterCalls.call(
                key.clusterId(),
                () ->
                    w.commandExecution()
                        .impl()
                        .create(
                            new CreateContext()
                                .setClusterId(key.clusterId())
                                .setLanguage(language)))
            .getId();
    Waited<ContextStatusResponse> ready =
        Waiter.polling(
                () ->
                    w.commandExecution()
                        .impl()
                        .contextStatus(
                            new ContextStatusRequest()
                                .setClusterId(key.clusterId())
                                .setContextId(id)))
            .until(s -> s.getStatus() != ContextStatus.PENDING)
            .describedAs(s -> "execution context on " + key.clusterId() + " " + s.getStatus())
            .waitFor(ctx, wait.isZero() ? Duration.ofSeconds(5) : wait)
            .throwIfInterrupted();
    if (ready.outcome() == Waited.Outcome.POLL_FAILED) {
      throw ready.failure();
    }
    if (!ready.done()) {
      contexts.put(key, id);
      return null;
    }
    if (ready.last().getStatus() != ContextStatus.RUNNING) {
      throw new ToolException(
          ErrorCode.UNAVAILABLE,
          "Cluster "
              + key.clusterId()
              + " could not start an execution context; restart_cluster"
              + " may help.",
          Map.of("cluster_id", key.clusterId()));
    }
    contexts.put(key, id);
    return id;
  }

  private static String start(
      ToolContext ctx, String clusterId, String contextId, Language language, String command) {
    String id =
        ctx.workspace()
            .commandExecution()
            .impl()
            .execute(
                new Command()
                    .setClusterId(clusterId)
                    .setContextId(contextId)
                    .setLanguage(language)
                    .setCommand(command))
            .getId();
    ctx.track(handle(id));
    return id;
  }

  /**
   * Waits for the command to end and answers its status and output. Once started, a failure to read
   * its status is said as such, never as if nothing ran.
   */
  private static ToolResult await(
      String clusterId,
      String contextId,
      String commandId,
      Duration wait,
      ToolContext ctx,
      SqlSettings sql,
      boolean justStarted)
      throws InterruptedException {
    WorkspaceClient w = ctx.workspace();
    CommandStatusRequest req =
        new CommandStatusRequest()
            .setClusterId(clusterId)
            .setContextId(contextId)
            .setCommandId(commandId);
    Waited<CommandStatusResponse> waited =
        Waiter.polling(() -> w.commandExecution().impl().commandStatus(req))
            .until(s -> ENDED.contains(s.getStatus()))
            .describedAs(s -> "command " + commandId + " " + s.getStatus())
            .waitFor(ctx, wait)
            .throwIfInterrupted();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("cluster_id", clusterId);
    data.put("context_id", contextId);
    data.put("command_id", commandId);
    String resume =
        "call get_command_status with cluster_id="
            + clusterId
            + ", context_id="
            + contextId
            + ", command_id="
            + commandId;
    if (waited.outcome() == Waited.Outcome.POLL_FAILED) {
      if (!justStarted && waited.last() == null) {
        throw waited.failure(); // a command never read (NOT_FOUND and the like), as it is
      }
      ErrorMapper.MappedError why = ErrorMapper.map(waited.failure());
      data.put("status", "UNKNOWN");
      data.put("status_error", Map.of("error_code", why.code().name(), "message", why.message()));
      return ToolResult.of(
          data,
          "The command was started, but reading its status failed ("
              + why.code()
              + "); "
              + resume
              + ".");
    }
    CommandStatusResponse s = waited.last();
    data.put("status", s.getStatus() == null ? "UNKNOWN" : statusWord(s.getStatus()));
    CommandOutput.add(data, s, sql.maxRows(), sql.maxBytes());
    String summary = CommandOutput.summary(data);
    String message =
        switch (s.getStatus() == null ? CommandStatus.RUNNING : s.getStatus()) {
          case FINISHED ->
              "Command finished"
                  + (summary.isEmpty() ? "." : ": " + summary + ".")
                  + (Boolean.TRUE.equals(data.get("truncated"))
                      ? " The output was cut; narrow the command (fewer rows, less output)."
                      : "");
          case ERROR -> "Command ended with an error: " + summary;
          case CANCELLED -> "Command was cancelled.";
          default ->
              "Command is still "
                  + statusWord(s.getStatus())
                  + "; "
                  + resume
                  + " to check again, or cancel_command to stop it.";
        };
    return ToolResult.of(data, message);
  }

  /** Databricks' own word: Queued, Running, Finished, Error, Cancelling, Cancelled. */
  private static String statusWord(CommandStatus s) {
    String n = s.name().toLowerCase(Locale.ROOT);
    return Character.toUpperCase(n.charAt(0)) + n.substring(1);
  }

  private static WorkHandle handle(String commandId) {
    return new WorkHandle("command_id", commandId, "get_command_status");
  }
}
