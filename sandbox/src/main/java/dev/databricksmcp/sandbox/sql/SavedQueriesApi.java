package dev.databricksmcp.sandbox.sql;

import com.databricks.sdk.service.sql.CreateQueryRequest;
import com.databricks.sdk.service.sql.CreateQueryRequestQuery;
import com.databricks.sdk.service.sql.LifecycleState;
import com.databricks.sdk.service.sql.ListQueryObjectsResponse;
import com.databricks.sdk.service.sql.ListQueryObjectsResponseQuery;
import com.databricks.sdk.service.sql.Query;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.ApiResponse;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.http.Paging;
import dev.databricksmcp.sandbox.http.Router;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Saved queries ({@code /api/2.0/sql/queries}): list (page_size / page_token), get, create, and
 * delete, which moves a query to the trash as Databricks does. A few sample queries exist from the
 * start.
 */
public final class SavedQueriesApi implements ApiModule {
  private static final String BASE = "/api/2.0/sql/queries";

  private final Map<String, Query> queries = new ConcurrentSkipListMap<>();

  public SavedQueriesApi() {
    seed(
        "Trips per pickup zip",
        "Busiest pickup zip codes",
        "SELECT pickup_zip, count(*) AS trips FROM samples.nyctaxi.trips GROUP BY 1 ORDER BY 2 DESC"
            + " LIMIT 10");
    seed(
        "Revenue by order status",
        "TPC-H order totals by status",
        "SELECT o_orderstatus, sum(o_totalprice) AS revenue FROM samples.tpch.orders GROUP BY 1");
  }

  private void seed(String name, String description, String sql) {
    String id =
        UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    String now = Instant.parse("2026-01-01T00:00:00Z").toString();
    queries.put(
        id,
        new Query()
            .setId(id)
            .setDisplayName(name)
            .setDescription(description)
            .setQueryText(sql)
            .setWarehouseId(Warehouses.STARTER_ID)
            .setOwnerUserName(Identities.ADMIN.userName())
            .setLastModifierUserName(Identities.ADMIN.userName())
            .setCreateTime(now)
            .setUpdateTime(now)
            .setLifecycleState(LifecycleState.ACTIVE));
  }

  @Override
  public void register(Router router) {
    router.get(BASE, this::list);
    router.post(BASE, this::create);
    router.get(BASE + "/{id}", r -> find(r.pathVar("id")));
    router.delete(
        BASE + "/{id}",
        r -> {
          Query q = find(r.pathVar("id"));
          if (!r.principal().admin() && !r.principal().userName().equals(q.getOwnerUserName())) {
            throw ApiException.denied("Only the owner can delete query " + q.getId() + ".");
          }
          q.setLifecycleState(LifecycleState.TRASHED);
          return ApiResponse.empty();
        });
  }

  private ListQueryObjectsResponse list(ApiRequest r) {
    List<ListQueryObjectsResponseQuery> active =
        queries.values().stream()
            .filter(q -> q.getLifecycleState() == LifecycleState.ACTIVE)
            // "ordered by creation time" (the direction is not documented: oldest first)
            .sorted(java.util.Comparator.comparing(q -> Instant.parse(q.getCreateTime())))
            .map(q -> Json.MAPPER.convertValue(q, ListQueryObjectsResponseQuery.class))
            .toList();
    ApiRequest paged = r;
    if (r.queryParam("page_size").isPresent()) {
      Map<String, List<String>> query = new java.util.HashMap<>(r.query());
      query.put("max_results", r.query().get("page_size"));
      paged =
          new ApiRequest(
              r.method(), r.path(), r.pathVariables(), query, r.body(), r.principal(), r.headers());
    }
    Paging.Page<ListQueryObjectsResponseQuery> page = Paging.page(paged, active, 100);
    return new ListQueryObjectsResponse()
        .setResults(page.items())
        .setNextPageToken(page.nextPageToken());
  }

  private Query create(ApiRequest r) {
    CreateQueryRequestQuery req = r.bodyAs(CreateQueryRequest.class).getQuery();
    if (req == null || req.getQueryText() == null || req.getDisplayName() == null) {
      throw ApiException.invalid("Missing required field: query.display_name and query.query_text");
    }
    String now = Instant.now().toString();
    Query q =
        Json.MAPPER
            .convertValue(req, Query.class)
            .setId(UUID.randomUUID().toString())
            .setOwnerUserName(r.principal().userName())
            .setLastModifierUserName(r.principal().userName())
            .setCreateTime(now)
            .setUpdateTime(now)
            .setLifecycleState(LifecycleState.ACTIVE);
    queries.put(q.getId(), q);
    return q;
  }

  /** The text of an active (not trashed) query. */
  Optional<String> activeQueryText(String id) {
    Query q = queries.get(id);
    return q == null || q.getLifecycleState() != LifecycleState.ACTIVE
        ? Optional.empty()
        : Optional.ofNullable(q.getQueryText());
  }

  private Query find(String id) {
    Query q = queries.get(id);
    if (q == null) {
      throw new ApiException(ErrorCode.RESOURCE_DOES_NOT_EXIST, "Query " + id + " does not exist.");
    }
    return q;
  }
}
