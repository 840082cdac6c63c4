package dev.databricksmcp.server.tools.compute;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.error.platform.InvalidState;
import com.databricks.sdk.service.compute.ClusterDetails;
import com.databricks.sdk.service.compute.GetClusterRequest;
import com.databricks.sdk.service.compute.ListClustersRequest;
import com.databricks.sdk.service.compute.ListClustersResponse;
import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.ErrorCode;
import dev.databricksmcp.server.core.ToolException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Calls of the Clusters API as the compute tools make them: a cluster named by id or by name is
 * resolved to its id, and the API's answers for an unknown cluster (400 INVALID_PARAMETER_VALUE
 * "Cluster … does not exist" on every route but get, which the SDK already maps) and for a cluster
 * in the wrong state (400 INVALID_STATE "… is in unexpected state Running.") become NOT_FOUND and
 * CONFLICT with what to do next.
 */
final class ClusterCalls {
  /** What Databricks cluster ids look like: {@code 0123-456789-abcdefgh}. */
  private static final Pattern CLUSTER_ID = Pattern.compile("\\d{4}-\\d{6}-[a-z0-9]+");

  private static final Pattern DOES_NOT_EXIST =
      Pattern.compile("(?i).*cluster .* does not exist.*");

  private ClusterCalls() {}

  /** Runs one Clusters API call, its errors said in the tools' words. */
  static <T> T call(String clusterId, Supplier<T> call) {
    try {
      return call.get();
    } catch (DatabricksError e) {
      throw translated(clusterId, e);
    }
  }

  /** As {@link #call(String, Supplier)}, for a call without an answer. */
  static void run(String clusterId, Runnable call) {
    call(
        clusterId,
        () -> {
          call.run();
          return null;
        });
  }

  static ClusterDetails get(WorkspaceClient w, String clusterId) {
    return call(clusterId, () -> w.clusters().get(new GetClusterRequest().setClusterId(clusterId)));
  }

  private static RuntimeException translated(String clusterId, DatabricksError e) {
    String message = String.valueOf(e.getMessage());
    Map<String, Object> details = new LinkedHashMap<>();
    if (e.getErrorCode() != null) {
      details.put("databricks_error_code", e.getErrorCode());
    }
    details.put("cluster_id", clusterId);
    if (DOES_NOT_EXIST.matcher(message).matches()) {
      return new ToolException(
          ErrorCode.NOT_FOUND,
          "Cluster "
              + clusterId
              + " does not exist (or was permanently deleted); list_clusters shows the clusters"
              + " you can see.",
          details);
    }
    if (e instanceof InvalidState || "INVALID_STATE".equals(e.getErrorCode())) {
      return new ToolException(
          ErrorCode.CONFLICT,
          message
              + " The operation does not apply in the cluster's current state; get_cluster shows"
              + " its state (start needs TERMINATED; resize and edit wait for the end of a"
              + " transition).",
          details);
    }
    return e;
  }

  /**
   * The id of the cluster the call names: an id as given, else the one cluster of that name (exact,
   * any case). A name no cluster has is passed on as given, for the API to answer.
   */
  static String resolve(WorkspaceClient w, String field, String idOrName) {
    String value = idOrName.strip();
    if (CLUSTER_ID.matcher(value).matches()) {
      return value;
    }
    List<ClusterDetails> named = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      ListClustersResponse page =
          w.clusters().impl().list(new ListClustersRequest().setPageSize(100L).setPageToken(token));
      if (page.getClusters() != null) {
        for (ClusterDetails c : page.getClusters()) {
          if (c.getClusterName() != null
              && c.getClusterName()
                  .toLowerCase(Locale.ROOT)
                  .equals(value.toLowerCase(Locale.ROOT))) {
            named.add(c);
          }
        }
      }
      token = page.getNextPageToken();
    } while (token != null && !token.isEmpty() && ++pages < 50);
    if (named.size() > 1) {
      throw ToolException.validation(
          field,
          "several clusters are named '"
              + value
              + "': "
              + named.stream()
                  .map(c -> c.getClusterId() + " (" + c.getState() + ")")
                  .collect(Collectors.joining(", "))
              + "; give the cluster id");
    }
    return named.isEmpty() ? value : named.get(0).getClusterId();
  }

  /** The call's arguments with {@code field} resolved to a cluster id. */
  static Args resolved(Args args, WorkspaceClient w, String field) {
    return args.withString(field, given -> resolve(w, field, given));
  }
}
