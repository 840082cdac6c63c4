package dev.databricksmcp.server.tools.compute;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.utils.SerDeUtils;
import com.databricks.sdk.service.compute.ClusterDetails;
import com.databricks.sdk.service.compute.GetInstancePoolRequest;
import com.databricks.sdk.service.compute.InstancePoolAndStats;
import com.databricks.sdk.service.compute.ListClustersRequest;
import com.databricks.sdk.service.compute.ListClustersResponse;
import com.databricks.sdk.service.compute.State;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.databricksmcp.server.core.ErrorCode;
import dev.databricksmcp.server.core.ToolException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Calls of the Instance Pools API as the pool tools make them: a pool named by id or by name is
 * resolved to its id, and the API's answer for an unknown pool (400 INVALID_PARAMETER_VALUE
 * "Instance pool … does not exist.") becomes NOT_FOUND with where to look.
 */
final class InstancePoolCalls {
  /**
   * What pool ids look like: {@code 1234-567890-fetch12-pool-A3BcdEFg} (the reference's example).
   */
  private static final Pattern POOL_ID =
      Pattern.compile("\\d{4}-\\d{6}-[a-z0-9]+-pool-[A-Za-z0-9]+");

  private static final Pattern DOES_NOT_EXIST =
      Pattern.compile("(?i).*instance pool .* does not exist.*");

  /** Pages of clusters read to name the ones drawing from a pool: a confirmation, not a report. */
  private static final int MAX_CLUSTER_PAGES = 5;

  /** Made at the first pool read, not with the tools: a mapper slowed every start. */
  private static final class Sdk {
    static final ObjectMapper JSON = SerDeUtils.createMapper();
  }

  private InstancePoolCalls() {}

  /** Runs one Instance Pools API call, an unknown pool said as NOT_FOUND. */
  static <T> T call(String poolId, Supplier<T> call) {
    try {
      return call.get();
    } catch (DatabricksError e) {
      if (DOES_NOT_EXIST.matcher(String.valueOf(e.getMessage())).matches()) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("databricks_error_code", e.getErrorCode());
        details.put("instance_pool_id", poolId);
        throw new ToolException(
            ErrorCode.NOT_FOUND,
            "Instance pool "
                + poolId
                + " does not exist; list_instance_pools shows the pools you can see.",
            details);
      }
      throw e;
    }
  }

  /** As {@link #call(String, Supplier)}, for a call without an answer. */
  static void run(String poolId, Runnable call) {
    call(
        poolId,
        () -> {
          call.run();
          return null;
        });
  }

  /** The pool with its statistics (the get answer has the list's shape). */
  static InstancePoolAndStats get(WorkspaceClient w, String poolId) {
    return call(
        poolId,
        () ->
            Sdk.JSON.convertValue(
                w.instancePools().get(new GetInstancePoolRequest().setInstancePoolId(poolId)),
                InstancePoolAndStats.class));
  }

  static List<InstancePoolAndStats> list(WorkspaceClient w) {
    Collection<InstancePoolAndStats> all = w.instancePools().impl().list().getInstancePools();
    return all == null ? List.of() : List.copyOf(all);
  }

  /**
   * The id of the pool the call names: an id as given, else the one pool of that name (exact, any
   * case; Databricks keeps pool names unique). A name no pool has is passed on for the API to
   * answer.
   */
  static String resolve(WorkspaceClient w, String idOrName) {
    String value = idOrName.strip();
    if (POOL_ID.matcher(value).matches()) {
      return value;
    }
    String wanted = value.toLowerCase(Locale.ROOT);
    return list(w).stream()
        .filter(p -> p.getInstancePoolName() != null)
        .filter(p -> p.getInstancePoolName().toLowerCase(Locale.ROOT).equals(wanted))
        .map(InstancePoolAndStats::getInstancePoolId)
        .findFirst()
        .orElse(value);
  }

  /** The clusters not terminated whose workers or driver come from the pool (first pages only). */
  static List<ClusterDetails> clustersUsing(WorkspaceClient w, String poolId) {
    List<ClusterDetails> using = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      ListClustersResponse page =
          w.clusters().impl().list(new ListClustersRequest().setPageSize(100L).setPageToken(token));
      if (page.getClusters() != null) {
        for (ClusterDetails c : page.getClusters()) {
          if (c.getState() != State.TERMINATED
              && (poolId.equals(c.getInstancePoolId())
                  || poolId.equals(c.getDriverInstancePoolId()))) {
            using.add(c);
          }
        }
      }
      token = page.getNextPageToken();
    } while (token != null && !token.isEmpty() && ++pages < MAX_CLUSTER_PAGES);
    return using;
  }
}
