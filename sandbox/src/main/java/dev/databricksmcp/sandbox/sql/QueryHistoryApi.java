package dev.databricksmcp.sandbox.sql;

import com.databricks.sdk.service.sql.ListQueriesResponse;
import com.databricks.sdk.service.sql.QueryInfo;
import com.databricks.sdk.service.sql.QueryMetrics;
import com.databricks.sdk.service.sql.QueryStatus;
import dev.databricksmcp.sandbox.events.ExecutedStatement;
import dev.databricksmcp.sandbox.events.StatementLog;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.Paging;
import dev.databricksmcp.sandbox.http.Router;
import java.util.ArrayList;
import java.util.List;

/**
 * Query history ({@code GET /api/2.0/sql/history/queries}), newest first, filtered by status, user
 * id, warehouse, statement id and start time range as the SDK sends them ({@code filter_by.…}).
 */
public final class QueryHistoryApi implements ApiModule {
  private final StatementLog log;

  public QueryHistoryApi(StatementLog log) {
    this.log = log;
  }

  @Override
  public void register(Router router) {
    router.get("/api/2.0/sql/history/queries", this::list);
  }

  private ListQueriesResponse list(ApiRequest r) {
    List<String> statuses = values(r, "filter_by.statuses");
    List<String> users = values(r, "filter_by.user_ids");
    List<String> warehouses = values(r, "filter_by.warehouse_ids");
    List<String> ids = values(r, "filter_by.statement_ids");
    long from =
        r.queryParam("filter_by.query_start_time_range.start_time_ms")
            .map(Long::parseLong)
            .orElse(Long.MIN_VALUE);
    long to =
        r.queryParam("filter_by.query_start_time_range.end_time_ms")
            .map(Long::parseLong)
            .orElse(Long.MAX_VALUE);
    boolean metrics = r.boolParam("include_metrics");
    List<QueryInfo> out = new ArrayList<>();
    List<ExecutedStatement> all = log.snapshot();
    for (int i = all.size() - 1; i >= 0; i--) {
      ExecutedStatement s = all.get(i);
      if ((statuses.isEmpty() || statuses.contains(s.status()))
          && (users.isEmpty() || users.contains(s.principal().id()))
          && (warehouses.isEmpty() || warehouses.contains(s.warehouseId()))
          && (ids.isEmpty() || ids.contains(s.statementId()))
          && s.startTimeMillis() >= from
          && s.startTimeMillis() <= to) {
        out.add(info(s, metrics));
      }
    }
    if (r.intParam("max_results").orElse(100) > 1000) {
      throw ApiException.invalid("max_results must be at most 1000");
    }
    Paging.Page<QueryInfo> page = Paging.page(r, out, 1000);
    if (r.intParam("max_results").isEmpty()) {
      page = Paging.page(withDefaultMax(r), out, 1000);
    }
    return new ListQueriesResponse()
        .setRes(page.items())
        .setNextPageToken(page.nextPageToken())
        .setHasNextPage(page.nextPageToken() != null);
  }

  /** The API's default page is 100 queries. */
  private static ApiRequest withDefaultMax(ApiRequest r) {
    java.util.Map<String, List<String>> query = new java.util.HashMap<>(r.query());
    query.put("max_results", List.of("100"));
    return new ApiRequest(
        r.method(), r.path(), r.pathVariables(), query, r.body(), r.principal(), r.headers());
  }

  private static List<String> values(ApiRequest r, String name) {
    List<String> out = new ArrayList<>();
    for (String v : r.query().getOrDefault(name, List.of())) {
      for (String part : v.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    }
    return out;
  }

  private static QueryInfo info(ExecutedStatement s, boolean metrics) {
    QueryInfo q =
        new QueryInfo()
            .setQueryId(s.statementId())
            .setStatus(QueryStatus.valueOf(s.status()))
            .setQueryText(s.statementText())
            .setUserId(Long.parseLong(s.principal().id()))
            .setUserName(s.principal().userName())
            .setExecutedAsUserId(Long.parseLong(s.principal().id()))
            .setExecutedAsUserName(s.principal().userName())
            .setWarehouseId(s.warehouseId())
            .setEndpointId(s.warehouseId())
            .setQueryStartTimeMs(s.startTimeMillis())
            .setQueryEndTimeMs(s.endTimeMillis())
            .setExecutionEndTimeMs(s.endTimeMillis())
            .setDuration(s.endTimeMillis() - s.startTimeMillis())
            .setRowsProduced(s.rowsProduced())
            .setErrorMessage(s.errorMessage())
            .setIsFinal(true);
    if (metrics) {
      q.setMetrics(
          new QueryMetrics()
              .setRowsProducedCount(s.rowsProduced())
              .setTotalTimeMs(s.endTimeMillis() - s.startTimeMillis()));
    }
    return q;
  }
}
