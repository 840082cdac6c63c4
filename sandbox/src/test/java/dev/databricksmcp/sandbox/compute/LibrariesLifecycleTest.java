package dev.databricksmcp.sandbox.compute;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.service.compute.CreateCluster;
import com.databricks.sdk.service.compute.InstallLibraries;
import com.databricks.sdk.service.compute.Library;
import com.databricks.sdk.service.compute.LibraryFullStatus;
import com.databricks.sdk.service.compute.LibraryInstallStatus;
import com.databricks.sdk.service.compute.MavenLibrary;
import com.databricks.sdk.service.compute.PythonPyPiLibrary;
import com.databricks.sdk.service.compute.UninstallLibraries;
import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.ApiAreas;
import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.auth.Identities;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each step of a library's installation, on a compute clock the test moves: clusters change state
 * in 50 ms of real time, a library's step takes an hour of the clock, so nothing moves a library
 * but the test. Through the real SDK.
 */
@Timeout(120)
class LibrariesLifecycleTest {
  private static final long CLUSTER_MILLIS = 50;
  private static final Duration STEP = Duration.ofHours(1);

  @TempDir Path dir;

  @Test
  void aPypiPackageIsResolvedThenInstalledAndABadOneFails() throws Exception {
    ComputeClock clock = new ComputeClock();
    try (Sandbox sandbox = start(null, clock)) {
      WorkspaceClient w = admin(sandbox);
      String id = runningCluster(w);
      Library good = pypi("pandas==2.2.0");
      Library bad = pypi("pandas=2.2.0");
      Library jar = new Library().setJar("/Volumes/main/default/libs/a.jar");
      w.libraries()
          .install(new InstallLibraries().setClusterId(id).setLibraries(List.of(good, bad, jar)));
      assertThat(statuses(w, id))
          .containsExactly(
              LibraryInstallStatus.PENDING,
              LibraryInstallStatus.PENDING,
              LibraryInstallStatus.PENDING);
      clock.advance(STEP);
      assertThat(statuses(w, id))
          .containsExactly(
              LibraryInstallStatus.RESOLVING,
              LibraryInstallStatus.RESOLVING,
              LibraryInstallStatus.INSTALLING);
      clock.advance(STEP);
      assertThat(statuses(w, id))
          .containsExactly(
              LibraryInstallStatus.INSTALLING,
              LibraryInstallStatus.INSTALLING,
              LibraryInstallStatus.INSTALLED);
      clock.advance(STEP);
      List<LibraryFullStatus> done = full(w, id);
      assertThat(done)
          .extracting(LibraryFullStatus::getStatus)
          .containsExactly(
              LibraryInstallStatus.INSTALLED,
              LibraryInstallStatus.FAILED,
              LibraryInstallStatus.INSTALLED);
      assertThat(done.get(0).getMessages()).isNullOrEmpty();
      assertThat(done.get(1).getMessages()).singleElement().asString().contains("pandas=2.2.0");
    }
  }

  @Test
  void aRestartInstallsAgainAndDropsWhatWasUninstalled() throws Exception {
    ComputeClock clock = new ComputeClock();
    try (Sandbox sandbox = start(null, clock)) {
      WorkspaceClient w = admin(sandbox);
      String id = runningCluster(w);
      Library kept = new Library().setJar("dbfs:/FileStore/jars/kept.jar");
      Library dropped =
          new Library().setMaven(new MavenLibrary().setCoordinates("org.jsoup:jsoup:1.7.2"));
      w.libraries()
          .install(new InstallLibraries().setClusterId(id).setLibraries(List.of(dropped, kept)));
      clock.advance(STEP.multipliedBy(3));
      assertThat(statuses(w, id)).containsOnly(LibraryInstallStatus.INSTALLED).hasSize(2);
      w.libraries()
          .uninstall(new UninstallLibraries().setClusterId(id).setLibraries(List.of(dropped)));
      // the one to remove goes last, marked, until the cluster restarts
      assertThat(full(w, id))
          .extracting(LibraryFullStatus::getLibrary)
          .containsExactly(kept, dropped);
      assertThat(statuses(w, id))
          .containsExactly(
              LibraryInstallStatus.INSTALLED, LibraryInstallStatus.UNINSTALL_ON_RESTART);
      w.clusters()
          .restart(new com.databricks.sdk.service.compute.RestartCluster().setClusterId(id))
          .get(Duration.ofSeconds(30));
      assertThat(full(w, id)).extracting(LibraryFullStatus::getLibrary).containsExactly(kept);
      assertThat(statuses(w, id)).containsExactly(LibraryInstallStatus.PENDING);
      clock.advance(STEP.multipliedBy(2));
      assertThat(statuses(w, id)).containsExactly(LibraryInstallStatus.INSTALLED);
    }
  }

  @Test
  void librariesSurviveARestartOfTheSandboxAndGoWithTheirCluster() throws Exception {
    ComputeClock clock = new ComputeClock();
    String id;
    Library lib = pypi("requests>=2.31,<3");
    try (Sandbox first = start(dir, clock)) {
      WorkspaceClient w = admin(first);
      id = runningCluster(w);
      w.libraries().install(new InstallLibraries().setClusterId(id).setLibraries(List.of(lib)));
    }
    try (Sandbox second = start(dir, new ComputeClock())) {
      WorkspaceClient w = admin(second);
      assertThat(full(w, id)).extracting(LibraryFullStatus::getLibrary).containsExactly(lib);
      w.clusters().permanentDelete(id);
      List<String> withLibraries = new ArrayList<>();
      w.libraries().allClusterStatuses().forEach(c -> withLibraries.add(c.getClusterId()));
      assertThat(withLibraries).doesNotContain(id);
    }
  }

  private static Library pypi(String spec) {
    return new Library().setPypi(new PythonPyPiLibrary().setPackage(spec));
  }

  private static String runningCluster(WorkspaceClient w) throws Exception {
    return w.clusters()
        .create(
            new CreateCluster()
                .setClusterName("libraries")
                .setSparkVersion(ComputeOfferings.LATEST_LTS)
                .setNodeTypeId(ComputeOfferings.SMALLEST_NODE_TYPE)
                .setNumWorkers(1L))
        .get(Duration.ofSeconds(30))
        .getClusterId();
  }

  private static List<LibraryFullStatus> full(WorkspaceClient w, String id) {
    List<LibraryFullStatus> out = new ArrayList<>();
    w.libraries().clusterStatus(id).forEach(out::add);
    return out;
  }

  private static List<LibraryInstallStatus> statuses(WorkspaceClient w, String id) {
    return full(w, id).stream().map(LibraryFullStatus::getStatus).toList();
  }

  private static Sandbox start(Path dataDir, ComputeClock clock) {
    List<ApiArea> areas = new ArrayList<>(ApiAreas.discovered());
    areas.replaceAll(
        a ->
            a instanceof ClustersArea
                ? new ClustersArea(clock)
                : a instanceof LibrariesArea ? new LibrariesArea(STEP.toMillis()) : a);
    return Sandbox.start(new SandboxOptions(0, dataDir, CLUSTER_MILLIS), areas);
  }

  private static WorkspaceClient admin(Sandbox sandbox) {
    return new WorkspaceClient(
        new DatabricksConfig()
            .setHost(sandbox.host())
            .setToken(Identities.ADMIN_TOKEN)
            .setAuthType("pat"));
  }
}
