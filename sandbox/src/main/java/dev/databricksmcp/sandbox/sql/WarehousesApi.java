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
import dev.databricksmcp.sandbox.http.Router;
import java.util.Map;

/** The SQL Warehouses API: list, get, create, edit, delete, start, stop. */
public final class WarehousesApi implements ApiModule {
  private static final String BASE = "/api/2.0/sql/warehouses";

  private final Warehouses warehouses;

  public WarehousesApi(Warehouses warehouses) {
    this.warehouses = warehouses;
  }

  @Override
  public void register(Router router) {
    router.get(BASE, r -> new ListWarehousesResponse().setWarehouses(warehouses.list()));
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
    return new CreateWarehouseResponse().setId(warehouses.create(spec));
  }

  private Map<String, Object> edit(ApiRequest r) {
    requireAdmin(r);
    EditWarehouseRequest req = r.bodyAs(EditWarehouseRequest.class);
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

  private static void requireAdmin(ApiRequest r) {
    if (!r.principal().admin()) {
      throw ApiException.denied(
          "Only workspace admins can create, edit or delete SQL warehouses in the sandbox.");
    }
  }
}
