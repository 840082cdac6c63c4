package dev.databricksmcp.server.tools.compute;

import static dev.databricksmcp.server.tools.compute.ComputeParams.CLUSTER_ID;

import com.databricks.sdk.service.compute.ClusterEvent;
import com.databricks.sdk.service.compute.EventDetails;
import com.databricks.sdk.service.compute.EventType;
import com.databricks.sdk.service.compute.GetEvents;
import com.databricks.sdk.service.compute.GetEventsOrder;
import com.databricks.sdk.service.compute.GetEventsResponse;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Params;
import dev.databricksmcp.server.core.Times;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.patterns.Listing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A cluster's event log: what happened to it and why, newest first, in words. */
final class ClusterEventTools {
  private static final Param<List<String>> EVENT_TYPES =
      Param.stringList(
          "event_types",
          "Only these event types, e.g. TERMINATING, STARTING, RUNNING, RESIZING, EDITED,"
              + " DRIVER_NOT_RESPONDING");

  private static final Param<Integer> PAGE_SIZE = Params.maxResults(25, 500);

  private ClusterEventTools() {}

  static List<ToolDef> definitions() {
    return List.of(events());
  }

  static ToolDef events() {
    Listing<ClusterEvent> listing =
        Listing.<ClusterEvent>of(
                "events",
                (page, args, ctx) -> {
                  List<EventType> types = types(args);
                  String id =
                      ClusterCalls.resolve(ctx.workspace(), CLUSTER_ID.name(), CLUSTER_ID.of(args));
                  GetEvents req =
                      new GetEvents()
                          .setClusterId(id)
                          .setOrder(GetEventsOrder.DESC)
                          .setPageSize((long) page.maxResults())
                          .setPageToken(page.pageToken());
                  if (!types.isEmpty()) {
                    req.setEventTypes(types);
                  }
                  GetEventsResponse r =
                      ClusterCalls.call(id, () -> ctx.workspace().clusters().impl().events(req));
                  return Listing.Page.of(r.getEvents(), r.getNextPageToken());
                })
            .params(CLUSTER_ID, EVENT_TYPES)
            .maxResults(PAGE_SIZE)
            .rows(ClusterEventTools::row);
    return ToolDef.builder(ComputeToolset.ID, "list_cluster_events")
        .title("List cluster events")
        .description(
            "A cluster's events, newest first: when (occurred_at), type and what happened in words"
                + " (who started or edited it, why it terminated, its size). Filter by"
                + " event_types; page with page_token. Answers \"why did my cluster terminate\".")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  private static List<EventType> types(dev.databricksmcp.server.core.Args args) {
    List<EventType> out = new ArrayList<>();
    for (String t : EVENT_TYPES.optional(args).orElse(List.of())) {
      try {
        out.add(EventType.valueOf(t.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw ToolException.validation(
            EVENT_TYPES.name(),
            "unknown event type '"
                + t
                + "'; one of "
                + Arrays.stream(EventType.values())
                    .map(Enum::name)
                    .collect(Collectors.joining(", ")));
      }
    }
    return out;
  }

  static Map<String, Object> row(ClusterEvent e) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("occurred_at", Times.iso(e.getTimestamp()));
    out.put("type", ClusterRows.name(e.getType()));
    EventDetails d = e.getDetails();
    if (d != null && d.getUser() != null) {
      out.put("user", d.getUser());
    }
    out.put("details", words(e.getType(), d, e.getTimestamp()));
    return out;
  }

  /** What an event says, in a sentence. */
  static String words(EventType type, EventDetails d, Long at) {
    String by = d == null || d.getUser() == null ? "" : " by " + d.getUser();
    if (type == null) {
      return "unknown event";
    }
    return switch (type) {
      case CREATING -> "cluster created" + by;
      case STARTING -> "cluster starting" + by;
      case RESTARTING -> "cluster restarting" + by;
      case EDITED -> "configuration edited" + by;
      case PINNED -> "pinned" + by;
      case UNPINNED -> "unpinned" + by;
      case RUNNING ->
          "cluster running"
              + (d != null && d.getCurrentNumWorkers() != null
                  ? " with " + workers(d.getCurrentNumWorkers())
                  : "");
      case RESIZING ->
          "resizing"
              + (d != null && d.getTargetNumWorkers() != null
                  ? " to " + workers(d.getTargetNumWorkers())
                  : "")
              + by;
      case UPSIZE_COMPLETED ->
          "resize completed"
              + (d != null && d.getCurrentNumWorkers() != null
                  ? ": " + workers(d.getCurrentNumWorkers())
                  : "");
      case TERMINATING ->
          d != null && d.getReason() != null
              ? ClusterRows.terminationWords(d.getReason(), null)
              : "cluster terminating" + by;
      default -> {
        String words = type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        if (d != null && d.getReason() != null) {
          words += ": " + ClusterRows.terminationWords(d.getReason(), null);
        } else if (d != null && d.getCause() != null) {
          words += " (" + d.getCause() + ")";
        }
        yield words + by;
      }
    };
  }

  private static String workers(long n) {
    return n + (n == 1 ? " worker" : " workers");
  }
}
