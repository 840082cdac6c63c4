package dev.databricksmcp.sandbox.sql;

import com.databricks.sdk.service.sql.CreateWarehouseRequest;
import com.databricks.sdk.service.sql.CreateWarehouseResponse;
import com.databricks.sdk.service.sql.EditWarehouseRequest;
import com.databricks.sdk.service.sql.EndpointInfo;
import com.databricks.sdk.service.sql.EndpointInfoWarehouseType;
import com.databricks.sdk.service.sql.GetWarehouseResponse;
import com.databricks.sdk.service.sql.ListWarehousesResponse;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.http.Paging;
import dev.databricksmcp.sandbox.http.Router;
import java.util.List;
import java.util.Map;

/** The SQL Warehouses API: list, get, create, edit, delete, start, stop. */
public final class WarehousesApi implements ApiModule {
  private static final String BASE = "/api/2.0/sql/warehouses";

  private static final List<String> CLUSTER_SIZES =
      List.of(
          "2X-Small",
          "X-Small",
          "Small",
          "Medium",
          "Large",
          "X-Large",
          "2X-Large",
          "3X-Large",
          "4X-Large",
          "5X-Large");

  private final Warehouses warehouses;

  public WarehousesApi(Warehouses warehouses) {
    this.warehouses = warehouses;
  }

  @Override
  public void register(Router router) {
    router.get(BASE, this::list);
    router.post(BASE, this::create);
    router.get(
        BASE + "/{id}",
        r -> Json.MAPPER.convertValue(warehouses.get(r.pathVar("id")), GetWarehouseResponse.class));
    router.post(BASE + "/{id}/edit", this::edit);
    router.delete(
        BASE + "/{id}",
        r -> {
          requireAdmin(r);
          warehouses.delete(r.pathVar("id"));
          return Map.of();
        });
    router.post(
        BASE + "/{id}/start",
        r -> {
          warehouses.start(r.pathVar("id"));
          return Map.of();
        });
    router.post(
        BASE + "/{id}/stop",
        r -> {
          warehouses.stop(r.pathVar("id"));
          return Map.of();
        });
  }

  private CreateWarehouseResponse create(ApiRequest r) {
    requireAdmin(r);
    CreateWarehouseRequest req = r.bodyAs(CreateWarehouseRequest.class);
    // documented defaults: min_num_clusters 1, max_num_clusters that minimum when unset
    long min = req.getMinNumClusters() == null ? 1L : req.getMinNumClusters();
    EndpointInfo spec =
        new EndpointInfo()
            .setName(req.getName())
            .setClusterSize(req.getClusterSize())
            .setAutoStopMins(req.getAutoStopMins())
            .setMinNumClusters(min)
            .setMaxNumClusters(req.getMaxNumClusters() == null ? min : req.getMaxNumClusters())
            .setEnableServerlessCompute(Boolean.TRUE.equals(req.getEnableServerlessCompute()))
            .setWarehouseType(
                req.getWarehouseType() == null
                    ? EndpointInfoWarehouseType.PRO
                    : EndpointInfoWarehouseType.valueOf(req.getWarehouseType().name()))
            .setCreatorName(r.principal().userName());
    requireSupported(spec.getName(), spec.getClusterSize(), min, spec.getMaxNumClusters());
    return new CreateWarehouseResponse().setId(warehouses.create(spec));
  }

  private Map<String, Object> edit(ApiRequest r) {
    requireAdmin(r);
    EditWarehouseRequest req = r.bodyAs(EditWarehouseRequest.class);
    EndpointInfo current = warehouses.get(r.pathVar("id"));
    requireSupported(
        req.getName() != null ? req.getName() : current.getName(),
        req.getClusterSize() != null ? req.getClusterSize() : current.getClusterSize(),
        req.getMinNumClusters() != null ? req.getMinNumClusters() : current.getMinNumClusters(),
        req.getMaxNumClusters() != null ? req.getMaxNumClusters() : current.getMaxNumClusters());
    warehouses.edit(
        r.pathVar("id"),
        new EndpointInfo()
            .setName(req.getName())
            .setClusterSize(req.getClusterSize())
            .setAutoStopMins(req.getAutoStopMins())
            .setMinNumClusters(req.getMinNumClusters())
            .setMaxNumClusters(req.getMaxNumClusters())
            .setEnableServerlessCompute(req.getEnableServerlessCompute()));
    return Map.of();
  }

  /**
   * List: every warehouse, or pages of {@code page_size} with {@code page_token} and {@code
   * next_page_token} as list-warehouses.md documents them (absent page_size = all of them).
   */
  private ListWarehousesResponse list(ApiRequest r) {
    ApiRequest paged = r;
    if (r.queryParam("page_size").isPresent()) {
      Map<String, List<String>> query = new java.util.HashMap<>(r.query());
      query.put("max_results", r.query().get("page_size"));
      paged =
          new ApiRequest(
              r.method(), r.path(), r.pathVariables(), query, r.body(), r.principal(), r.headers());
    }
    Paging.Page<EndpointInfo> page = Paging.page(paged, warehouses.list(), 1000);
    return new ListWarehousesResponse()
        .setWarehouses(page.items())
        .setNextPageToken(page.nextPageToken());
  }

  /**
   * The supported values create-warehouse.md lists: a name under 100 characters, one of its cluster
   * sizes, 0 < min_num_clusters <= min(max_num_clusters, 30), max_num_clusters <= 40.
   */
  private static void requireSupported(String name, String clusterSize, Long min, Long max) {
    if (name != null && name.length() >= 100) {
      throw ApiException.invalid("name must be less than 100 characters.");
    }
    if (clusterSize != null && !CLUSTER_SIZES.contains(clusterSize)) {
      throw ApiException.invalid(
          "cluster_size '" + clusterSize + "' is not supported; use one of " + CLUSTER_SIZES + ".");
    }
    if (min != null && (min <= 0 || min > 30 || max != null && min > max)) {
      throw ApiException.invalid(
          "min_num_clusters must be greater than 0 and at most min(max_num_clusters, 30).");
    }
    if (max != null && max > 40) {
      throw ApiException.invalid("max_num_clusters must be at most 40.");
    }
  }

  private static void requireAdmin(ApiRequest r) {
    if (!r.principal().admin()) {
      throw ApiException.denied(
          "Only workspace admins can create, edit or delete SQL warehouses in the sandbox.");
    }
  }
}
