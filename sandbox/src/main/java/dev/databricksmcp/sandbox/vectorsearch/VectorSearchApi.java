package dev.databricksmcp.sandbox.vectorsearch;

import com.databricks.sdk.service.catalog.Privilege;
import com.databricks.sdk.service.vectorsearch.CreateEndpoint;
import com.databricks.sdk.service.vectorsearch.EndpointInfo;
import com.databricks.sdk.service.vectorsearch.ListEndpointResponse;
import com.databricks.sdk.service.vectorsearch.ListVectorIndexesResponse;
import dev.databricksmcp.sandbox.auth.Principal;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.PageTokens;
import dev.databricksmcp.sandbox.http.Router;
import dev.databricksmcp.sandbox.uc.Grants;
import java.util.List;
import java.util.Map;

/**
 * The Vector Search API 2.0 (https://docs.databricks.com/api/workspace/vectorsearchendpoints and
 * https://docs.databricks.com/api/workspace/vectorsearchindexes): endpoints, and indexes with real
 * similarity ({@link VectorIndexes}). Creating, syncing and writing an index is {@link
 * IndexRequests}' part; querying is {@link IndexQueries}'.
 */
public final class VectorSearchApi implements ApiModule {
  static final String ENDPOINTS = "/api/2.0/vector-search/endpoints";
  static final String INDEXES = "/api/2.0/vector-search/indexes";
  private static final int PAGE = 100;

  private final VectorEndpoints endpoints;
  private final VectorIndexes indexes;
  private final IndexRequests requests;
  private final IndexQueries queries;

  VectorSearchApi(
      VectorEndpoints endpoints, VectorIndexes indexes, SourceTables sources, Grants grants) {
    this.endpoints = endpoints;
    this.indexes = indexes;
    this.requests = new IndexRequests(endpoints, indexes, sources, grants);
    this.queries = new IndexQueries(indexes, grants);
  }

  @Override
  public void register(Router router) {
    router.post(
        ENDPOINTS,
        r -> {
          CreateEndpoint body = r.bodyAs(CreateEndpoint.class);
          return withCount(
              endpoints.create(body.getName(), body.getEndpointType(), r.principal().userName()));
        });
    router.get(ENDPOINTS, this::listEndpoints);
    router.get(ENDPOINTS + "/{endpoint_name}", r -> withCount(endpoints.get(endpoint(r))));
    router.delete(
        ENDPOINTS + "/{endpoint_name}",
        r -> {
          String name = endpoint(r);
          EndpointInfo info = endpoints.get(name);
          requireCreatorOrAdmin(r.principal(), info.getCreator(), "endpoint " + name);
          // the endpoint's indexes go with it
          indexes.deleteOn(name);
          endpoints.delete(name);
          return Map.of();
        });
    router.post(INDEXES, requests::create);
    router.get(INDEXES, this::listIndexes);
    router.get(INDEXES + "/{index_name}", r -> indexes.get(requests.readable(r)));
    router.delete(
        INDEXES + "/{index_name}",
        r -> {
          indexes.delete(requests.writable(r));
          return Map.of();
        });
    router.post(INDEXES + "/{index_name}/query", queries::query);
    router.post(INDEXES + "/{index_name}/sync", requests::sync);
    router.post(INDEXES + "/{index_name}/upsert-data", requests::upsert);
    router.delete(INDEXES + "/{index_name}/delete-data", requests::deleteData);
  }

  private Object listEndpoints(ApiRequest r) {
    List<EndpointInfo> all = endpoints.list();
    int from = PageTokens.offset(r.queryParam("page_token").orElse(""));
    int to = Math.min(all.size(), from + PAGE);
    return new ListEndpointResponse()
        .setEndpoints(all.subList(Math.min(from, to), to).stream().map(this::withCount).toList())
        .setNextPageToken(to < all.size() ? PageTokens.of(to) : null);
  }

  private Object listIndexes(ApiRequest r) {
    String endpoint =
        r.queryParam("endpoint_name")
            .filter(s -> !s.isBlank())
            .orElseThrow(() -> ApiException.invalid("Missing required field: endpoint_name"));
    endpoints.get(endpoint);
    var all = indexes.list(endpoint);
    int from = PageTokens.offset(r.queryParam("page_token").orElse(""));
    int to = Math.min(all.size(), from + PAGE);
    return new ListVectorIndexesResponse()
        .setVectorIndexes(all.subList(Math.min(from, to), to))
        .setNextPageToken(to < all.size() ? PageTokens.of(to) : null);
  }

  private EndpointInfo withCount(EndpointInfo info) {
    return info.setNumIndexes(indexes.countOn(info.getName()));
  }

  private static String endpoint(ApiRequest r) {
    return r.pathVar("endpoint_name");
  }

  static void requireCreatorOrAdmin(Principal p, String creator, String what) {
    if (!p.admin() && !p.userName().equals(creator)) {
      throw ApiException.denied(
          "User " + p.userName() + " does not have permission to manage " + what + ".");
    }
  }

  static boolean may(Grants grants, Principal p, String owner, String index, Privilege privilege) {
    return p.userName().equals(owner) || grants.has(p, index, privilege);
  }
}
