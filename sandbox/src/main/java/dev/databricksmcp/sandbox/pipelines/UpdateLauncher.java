package dev.databricksmcp.sandbox.pipelines;

import com.databricks.sdk.service.pipelines.EventLevel;
import com.databricks.sdk.service.pipelines.PipelineSpec;
import com.databricks.sdk.service.pipelines.PipelineState;
import com.databricks.sdk.service.pipelines.StartUpdate;
import com.databricks.sdk.service.pipelines.UpdateInfo;
import com.databricks.sdk.service.pipelines.UpdateInfoCause;
import com.databricks.sdk.service.pipelines.UpdateInfoState;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.auth.Principal;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.state.SandboxState;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts and stops pipeline updates: one active update per pipeline, each driven by an {@link
 * UpdateRun} on a thread of its own.
 */
final class UpdateLauncher implements SandboxState {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final Pipelines pipelines;
  private final Identities identities;
  private final UpdateRun.Deps deps;
  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "sandbox-pipeline-update-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
          });

  UpdateLauncher(Pipelines pipelines, Identities identities, UpdateRun.Deps deps) {
    this.pipelines = pipelines;
    this.identities = identities;
    this.deps = deps;
  }

  /** A new update, QUEUED and handed to its thread; refused while another one is active. */
  String start(PipelineRecord p, StartUpdate req) {
    Principal owner = identities.byUserName().get(p.pipeline.getRunAsUserName());
    if (owner == null) {
      throw ApiException.invalid(
          "The pipeline's owner " + p.pipeline.getRunAsUserName() + " no longer exists.");
    }
    UpdateInfo u;
    UpdateRun run;
    synchronized (pipelines) {
      if (p.active != null) {
        throw new ApiException(
            ErrorCode.RESOURCE_CONFLICT,
            "An active update "
                + p.active.updateId()
                + " already exists for pipeline "
                + p.id()
                + ".");
      }
      u =
          new UpdateInfo()
              .setPipelineId(p.id())
              .setUpdateId(UUID.randomUUID().toString())
              .setCause(UpdateInfoCause.API_CALL)
              .setCreationTime(deps.clock().millis())
              .setState(UpdateInfoState.QUEUED)
              .setFullRefresh(Boolean.TRUE.equals(req.getFullRefresh()))
              .setRefreshSelection(req.getRefreshSelection())
              .setFullRefreshSelection(req.getFullRefreshSelection())
              .setValidateOnly(req.getValidateOnly())
              .setConfig(Json.MAPPER.convertValue(p.pipeline.getSpec(), PipelineSpec.class));
      p.updates.add(u);
      run = new UpdateRun(pipelines, p, u, deps);
      p.active = run;
      p.pipeline.setState(PipelineState.RUNNING);
    }
    pipelines.event(
        p,
        PipelineEvents.of(
            p,
            u.getUpdateId(),
            null,
            deps.clock().millis(),
            EventLevel.INFO,
            "create_update",
            "Update " + u.getUpdateId() + " started by " + u.getCause() + "."));
    executor.submit(() -> run.run(owner));
    return u.getUpdateId();
  }

  /** Stops the active update, if there is one (a no-op otherwise, as documented). */
  void stop(PipelineRecord p) {
    UpdateRun active;
    synchronized (pipelines) {
      active = p.active;
      if (active != null) {
        p.pipeline.setState(PipelineState.STOPPING);
      }
    }
    if (active != null) {
      active.stop();
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
