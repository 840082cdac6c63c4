package dev.databricksmcp.sandbox.commands;

import com.databricks.sdk.service.compute.ClusterDetails;
import com.databricks.sdk.service.compute.CommandStatus;
import com.databricks.sdk.service.compute.Language;
import com.databricks.sdk.service.compute.Results;
import com.databricks.sdk.service.compute.State;
import dev.databricksmcp.sandbox.auth.Principal;
import dev.databricksmcp.sandbox.compute.Clusters;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.state.SandboxState;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Execution contexts and their commands. A context is made on a RUNNING cluster and lives as long
 * as that cluster's Spark context: once the cluster terminates or restarts, its contexts are gone.
 * Commands run in the background, one thread each; SQL on the sandbox's engine as the caller,
 * Python only with the opt-in, Scala and R not at all (an error result says so).
 */
public final class ExecutionContexts implements SandboxState {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutionContexts.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final Clusters clusters;
  private final SqlCommands sql;
  private final PythonCommands python;
  private final Map<String, ExecutionContext> contexts = new ConcurrentHashMap<>();
  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "sandbox-command-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
          });

  ExecutionContexts(Clusters clusters, SqlCommands sql, PythonCommands python) {
    this.clusters = clusters;
    this.sql = sql;
    this.python = python;
  }

  /** A new context on a RUNNING cluster. */
  ExecutionContext create(String clusterId, Language language, Principal caller) {
    ClusterDetails cluster = running(clusterId);
    String id = Long.toString(UUID.randomUUID().getMostSignificantBits() >>> 1);
    ExecutionContext c =
        new ExecutionContext(id, clusterId, language, caller, cluster.getSparkContextId());
    contexts.put(id, c);
    return c;
  }

  /** The context, while its cluster still runs the Spark context it was made in. */
  ExecutionContext get(String clusterId, String contextId) {
    ExecutionContext c = contexts.get(contextId);
    if (c == null || !c.clusterId.equals(clusterId)) {
      throw new ApiException(
          ErrorCode.RESOURCE_DOES_NOT_EXIST, "Context " + contextId + " does not exist.");
    }
    ClusterDetails cluster = clusters.get(clusterId);
    if (cluster.getState() != State.RUNNING
        || !Objects.equals(cluster.getSparkContextId(), c.sparkContextId)) {
      gone(c);
      throw new ApiException(
          ErrorCode.RESOURCE_DOES_NOT_EXIST,
          "Context "
              + contextId
              + " does not exist: cluster "
              + clusterId
              + " was restarted or"
              + " terminated since it was created.");
    }
    return c;
  }

  void destroy(ExecutionContext c) {
    gone(c);
  }

  /** Runs {@code text} in the context, in {@code language} (the context's when null). */
  RunningCommand execute(ExecutionContext c, String text, Language language, Principal caller) {
    RunningCommand cmd =
        new RunningCommand(
            UUID.randomUUID().toString().replace("-", ""),
            c,
            text,
            caller,
            language == null ? c.language : language);
    c.commands.put(cmd.id, cmd);
    clusters.touch(c.clusterId); // a command is activity: the idle clock starts again
    cmd.future = executor.submit(() -> run(cmd));
    return cmd;
  }

  RunningCommand command(ExecutionContext c, String commandId) {
    RunningCommand cmd = c.commands.get(commandId);
    if (cmd == null) {
      throw new ApiException(
          ErrorCode.RESOURCE_DOES_NOT_EXIST, "Command " + commandId + " does not exist.");
    }
    return cmd;
  }

  /** Stops a queued or running command; a finished one stays as it finished. */
  void cancel(RunningCommand cmd) {
    if (!cmd.moveTo(CommandStatus.QUEUED, CommandStatus.CANCELLED)
        && !cmd.moveTo(CommandStatus.RUNNING, CommandStatus.CANCELLED)) {
      return;
    }
    AutoCloseable interrupt = cmd.interrupt;
    try {
      if (interrupt instanceof java.sql.Statement s) {
        s.cancel();
      } else if (interrupt != null) {
        interrupt.close();
      }
    } catch (Exception e) {
      LOG.debug("cancel of command {} failed: {}", cmd.id, e.getMessage());
    }
    if (cmd.future != null) {
      cmd.future.cancel(true);
    }
  }

  private void run(RunningCommand cmd) {
    if (!cmd.moveTo(CommandStatus.QUEUED, CommandStatus.RUNNING)) {
      return;
    }
    Results r;
    try {
      r =
          switch (cmd.language) {
            case SQL -> sql.run(cmd);
            case PYTHON -> python.run(cmd);
            default ->
                CommandResults.error(
                    cmd.language.name().charAt(0)
                        + cmd.language.name().substring(1).toLowerCase(Locale.ROOT)
                        + " commands are not supported by the sandbox",
                    "The sandbox runs SQL commands (and Python commands when started with"
                        + " --sandbox-python); it does not run "
                        + cmd.language.name()
                        + " commands.");
          };
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (RuntimeException | LinkageError e) {
      if (cmd.status == CommandStatus.CANCELLED) {
        return;
      }
      LOG.warn("command {} failed in the sandbox", cmd.id, e);
      r = CommandResults.error("Internal error", "The sandbox could not run this command.");
    }
    cmd.finish(r);
  }

  private void gone(ExecutionContext c) {
    if (contexts.remove(c.id) != null) {
      c.commands.values().forEach(this::cancel);
    }
  }

  /** The cluster, when it is RUNNING; otherwise the call is refused. */
  private ClusterDetails running(String clusterId) {
    ClusterDetails cluster = clusters.get(clusterId);
    if (cluster.getState() != State.RUNNING) {
      String name = cluster.getState().name().toLowerCase(Locale.ROOT);
      throw new ApiException(
          ErrorCode.INVALID_STATE,
          "Cluster "
              + clusterId
              + " is in unexpected state "
              + Character.toUpperCase(name.charAt(0))
              + name.substring(1)
              + ".");
    }
    return cluster;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
