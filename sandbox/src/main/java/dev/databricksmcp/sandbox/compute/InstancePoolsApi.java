package dev.databricksmcp.sandbox.compute;

import com.databricks.sdk.service.compute.CreateInstancePool;
import com.databricks.sdk.service.compute.CreateInstancePoolResponse;
import com.databricks.sdk.service.compute.DeleteInstancePool;
import com.databricks.sdk.service.compute.EditInstancePool;
import com.databricks.sdk.service.compute.InstancePoolAndStats;
import com.databricks.sdk.service.compute.ListInstancePools;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.http.Router;
import java.util.Map;

/**
 * The Instance Pools API 2.0 (https://docs.databricks.com/api/instance-pools/v2/instancepool.md):
 * create, edit, delete, get, list. Every user reads the pools; creating, editing and deleting them
 * is for workspace admins (the sandbox's users hold no allow-instance-pool-create entitlement).
 */
public final class InstancePoolsApi implements ApiModule {
  private static final String BASE = "/api/2.0/instance-pools";

  private final InstancePools pools;

  public InstancePoolsApi(InstancePools pools) {
    this.pools = pools;
  }

  @Override
  public void register(Router router) {
    router.get(BASE + "/get", r -> pools.get(r.queryParam("instance_pool_id").orElse(null)));
    router.get(BASE + "/list", r -> new ListInstancePools().setInstancePools(pools.list()));
    router.post(
        BASE + "/create",
        r -> {
          adminOnly(r);
          InstancePoolAndStats spec =
              Json.MAPPER.convertValue(
                  r.bodyAs(CreateInstancePool.class), InstancePoolAndStats.class);
          return new CreateInstancePoolResponse()
              .setInstancePoolId(pools.create(spec, r.principal().userName()));
        });
    router.post(
        BASE + "/edit",
        r -> {
          adminOnly(r);
          pools.edit(
              Json.MAPPER.convertValue(
                  r.bodyAs(EditInstancePool.class), InstancePoolAndStats.class));
          return Map.of();
        });
    router.post(
        BASE + "/delete",
        r -> {
          adminOnly(r);
          pools.delete(r.bodyAs(DeleteInstancePool.class).getInstancePoolId());
          return Map.of();
        });
  }

  private static void adminOnly(ApiRequest r) {
    if (!r.principal().admin()) {
      throw ApiException.denied(
          "User "
              + r.principal().userName()
              + " is not allowed to create or manage instance pools.");
    }
  }
}
