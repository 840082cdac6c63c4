package dev.databricksmcp.sandbox.compute;

import com.databricks.sdk.service.compute.ClusterDetails;
import com.databricks.sdk.service.compute.ClusterLibraryStatuses;
import com.databricks.sdk.service.compute.InstallLibraries;
import com.databricks.sdk.service.compute.Library;
import com.databricks.sdk.service.compute.ListAllClusterLibraryStatusesResponse;
import com.databricks.sdk.service.compute.UninstallLibraries;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Libraries API 2.0 (https://docs.databricks.com/api/cluster-libraries/v2/library.md): install,
 * uninstall, cluster-status, all-cluster-statuses. Who may do what follows the clusters: a caller
 * who may manage a cluster (its creator, a workspace admin) reads and changes its libraries; others
 * are refused, and all-cluster-statuses shows them none of its libraries. An unknown cluster is
 * answered as clusters/get answers it: 400 INVALID_PARAMETER_VALUE "Cluster … does not exist" (the
 * message the Databricks Terraform provider and Go SDK look for on cluster-status).
 */
public final class LibrariesApi implements ApiModule {
  private static final String BASE = "/api/2.0/libraries";

  private final Libraries libraries;
  private final Clusters clusters;

  public LibrariesApi(Libraries libraries, Clusters clusters) {
    this.libraries = libraries;
    this.clusters = clusters;
  }

  @Override
  public void register(Router router) {
    router.get(
        BASE + "/cluster-status",
        r -> {
          String id = managed(r, r.queryParam("cluster_id").orElse(null));
          return new ClusterLibraryStatuses()
              .setClusterId(id)
              .setLibraryStatuses(libraries.statuses(id));
        });
    router.get(BASE + "/all-cluster-statuses", this::all);
    router.post(
        BASE + "/install",
        r -> {
          InstallLibraries req = r.bodyAs(InstallLibraries.class);
          libraries.install(managed(r, req.getClusterId()), required(req.getLibraries()));
          return Map.of();
        });
    router.post(
        BASE + "/uninstall",
        r -> {
          UninstallLibraries req = r.bodyAs(UninstallLibraries.class);
          libraries.uninstall(managed(r, req.getClusterId()), required(req.getLibraries()));
          return Map.of();
        });
  }

  private ListAllClusterLibraryStatusesResponse all(ApiRequest r) {
    List<ClusterLibraryStatuses> out = new ArrayList<>();
    for (String id : libraries.clustersWithLibraries()) {
      if (clusters.exists(id) && ClustersApi.mayManage(r.principal(), clusters.get(id))) {
        out.add(
            new ClusterLibraryStatuses()
                .setClusterId(id)
                .setLibraryStatuses(libraries.statuses(id)));
      }
    }
    return new ListAllClusterLibraryStatusesResponse().setStatuses(out);
  }

  /** The cluster's id, when it exists and the caller may manage it. */
  private String managed(ApiRequest r, String id) {
    if (id == null || id.isBlank()) {
      throw ApiException.invalid("Missing required field: cluster_id");
    }
    ClusterDetails c = clusters.get(id);
    if (!ClustersApi.mayManage(r.principal(), c)) {
      throw ApiException.denied(
          "User "
              + r.principal().userName()
              + " does not have Manage permissions on cluster "
              + id
              + ".");
    }
    return id;
  }

  private static List<Library> required(java.util.Collection<Library> libraries) {
    if (libraries == null || libraries.isEmpty()) {
      throw ApiException.invalid("Missing required field: libraries");
    }
    return new ArrayList<>(libraries);
  }
}
