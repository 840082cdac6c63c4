package dev.databricksmcp.server.tools.compute;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.errorCode;
import static dev.databricksmcp.server.testing.SandboxFixture.items;
import static dev.databricksmcp.server.testing.SandboxFixture.message;
import static dev.databricksmcp.server.testing.SandboxFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.service.compute.LibraryFullStatus;
import com.databricks.sdk.service.compute.LibraryInstallStatus;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.server.testing.SandboxFixture;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The library tools against the sandbox (clusters and each installation step take 200 ms): install
 * and see INSTALLED, a bad package reported FAILED with its reason, a terminated cluster that
 * installs on start, uninstall taking effect on restart, VALIDATION_ERROR naming the field, and
 * NOT_FOUND for an unknown cluster.
 */
@Timeout(120)
class LibraryToolsTest {
  private static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture(new SandboxOptions(0, null, 200, 200));
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static String cluster(String name) {
    return String.valueOf(ok(fx.call("create_cluster", Map.of("name", name))).get("cluster_id"));
  }

  private static List<LibraryInstallStatus> sdkStatuses(String id) {
    List<LibraryInstallStatus> out = new ArrayList<>();
    for (LibraryFullStatus s : fx.adminClient().libraries().clusterStatus(id)) {
      out.add(s.getStatus());
    }
    return out;
  }

  @Test
  void installWaitsUntilInstalledAndReportsEachInWords() {
    String id = cluster("libs-install");
    CallToolResult r =
        fx.call(
            "install_libraries",
            Map.of(
                "cluster_id",
                "libs-install",
                "pypi",
                List.of("pandas==2.2.0"),
                "maven",
                List.of("org.jsoup:jsoup:1.7.2"),
                "wait_seconds",
                60));
    List<Map<String, Object>> rows = items(r);
    assertThat(rows)
        .extracting(row -> row.get("library"))
        .containsExactly("pypi: pandas==2.2.0", "maven: org.jsoup:jsoup:1.7.2");
    assertThat(rows).extracting(row -> row.get("status")).containsOnly("INSTALLED");
    assertThat(rows).extracting(row -> row.get("type")).containsExactly("pypi", "maven");
    assertThat(message(r)).contains("install 2 libraries").contains("2 INSTALLED");
    assertThat(sdkStatuses(id)).containsOnly(LibraryInstallStatus.INSTALLED);

    CallToolResult got = fx.call("get_cluster_libraries", Map.of("cluster_id", id));
    assertThat(items(got)).hasSize(2);
    assertThat(ok(got)).containsEntry("cluster_state", "RUNNING");
    assertThat(message(got)).contains("2 libraries").contains("2 INSTALLED");
  }

  @Test
  void aPackageThatDoesNotParseEndsFailedWithTheReason() {
    String id = cluster("libs-bad");
    CallToolResult r =
        fx.call(
            "install_libraries",
            Map.of("cluster_id", id, "pypi", List.of("not a package"), "wait_seconds", 60));
    Map<String, Object> row = items(r).get(0);
    assertThat(row)
        .containsEntry("status", "FAILED")
        .containsEntry("library", "pypi: not a package");
    assertThat(row.get("messages")).asList().isNotEmpty();
    assertThat(message(r)).contains("1 FAILED").contains("Failed: pypi: not a package (");
  }

  @Test
  void onATerminatedClusterTheyInstallWhenItStarts() {
    String id = cluster("libs-terminated");
    ok(fx.call("terminate_cluster", Map.of("cluster_id", id)));
    CallToolResult r =
        fx.call(
            "install_libraries",
            Map.of("cluster_id", id, "jar", List.of("/Volumes/main/default/libs/a.jar")));
    assertThat(items(r)).extracting(row -> row.get("status")).containsExactly("PENDING");
    assertThat(message(r)).contains("TERMINATED").contains("install when it starts");
    assertThat(message(fx.call("get_cluster_libraries", Map.of("cluster_id", id))))
        .contains("install when it starts");
    ok(fx.call("start_cluster", Map.of("cluster_id", id)));
    CallToolResult again =
        fx.call(
            "install_libraries",
            Map.of(
                "cluster_id",
                id,
                "jar",
                List.of("/Volumes/main/default/libs/a.jar"),
                "wait_seconds",
                60));
    assertThat(items(again)).extracting(row -> row.get("status")).containsExactly("INSTALLED");
  }

  @Test
  void uninstallSaysARestartIsNeededAndTheRestartRemovesIt() {
    String id = cluster("libs-uninstall");
    ok(
        fx.call(
            "install_libraries",
            Map.of("cluster_id", id, "cran", List.of("ada", "forecast"), "wait_seconds", 60)));
    CallToolResult r =
        fx.call("uninstall_libraries", Map.of("cluster_id", id, "cran", List.of("ada")));
    assertThat(ok(r)).containsEntry("restart_needed", true);
    assertThat(items(r))
        .singleElement()
        .satisfies(row -> assertThat(row).containsEntry("status", "UNINSTALL_ON_RESTART"));
    assertThat(message(r)).contains("until the cluster restarts").contains("restart_cluster");
    ok(fx.call("restart_cluster", Map.of("cluster_id", id)));
    List<Map<String, Object>> left =
        items(fx.call("get_cluster_libraries", Map.of("cluster_id", id)));
    assertThat(left).extracting(row -> row.get("library")).containsExactly("cran: forecast");
  }

  @Test
  void badArgumentsAreValidationErrorsNamingTheField() {
    String id = cluster("libs-validation");
    assertField(fx.call("install_libraries", Map.of("cluster_id", id)), "pypi");
    assertField(
        fx.call("install_libraries", Map.of("cluster_id", id, "maven", List.of("org.jsoup:jsoup"))),
        "maven");
    assertField(
        fx.call("install_libraries", Map.of("cluster_id", id, "jar", List.of("a.jar"))), "jar");
    assertField(
        fx.call("install_libraries", Map.of("cluster_id", id, "pypi", List.of(" "))), "pypi");
    assertField(
        fx.call(
            "install_libraries",
            Map.of("cluster_id", id, "jar", List.of("/Volumes/a/b/c/x.jar"), "pypi_repo", "x")),
        "pypi_repo");
    assertField(
        fx.call("uninstall_libraries", Map.of("cluster_id", id, "whl", List.of("x.whl"))), "whl");
    assertThat(sdkStatuses(id)).isEmpty();
  }

  @Test
  void anUnknownClusterIsNotFound() {
    String unknown = "0000-000000-nothere0";
    for (CallToolResult r :
        List.of(
            fx.call("get_cluster_libraries", Map.of("cluster_id", unknown)),
            fx.call("install_libraries", Map.of("cluster_id", unknown, "pypi", List.of("x"))),
            fx.call("uninstall_libraries", Map.of("cluster_id", unknown, "pypi", List.of("x"))))) {
      assertThat(errorCode(r)).as(String.valueOf(body(r))).isEqualTo("NOT_FOUND");
      assertThat(String.valueOf(body(r))).contains("list_clusters");
    }
  }

  private static void assertField(CallToolResult r, String field) {
    assertThat(errorCode(r)).as(String.valueOf(body(r))).isEqualTo("VALIDATION_ERROR");
    assertThat(String.valueOf(body(r).get("error"))).startsWith(field);
  }
}
