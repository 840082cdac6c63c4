package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.analyst;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.service.compute.ClusterLibraryStatuses;
import com.databricks.sdk.service.compute.InstallLibraries;
import com.databricks.sdk.service.compute.Library;
import com.databricks.sdk.service.compute.LibraryFullStatus;
import com.databricks.sdk.service.compute.LibraryInstallStatus;
import com.databricks.sdk.service.compute.MavenLibrary;
import com.databricks.sdk.service.compute.PythonPyPiLibrary;
import com.databricks.sdk.service.compute.UninstallLibraries;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Identities;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Libraries API 2.0 against its reference (index:
 * https://docs.databricks.com/api/cluster-libraries/v2/library.md). Installation is asynchronous
 * ("it happens in the background after the completion of this request"); the tests poll, bounded,
 * for the status they expect and assert nothing about time ({@code compute/LibrariesLifecycleTest}
 * walks each step on a clock it moves). The pages name no error codes: an unknown cluster is
 * answered as clusters/get answers it, 400 INVALID_PARAMETER_VALUE "Cluster … does not exist" (the
 * message databricks-sdk-go's library wait and the Terraform provider test for); a request the
 * page's required fields rule out, a 4xx; a caller who may not manage the cluster, 403
 * PERMISSION_DENIED. The pages do not say what a terminated cluster's libraries show: the sandbox
 * shows PENDING ("No action has yet been taken to install the library") until the cluster starts.
 */
@Timeout(180)
@ExtendWith(SharedSandbox.class)
class LibrariesContractTest {
  static final String BASE = "/api/2.0/libraries";
  private static final String STATUSES =
      "PENDING|RESOLVING|INSTALLING|INSTALLED|FAILED|UNINSTALL_ON_RESTART|SKIPPED|RESTORED";

  /** LibraryFullStatus (cluster-status.md, "Returns"). */
  private static final JsonShape FULL_STATUS =
      JsonShape.of(
              "{\"library\": {\"jar\": \"string\", \"egg\": \"string\", \"whl\": \"string\","
                  + " \"requirements\": \"string\", \"pypi\": {\"package\": \"string\", \"repo\":"
                  + " \"string\"}, \"maven\": {\"coordinates\": \"string\", \"repo\": \"string\","
                  + " \"exclusions\": [\"string\"]}, \"cran\": {\"package\": \"string\", \"repo\":"
                  + " \"string\"}}, \"status\": \""
                  + STATUSES
                  + "\", \"messages\": [\"string\"], \"is_library_for_all_clusters\": true}")
          .required("library", "status", "is_library_for_all_clusters");

  private static final JsonShape CLUSTER_STATUSES =
      JsonShape.of("{\"cluster_id\": \"string\", \"library_statuses\": [null]}")
          .required("cluster_id", "library_statuses");

  /**
   * Install answers {@code {}}; the library shows in cluster-status and reaches INSTALLED. {@code
   * cluster_id} and {@code libraries} are required; a library names exactly one kind, with its
   * required field ({@code pypi.package}, {@code maven.coordinates}).
   * https://docs.databricks.com/api/cluster-libraries/v2/install-libraries.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/libraries/install",
      doc = "https://docs.databricks.com/api/cluster-libraries/v2/install-libraries.md")
  void installAddsLibrariesThatReachInstalled() {
    String id = runningCluster("install");
    install(
        id,
        "{\"pypi\": {\"package\": \"pandas==2.2.0\"}}",
        "{\"jar\": \"/Volumes/main/default/libs/a.jar\"}");
    JsonNode installed = awaitStatuses(id, s -> allAre(s, "INSTALLED"));
    assertThat(libraries(installed))
        .containsExactly(
            "{\"pypi\":{\"package\":\"pandas==2.2.0\"}}",
            "{\"jar\":\"/Volumes/main/default/libs/a.jar\"}");
    // installing one already there adds nothing
    install(id, "{\"pypi\": {\"package\": \"pandas==2.2.0\"}}");
    assertThat(statuses(id).get("library_statuses")).hasSize(2);
    for (String refused :
        List.of(
            "{\"libraries\": [{\"jar\": \"/Volumes/a/b/c/x.jar\"}]}",
            "{\"cluster_id\": \"" + id + "\"}",
            "{\"cluster_id\": \"" + id + "\", \"libraries\": []}",
            "{\"cluster_id\": \"" + id + "\", \"libraries\": [{}]}",
            "{\"cluster_id\": \"" + id + "\", \"libraries\": [{\"pypi\": {}}]}",
            "{\"cluster_id\": \""
                + id
                + "\", \"libraries\": [{\"jar\": \"/Volumes/a/b/c/x.jar\", \"whl\":"
                + " \"/Volumes/a/b/c/x.whl\"}]}")) {
      admin().post(BASE + "/install", refused).isClientError();
    }
    admin()
        .post(
            BASE + "/install", body("0000-000000-nothere0", "{\"jar\": \"/Volumes/a/b/c/x.jar\"}"))
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    analyst()
        .post(BASE + "/install", body(id, "{\"jar\": \"/Volumes/a/b/c/x.jar\"}"))
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    ClustersContractTest.permanentlyDelete(id);
  }

  /**
   * A library that cannot be installed is accepted and ends FAILED, its reason in {@code messages}
   * ("Some step in installation failed. More information can be found in the messages field.").
   * https://docs.databricks.com/api/cluster-libraries/v2/install-libraries.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/libraries/install",
      doc = "https://docs.databricks.com/api/cluster-libraries/v2/install-libraries.md")
  void aBadCoordinateFailsWithAMessage() {
    String id = runningCluster("bad");
    install(
        id,
        "{\"pypi\": {\"package\": \"not a package spec\"}}",
        "{\"maven\": {\"coordinates\": \"org.jsoup:jsoup\"}}",
        "{\"jar\": \"/tmp/local.jar\"}",
        "{\"maven\": {\"coordinates\": \"org.jsoup:jsoup:1.7.2\"}}");
    JsonNode done = awaitStatuses(id, s -> noneIn(s, "PENDING", "RESOLVING", "INSTALLING"));
    List<String> statuses = new ArrayList<>();
    done.get("library_statuses")
        .forEach(
            s -> {
              statuses.add(s.get("status").asText());
              if (s.get("status").asText().equals("FAILED")) {
                assertThat(s.get("messages")).isNotEmpty();
                assertThat(s.get("messages").get(0).asText()).isNotBlank();
              }
            });
    assertThat(statuses).containsExactly("FAILED", "FAILED", "FAILED", "INSTALLED");
    ClustersContractTest.permanentlyDelete(id);
  }

  /**
   * Cluster-status: {@code {cluster_id, library_statuses: [LibraryFullStatus]}}, the libraries to
   * install in the order added, then those marked for removal; a cluster without libraries answers
   * an empty list (or none); an unknown cluster is refused.
   * https://docs.databricks.com/api/cluster-libraries/v2/cluster-status.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/libraries/cluster-status",
      doc = "https://docs.databricks.com/api/cluster-libraries/v2/cluster-status.md")
  void clusterStatusListsInstallsFirstAndRemovalsLast() {
    String id = runningCluster("status");
    assertThat(statuses(id).path("library_statuses")).isEmpty();
    install(
        id,
        "{\"whl\": \"/Workspace/Shared/a-1.0-py3-none-any.whl\"}",
        "{\"maven\": {\"coordinates\": \"org.jsoup:jsoup:1.7.2\", \"exclusions\":"
            + " [\"slf4j:slf4j\"]}}",
        "{\"cran\": {\"package\": \"ada\"}}");
    admin()
        .post(
            BASE + "/uninstall",
            body(id, "{\"whl\": \"/Workspace/Shared/a-1.0-py3-none-any.whl\"}"))
        .okEmpty();
    JsonNode s = statuses(id);
    assertThat(s.get("cluster_id").asText()).isEqualTo(id);
    assertThat(libraries(s))
        .containsExactly(
            "{\"maven\":{\"coordinates\":\"org.jsoup:jsoup:1.7.2\",\"exclusions\":[\"slf4j:slf4j\"]}}",
            "{\"cran\":{\"package\":\"ada\"}}",
            "{\"whl\":\"/Workspace/Shared/a-1.0-py3-none-any.whl\"}");
    assertThat(s.get("library_statuses").get(2).get("status").asText())
        .isEqualTo("UNINSTALL_ON_RESTART");
    admin()
        .get(Wire.query(BASE + "/cluster-status", "cluster_id", "0000-000000-nothere0"))
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin().get(BASE + "/cluster-status").isClientError();
    analyst()
        .get(Wire.query(BASE + "/cluster-status", "cluster_id", id))
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    ClustersContractTest.permanentlyDelete(id);
  }

  /**
   * Uninstall answers {@code {}}: "The libraries won't be uninstalled until the cluster is
   * restarted" (UNINSTALL_ON_RESTART until then); after a restart they are gone. "A request to
   * uninstall a library that is not currently installed is ignored."
   * https://docs.databricks.com/api/cluster-libraries/v2/uninstall-libraries.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/libraries/uninstall",
      doc = "https://docs.databricks.com/api/cluster-libraries/v2/uninstall-libraries.md")
  void uninstallTakesEffectOnRestart() {
    String id = runningCluster("uninstall");
    install(id, "{\"pypi\": {\"package\": \"requests\"}}", "{\"pypi\": {\"package\": \"numpy\"}}");
    awaitStatuses(id, s -> allAre(s, "INSTALLED"));
    admin().post(BASE + "/uninstall", body(id, "{\"pypi\": {\"package\": \"numpy\"}}")).okEmpty();
    admin()
        .post(BASE + "/uninstall", body(id, "{\"pypi\": {\"package\": \"never-installed\"}}"))
        .okEmpty();
    JsonNode marked = statuses(id);
    assertThat(libraries(marked))
        .containsExactly(
            "{\"pypi\":{\"package\":\"requests\"}}", "{\"pypi\":{\"package\":\"numpy\"}}");
    assertThat(marked.get("library_statuses").get(1).get("status").asText())
        .isEqualTo("UNINSTALL_ON_RESTART");
    admin().post("/api/2.1/clusters/restart", "{\"cluster_id\": \"" + id + "\"}").okEmpty();
    ClustersContractTest.awaitState(id, "RUNNING");
    JsonNode after = awaitStatuses(id, s -> allAre(s, "INSTALLED"));
    assertThat(libraries(after)).containsExactly("{\"pypi\":{\"package\":\"requests\"}}");
    admin().post(BASE + "/uninstall", "{\"cluster_id\": \"" + id + "\"}").isClientError();
    admin()
        .post(
            BASE + "/uninstall",
            body("0000-000000-nothere0", "{\"jar\": \"/Volumes/a/b/c/x.jar\"}"))
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    analyst()
        .post(BASE + "/uninstall", body(id, "{\"pypi\": {\"package\": \"requests\"}}"))
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    ClustersContractTest.permanentlyDelete(id);
  }

  /**
   * All-cluster-statuses: {@code {statuses: [ClusterLibraryStatuses]}}, one per cluster with
   * libraries (the page does not say whether clusters without libraries are listed; the sandbox
   * leaves them out); a permanently deleted cluster's libraries are gone; a user sees only the
   * clusters they may manage.
   * https://docs.databricks.com/api/cluster-libraries/v2/all-cluster-statuses.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/libraries/all-cluster-statuses",
      doc = "https://docs.databricks.com/api/cluster-libraries/v2/all-cluster-statuses.md")
  void allClusterStatusesShowsEachClusterWithLibraries() {
    String id = runningCluster("all");
    install(id, "{\"requirements\": \"/Workspace/Shared/requirements.txt\"}");
    JsonNode all = admin().get(BASE + "/all-cluster-statuses").ok();
    JsonShape.of("{\"statuses\": [null]}").required("statuses").check(all);
    all.get("statuses").forEach(CLUSTER_STATUSES::check);
    all.get("statuses").forEach(c -> c.get("library_statuses").forEach(FULL_STATUS::check));
    assertThat(clusterIds(all)).contains(id);
    assertThat(clusterIds(analyst().get(BASE + "/all-cluster-statuses").ok())).doesNotContain(id);
    ClustersContractTest.permanentlyDelete(id);
    assertThat(clusterIds(admin().get(BASE + "/all-cluster-statuses").ok())).doesNotContain(id);
  }

  /**
   * Libraries added to a terminated cluster are kept and install when it starts (the page is silent
   * on the status meanwhile; the sandbox shows PENDING).
   * https://docs.databricks.com/api/cluster-libraries/v2/install-libraries.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/libraries/install",
      doc = "https://docs.databricks.com/api/cluster-libraries/v2/install-libraries.md")
  void aTerminatedClusterInstallsItsLibrariesWhenItStarts() {
    String id = runningCluster("terminated");
    admin().post("/api/2.1/clusters/delete", "{\"cluster_id\": \"" + id + "\"}").okEmpty();
    ClustersContractTest.awaitState(id, "TERMINATED");
    install(id, "{\"jar\": \"dbfs:/FileStore/jars/a.jar\"}");
    JsonNode waiting = statuses(id);
    assertThat(waiting.get("library_statuses").get(0).get("status").asText()).isEqualTo("PENDING");
    admin().post("/api/2.1/clusters/start", "{\"cluster_id\": \"" + id + "\"}").okEmpty();
    ClustersContractTest.awaitState(id, "RUNNING");
    awaitStatuses(id, s -> allAre(s, "INSTALLED"));
    ClustersContractTest.permanentlyDelete(id);
  }

  /** Through the real SDK: install, clusterStatus, allClusterStatuses, uninstall. */
  @Test
  @Contract(
      value = "POST /api/2.0/libraries/install",
      doc = "https://docs.databricks.com/api/cluster-libraries/v2/install-libraries.md")
  @Contract(
      value = "GET /api/2.0/libraries/cluster-status",
      doc = "https://docs.databricks.com/api/cluster-libraries/v2/cluster-status.md")
  @Contract(
      value = "GET /api/2.0/libraries/all-cluster-statuses",
      doc = "https://docs.databricks.com/api/cluster-libraries/v2/all-cluster-statuses.md")
  @Contract(
      value = "POST /api/2.0/libraries/uninstall",
      doc = "https://docs.databricks.com/api/cluster-libraries/v2/uninstall-libraries.md")
  void sdkRoundTrip() {
    WorkspaceClient w = SharedSandbox.sdk(Identities.ADMIN_TOKEN);
    String id = runningCluster("sdk");
    Library pypi = new Library().setPypi(new PythonPyPiLibrary().setPackage("dbl-tempo"));
    Library maven =
        new Library().setMaven(new MavenLibrary().setCoordinates("org.jsoup:jsoup:1.7.2"));
    w.libraries()
        .install(new InstallLibraries().setClusterId(id).setLibraries(List.of(pypi, maven)));
    awaitStatuses(id, s -> allAre(s, "INSTALLED"));
    List<LibraryFullStatus> statuses = new ArrayList<>();
    w.libraries().clusterStatus(id).forEach(statuses::add);
    assertThat(statuses).extracting(LibraryFullStatus::getLibrary).containsExactly(pypi, maven);
    assertThat(statuses)
        .extracting(LibraryFullStatus::getStatus)
        .containsOnly(LibraryInstallStatus.INSTALLED);
    List<String> clusters = new ArrayList<>();
    w.libraries().allClusterStatuses().forEach(c -> clusters.add(c.getClusterId()));
    assertThat(clusters).contains(id);
    w.libraries().uninstall(new UninstallLibraries().setClusterId(id).setLibraries(List.of(maven)));
    List<LibraryFullStatus> after = new ArrayList<>();
    w.libraries().clusterStatus(id).forEach(after::add);
    assertThat(after.get(1).getStatus()).isEqualTo(LibraryInstallStatus.UNINSTALL_ON_RESTART);
    ClusterLibraryStatuses raw =
        w.libraries()
            .impl()
            .clusterStatus(new com.databricks.sdk.service.compute.ClusterStatus().setClusterId(id));
    assertThat(raw.getClusterId()).isEqualTo(id);
    w.clusters().permanentDelete(id);
  }

  private static String runningCluster(String name) {
    return ClustersContractTest.awaitState(
        ClustersContractTest.create(unique("lib-" + name), 1), "RUNNING");
  }

  static String body(String clusterId, String... libraries) {
    return "{\"cluster_id\": \""
        + clusterId
        + "\", \"libraries\": ["
        + String.join(", ", libraries)
        + "]}";
  }

  static void install(String clusterId, String... libraries) {
    admin().post(BASE + "/install", body(clusterId, libraries)).okEmpty();
  }

  static JsonNode statuses(String clusterId) {
    JsonNode s = admin().get(Wire.query(BASE + "/cluster-status", "cluster_id", clusterId)).ok();
    CLUSTER_STATUSES.required("cluster_id").check(s);
    s.path("library_statuses").forEach(FULL_STATUS::check);
    return s;
  }

  static JsonNode awaitStatuses(String clusterId, Predicate<JsonNode> done) {
    JsonNode last = null;
    for (int i = 0; i < 2000; i++) {
      last = statuses(clusterId);
      if (done.test(last)) {
        return last;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("libraries of " + clusterId + " never got there: " + last);
  }

  private static boolean allAre(JsonNode statuses, String status) {
    for (JsonNode s : statuses.path("library_statuses")) {
      if (!s.get("status").asText().equals(status)) {
        return false;
      }
    }
    return true;
  }

  private static boolean noneIn(JsonNode statuses, String... inProgress) {
    for (JsonNode s : statuses.path("library_statuses")) {
      if (List.of(inProgress).contains(s.get("status").asText())) {
        return false;
      }
    }
    return true;
  }

  private static List<String> libraries(JsonNode statuses) {
    List<String> out = new ArrayList<>();
    statuses.path("library_statuses").forEach(s -> out.add(s.get("library").toString()));
    return out;
  }

  private static List<String> clusterIds(JsonNode all) {
    List<String> out = new ArrayList<>();
    all.path("statuses").forEach(c -> out.add(c.get("cluster_id").asText()));
    return out;
  }
}
