package dev.databricksmcp.sandbox.compute;

import com.databricks.sdk.service.compute.ClusterDetails;
import com.databricks.sdk.service.compute.ClusterEvent;
import com.databricks.sdk.service.compute.GetEvents;
import com.databricks.sdk.service.compute.GetEventsOrder;
import com.databricks.sdk.service.compute.GetEventsResponse;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.PageTokens;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;

/**
 * One page of {@code POST /api/2.1/clusters/events} (list-events.md): the cluster's events between
 * {@code start_time} and {@code end_time} (inclusive), of the {@code event_types} asked for, newest
 * first unless {@code order} is ASC. Two ways to page, both documented:
 *
 * <ul>
 *   <li>{@code limit} (default 50, at most 500) and {@code offset}, answered with {@code
 *       total_count} and {@code next_page}, the request for the next page (what the SDKs follow);
 *       an offset in DESC order needs an {@code end_time}, so the first page's {@code next_page}
 *       carries the end it used;
 *   <li>{@code page_size} and {@code page_token}, answered with {@code next_page_token} and {@code
 *       prev_page_token} (the token paging that replaces the other, events-api-updates).
 * </ul>
 */
final class ClusterEventsPage {
  static final long DEFAULT_LIMIT = 50;
  static final long MAX_LIMIT = 500;

  private ClusterEventsPage() {}

  static GetEventsResponse answer(
      ApiRequest r, Clusters clusters, BiFunction<ApiRequest, String, ClusterDetails> visible) {
    GetEvents req = r.bodyAs(GetEvents.class);
    if (req.getClusterId() == null || req.getClusterId().isBlank()) {
      throw ApiException.invalid("Missing required field: cluster_id");
    }
    visible.apply(r, req.getClusterId());
    boolean tokens = req.getPageSize() != null || req.getPageToken() != null;
    long size = tokens ? pageSize(req.getPageSize()) : limit(req.getLimit());
    GetEventsOrder order = req.getOrder() == null ? GetEventsOrder.DESC : req.getOrder();
    long offset;
    if (tokens) {
      offset = req.getPageToken() == null ? 0 : PageTokens.offset(req.getPageToken());
    } else {
      offset = req.getOffset() == null ? 0 : req.getOffset();
      if (offset < 0) {
        throw ApiException.invalid("offset must be 0 or more.");
      }
      if (offset > 0 && order == GetEventsOrder.DESC && req.getEndTime() == null) {
        throw ApiException.invalid(
            "end_time is required when an offset is given and events are listed in DESC order.");
      }
    }
    long end = req.getEndTime() == null ? clusters.clock().millis() : req.getEndTime();
    List<ClusterEvent> matching = new ArrayList<>();
    for (ClusterEvent e : clusters.events(req.getClusterId())) {
      if ((req.getStartTime() == null || e.getTimestamp() >= req.getStartTime())
          && e.getTimestamp() <= end
          && (req.getEventTypes() == null
              || req.getEventTypes().isEmpty()
              || req.getEventTypes().contains(e.getType()))) {
        matching.add(e);
      }
    }
    if (order == GetEventsOrder.DESC) {
      Collections.reverse(matching);
    }
    int from = (int) Math.min(offset, matching.size());
    int to = (int) Math.min(matching.size(), from + size);
    GetEventsResponse page = new GetEventsResponse().setEvents(matching.subList(from, to));
    if (tokens) {
      return page.setNextPageToken(to < matching.size() ? PageTokens.of(to) : null)
          .setPrevPageToken(from > 0 ? PageTokens.of((int) Math.max(0, from - size)) : null);
    }
    page.setTotalCount((long) matching.size());
    if (to < matching.size()) {
      page.setNextPage(
          new GetEvents()
              .setClusterId(req.getClusterId())
              .setStartTime(req.getStartTime())
              .setEndTime(end)
              .setEventTypes(req.getEventTypes())
              .setOrder(order)
              .setLimit(size)
              .setOffset((long) to));
    }
    return page;
  }

  private static long limit(Long limit) {
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    if (limit <= 0 || limit > MAX_LIMIT) {
      throw ApiException.invalid("limit must be between 1 and " + MAX_LIMIT + ".");
    }
    return limit;
  }

  private static long pageSize(Long pageSize) {
    if (pageSize == null || pageSize <= 0) {
      return DEFAULT_LIMIT;
    }
    return Math.min(pageSize, MAX_LIMIT);
  }
}
