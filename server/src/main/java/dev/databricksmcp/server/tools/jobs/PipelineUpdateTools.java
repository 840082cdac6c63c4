package dev.databricksmcp.server.tools.jobs;

import static dev.databricksmcp.server.tools.jobs.PipelineParams.PIPELINE_ID;
import static dev.databricksmcp.server.tools.jobs.PipelineParams.UPDATE_ID;
import static dev.databricksmcp.server.tools.jobs.PipelineParams.WAIT_SECONDS;

import com.databricks.sdk.service.pipelines.GetPipelineResponse;
import com.databricks.sdk.service.pipelines.GetUpdateRequest;
import com.databricks.sdk.service.pipelines.ListUpdatesRequest;
import com.databricks.sdk.service.pipelines.ListUpdatesResponse;
import com.databricks.sdk.service.pipelines.StartUpdate;
import com.databricks.sdk.service.pipelines.StopRequest;
import com.databricks.sdk.service.pipelines.UpdateInfo;
import com.databricks.sdk.service.pipelines.UpdateInfoState;
import com.databricks.sdk.service.pipelines.UpdateStateInfo;
import dev.databricksmcp.server.core.ErrorMapper;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Params;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.WorkHandle;
import dev.databricksmcp.server.core.patterns.Listing;
import dev.databricksmcp.server.core.patterns.StateChange;
import dev.databricksmcp.server.core.wait.Waited;
import dev.databricksmcp.server.core.wait.Waiter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Pipeline updates: start (with an optional wait for the end), stop, list and get. */
final class PipelineUpdateTools {
  private static final Set<UpdateInfoState> ENDED =
      Set.of(UpdateInfoState.COMPLETED, UpdateInfoState.FAILED, UpdateInfoState.CANCELED);

  private static final Param<Boolean> FULL_REFRESH =
      Param.bool(
              "full_refresh",
              "Reset every table and recompute it from scratch (default {default}); streaming"
                  + " tables lose the rows their sources no longer hold")
          .withDefault(false);

  private static final Param<List<String>> REFRESH_SELECTION =
      Param.stringList("refresh_selection", "Refresh only these tables (dataset names)");

  private static final Param<List<String>> FULL_REFRESH_SELECTION =
      Param.stringList(
          "full_refresh_selection", "Reset and recompute only these tables (dataset names)");

  private PipelineUpdateTools() {}

  static List<ToolDef> definitions() {
    return List.of(start(), stop(), listUpdates(), getUpdate());
  }

  static ToolDef start() {
    return ToolDef.builder(JobsToolset.ID, "start_pipeline_update")
        .title("Start pipeline update")
        .description(
            WAIT_SECONDS.fill(
                "Run a pipeline: start an update that refreshes its tables (all of them, or"
                    + " refresh_selection / full_refresh_selection), and wait up to wait_seconds"
                    + " (default {default}) for it to end. Answers the update's state and, when"
                    + " it failed, the failed flows' errors. Refused while another update of the"
                    + " pipeline is active (CONFLICT)."))
        .input(
            Schema.of(
                PIPELINE_ID, FULL_REFRESH, REFRESH_SELECTION, FULL_REFRESH_SELECTION, WAIT_SECONDS))
        .hints(ToolHints.write(false))
        .checkWith("list_pipeline_updates")
        .handler(
            (args, ctx) -> {
              String pipeline = PIPELINE_ID.of(args);
              boolean full = FULL_REFRESH.of(args);
              if (full && (REFRESH_SELECTION.given(args) || FULL_REFRESH_SELECTION.given(args))) {
                throw ToolException.validation(
                    FULL_REFRESH.name(),
                    "full_refresh resets every table: give it, or a selection, not both");
              }
              StartUpdate req = new StartUpdate().setPipelineId(pipeline).setFullRefresh(full);
              REFRESH_SELECTION.optional(args).ifPresent(req::setRefreshSelection);
              FULL_REFRESH_SELECTION.optional(args).ifPresent(req::setFullRefreshSelection);
              String update = ctx.workspace().pipelines().startUpdate(req).getUpdateId();
              ctx.track(new WorkHandle("update_id", update, "get_pipeline_update"));
              return await(pipeline, update, Duration.ofSeconds(WAIT_SECONDS.of(args)), ctx);
            })
        .build();
  }

  static ToolDef stop() {
    StateChange change =
        StateChange.of(
                "stop pipeline",
                PIPELINE_ID,
                (id, ctx) ->
                    ctx.workspace().pipelines().impl().stop(new StopRequest().setPipelineId(id)))
            .tracking(id -> new WorkHandle("pipeline_id", id, "get_pipeline"))
            .awaiting(WAIT_SECONDS, PipelineUpdateTools::awaitStopped);
    return ToolDef.builder(JobsToolset.ID, "stop_pipeline")
        .title("Stop pipeline")
        .description(
            WAIT_SECONDS.fill(
                "Stop a pipeline's active update (it ends CANCELED; tables keep what the flows"
                    + " that completed wrote) and wait up to wait_seconds (default {default})"
                    + " for it to end. With no active update, nothing happens."))
        .input(change.input())
        .hints(ToolHints.write(true))
        .checkWith("get_pipeline")
        .handler(change)
        .build();
  }

  static ToolDef listUpdates() {
    Listing<UpdateInfo> listing =
        Listing.<UpdateInfo>of(
                "updates",
                (page, args, ctx) -> {
                  ListUpdatesResponse r =
                      ctx.workspace()
                          .pipelines()
                          .impl()
                          .listUpdates(
                              new ListUpdatesRequest()
                                  .setPipelineId(PIPELINE_ID.of(args))
                                  .setMaxResults((long) page.maxResults())
                                  .setPageToken(page.pageToken()));
                  return Listing.Page.of(
                      r.getUpdates() == null ? List.of() : r.getUpdates(), r.getNextPageToken());
                })
            .params(PIPELINE_ID)
            .maxResults(Params.maxResults(25, 100))
            .rows(PipelineRows::update);
    return ToolDef.builder(JobsToolset.ID, "list_pipeline_updates")
        .title("List pipeline updates")
        .description(
            "A pipeline's updates (runs), newest first: update_id, state, cause, what it"
                + " refreshed (full refresh, selections), validate-only, start time.")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  static ToolDef getUpdate() {
    return ToolDef.builder(JobsToolset.ID, "get_pipeline_update")
        .title("Get pipeline update")
        .description(
            "One update of a pipeline: the fields of list_pipeline_updates and, when it failed,"
                + " the first error events (flow, message, error).")
        .input(Schema.of(PIPELINE_ID, UPDATE_ID))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              UpdateInfo u = fetch(PIPELINE_ID.of(args), UPDATE_ID.of(args), ctx);
              return answer(u, ctx, true);
            })
        .build();
  }

  /** Waits ({@link Waiter}) for the update to end, then answers its state and errors. */
  private static ToolResult await(String pipeline, String update, Duration wait, ToolContext ctx)
      throws InterruptedException {
    Waited<UpdateInfo> waited =
        Waiter.polling(() -> fetch(pipeline, update, ctx))
            .until(u -> ENDED.contains(u.getState()))
            .describedAs(u -> "update " + update + " of pipeline " + pipeline + " " + u.getState())
            .waitFor(ctx, wait)
            .throwIfInterrupted();
    if (waited.outcome() == Waited.Outcome.POLL_FAILED) {
      ErrorMapper.MappedError why = ErrorMapper.map(waited.failure());
      return ToolResult.of(
          Map.of("pipeline_id", pipeline, "update_id", update, "state", "UNKNOWN"),
          "Started update "
              + update
              + ", but reading its state failed ("
              + why.code()
              + "). Check with get_pipeline_update before starting another.");
    }
    return answer(waited.last(), ctx, false);
  }

  private static ToolResult answer(UpdateInfo u, ToolContext ctx, boolean asked) {
    Map<String, Object> data = PipelineRows.update(u);
    String head = (asked ? "Update " : "Started update ") + u.getUpdateId();
    if (u.getState() == UpdateInfoState.FAILED) {
      List<Map<String, Object>> errors = PipelineEventTools.errors(u, ctx);
      data.put("errors", errors);
      StringBuilder why = new StringBuilder();
      for (Map<String, Object> e : errors) {
        if (e.get("flow") != null && e.get("error") != null) {
          why.append(why.length() == 0 ? ": " : "; ")
              .append("flow '")
              .append(e.get("flow"))
              .append("': ")
              .append(e.get("error"));
        }
      }
      if (why.length() == 0 && !errors.isEmpty()) {
        why.append(": ").append(errors.get(0).get("error"));
      }
      return ToolResult.of(
          data, head + " FAILED" + why + ". list_pipeline_events with errors_only for more.");
    }
    if (ENDED.contains(u.getState())) {
      return ToolResult.of(data, head + " is " + u.getState() + ".");
    }
    return ToolResult.of(
        data,
        head
            + " is "
            + u.getState()
            + " (not ended yet; call get_pipeline_update with update_id="
            + u.getUpdateId()
            + " to check again).");
  }

  private static ToolResult awaitStopped(String id, Duration wait, ToolContext ctx)
      throws InterruptedException {
    Waited<GetPipelineResponse> waited =
        Waiter.polling(() -> PipelineTools.fetch(id, ctx))
            .until(p -> latestEnded(p))
            .describedAs(p -> "pipeline " + id + " " + p.getState())
            .waitFor(ctx, wait)
            .throwIfInterrupted();
    if (waited.outcome() == Waited.Outcome.POLL_FAILED) {
      ErrorMapper.MappedError why = ErrorMapper.map(waited.failure());
      return ToolResult.of(
          Map.of("pipeline_id", id, "state", "UNKNOWN"),
          "Asked pipeline "
              + id
              + " to stop, but reading its state failed ("
              + why.code()
              + "). Check with get_pipeline.");
    }
    GetPipelineResponse p = waited.last();
    Map<String, Object> data = PipelineRows.detail(p);
    return ToolResult.of(
        data,
        latestEnded(p)
            ? "Pipeline '" + p.getName() + "' is stopped (" + p.getState() + ")."
            : "Pipeline '"
                + p.getName()
                + "' is stopping (now "
                + p.getState()
                + "; call get_pipeline with pipeline_id="
                + id
                + " to check again).");
  }

  private static boolean latestEnded(GetPipelineResponse p) {
    if (p.getLatestUpdates() == null || p.getLatestUpdates().isEmpty()) {
      return true;
    }
    UpdateStateInfo latest = p.getLatestUpdates().iterator().next();
    return latest.getState() != null
        && ENDED.contains(UpdateInfoState.valueOf(latest.getState().name()));
  }

  private static UpdateInfo fetch(String pipeline, String update, ToolContext ctx) {
    return ctx.workspace()
        .pipelines()
        .getUpdate(new GetUpdateRequest().setPipelineId(pipeline).setUpdateId(update))
        .getUpdate();
  }
}
