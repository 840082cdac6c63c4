package dev.databricksmcp.server.tools.jobs;

import static dev.databricksmcp.server.tools.jobs.PipelineParams.PIPELINE_ID;

import com.databricks.sdk.service.pipelines.GetUpdateRequest;
import com.databricks.sdk.service.pipelines.ListPipelineEventsRequest;
import com.databricks.sdk.service.pipelines.ListPipelineEventsResponse;
import com.databricks.sdk.service.pipelines.PipelineEvent;
import com.databricks.sdk.service.pipelines.UpdateInfo;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Params;
import dev.databricksmcp.server.core.Times;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.patterns.Listing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A pipeline's event log, newest first. Only the filters the Pipelines API documents go on the wire
 * (level, timestamp); an update's events are those from its start on whose origin names it.
 */
final class PipelineEventTools {
  private static final Param<Boolean> ERRORS_ONLY =
      Param.bool("errors_only", "Only ERROR events (default {default})").withDefault(false);

  private static final Param<String> UPDATE_ID =
      PipelineParams.UPDATE_ID.optional().describedAs("Only the events of this update");

  /** How many error events a failed update's answer carries. */
  static final int ERRORS_SHOWN = 5;

  private PipelineEventTools() {}

  static ToolDef list() {
    Listing<PipelineEvent> listing =
        Listing.<PipelineEvent>of(
                "events",
                (page, args, ctx) -> {
                  String pipeline = PIPELINE_ID.of(args);
                  String update = UPDATE_ID.optional(args).orElse(null);
                  ListPipelineEventsRequest req =
                      new ListPipelineEventsRequest()
                          .setPipelineId(pipeline)
                          .setMaxResults((long) page.maxResults());
                  if (page.pageToken() != null && !page.pageToken().isEmpty()) {
                    req.setPageToken(page.pageToken()); // the token carries the filter
                  } else {
                    req.setFilter(filter(ERRORS_ONLY.of(args), since(pipeline, update, ctx)));
                  }
                  ListPipelineEventsResponse r =
                      ctx.workspace().pipelines().impl().listPipelineEvents(req);
                  return Listing.Page.of(ofUpdate(r.getEvents(), update), r.getNextPageToken());
                })
            .params(PIPELINE_ID, ERRORS_ONLY, UPDATE_ID)
            .maxResults(Params.maxResults(25, 100))
            .rows(PipelineRows::event);
    return ToolDef.builder(JobsToolset.ID, "list_pipeline_events")
        .title("List pipeline events")
        .description(
            "A pipeline's event log, newest first: time, level, type (update_progress,"
                + " flow_progress, …), the flow or dataset, message and error. errors_only for"
                + " what went wrong; update_id for one update's events.")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  /** The first error events of an update, oldest first, as rows. */
  static List<Map<String, Object>> errors(UpdateInfo u, ToolContext ctx) {
    ListPipelineEventsResponse r =
        ctx.workspace()
            .pipelines()
            .impl()
            .listPipelineEvents(
                new ListPipelineEventsRequest()
                    .setPipelineId(u.getPipelineId())
                    .setMaxResults(100L)
                    .setOrderBy(List.of("timestamp asc"))
                    .setFilter(filter(true, Times.iso(u.getCreationTime()))));
    List<Map<String, Object>> out = new ArrayList<>();
    for (PipelineEvent e : ofUpdate(r.getEvents(), u.getUpdateId())) {
      if (out.size() < ERRORS_SHOWN) {
        out.add(PipelineRows.event(e));
      }
    }
    return out;
  }

  private static String since(String pipeline, String update, ToolContext ctx) {
    if (update == null) {
      return null;
    }
    UpdateInfo u =
        ctx.workspace()
            .pipelines()
            .getUpdate(new GetUpdateRequest().setPipelineId(pipeline).setUpdateId(update))
            .getUpdate();
    return Times.iso(u.getCreationTime());
  }

  private static String filter(boolean errorsOnly, String since) {
    List<String> parts = new ArrayList<>();
    if (errorsOnly) {
      parts.add("level='ERROR'");
    }
    if (since != null) {
      parts.add("timestamp >= '" + since + "'");
    }
    return parts.isEmpty() ? null : String.join(" AND ", parts);
  }

  private static List<PipelineEvent> ofUpdate(
      java.util.Collection<PipelineEvent> events, String update) {
    List<PipelineEvent> out = new ArrayList<>();
    if (events != null) {
      for (PipelineEvent e : events) {
        if (update == null || e.getOrigin() != null && update.equals(e.getOrigin().getUpdateId())) {
          out.add(e);
        }
      }
    }
    return out;
  }
}
