package dev.databricksmcp.server.tools.admin;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.data;
import static dev.databricksmcp.server.testing.SandboxFixture.errorCode;
import static dev.databricksmcp.server.testing.SandboxFixture.items;
import static dev.databricksmcp.server.testing.SandboxFixture.message;
import static dev.databricksmcp.server.testing.SandboxFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.service.apps.App;
import com.databricks.sdk.service.apps.CreateAppRequest;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.apps.SampleApps;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.server.testing.SandboxFixture;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The app tools against the sandbox through the real SDK (its transitions take 200 ms): compact
 * list rows with paging, get_app in words, stop and start waiting for the new states (and handing
 * back "still stopping" with what to call when the wait ends first), and the answers for a bad
 * name, an unknown app, a caller who does not manage the app, and read-only mode.
 */
@Timeout(120)
class AppToolsTest {
  private static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture(new SandboxOptions(0, null, 200));
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  /** An app of the admin's, its compute ACTIVE, never deployed. */
  private static String newApp(String name) throws Exception {
    fx.adminClient()
        .apps()
        .create(new CreateAppRequest().setApp(new App().setName(name)))
        .get(Duration.ofSeconds(60));
    return name;
  }

  @Test
  void listAppsGivesCompactRowsAndPages() {
    List<Map<String, Object>> rows = items(fx.call("list_apps", Map.of()));
    assertThat(rows)
        .contains(
            Map.of(
                "name",
                SampleApps.RUNNING,
                "compute_state",
                "ACTIVE",
                "app_state",
                "RUNNING",
                "url",
                "https://sales-dashboard-" + Identities.WORKSPACE_ID + ".aws.databricksapps.com"));
    assertThat(rows)
        .filteredOn(r -> SampleApps.STOPPED.equals(r.get("name")))
        .singleElement()
        .satisfies(r -> assertThat(r).containsEntry("compute_state", "STOPPED"));

    CallToolResult first = fx.call("list_apps", Map.of("max_results", 1));
    assertThat(items(first)).hasSize(1);
    String token = String.valueOf(data(first).get("next_page_token"));
    assertThat(token).isNotEqualTo("null");
    List<Map<String, Object>> second =
        items(fx.call("list_apps", Map.of("max_results", 1, "page_token", token)));
    assertThat(second).hasSize(1).doesNotContainAnyElementsOf(items(first));

    assertThat(items(fx.call("list_apps", Map.of("detail", true))))
        .filteredOn(r -> SampleApps.RUNNING.equals(r.get("name")))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r)
                    .containsEntry("creator", Identities.ADMIN.userName())
                    .containsEntry("source_code_path", SampleApps.sourcePath(SampleApps.RUNNING)));
  }

  @Test
  @SuppressWarnings("unchecked")
  void getAppSaysStatesDeploymentsServicePrincipalAndResources() {
    CallToolResult got = fx.call("get_app", Map.of("name", SampleApps.RUNNING));
    Map<String, Object> app = ok(got);
    assertThat(app)
        .containsEntry("compute_state", "ACTIVE")
        .containsEntry("compute_message", "App compute is active.")
        .containsEntry("app_state", "RUNNING")
        .containsEntry("creator", Identities.ADMIN.userName())
        .containsEntry(
            "resources", List.of("sql-warehouse: SQL warehouse 5a1d7e3b9c0f4e2a (CAN_USE)"));
    assertThat(app).doesNotContainKey("pending_deployment");
    Map<String, Object> deployment = (Map<String, Object>) app.get("active_deployment");
    assertThat(deployment)
        .containsEntry("source_code_path", SampleApps.sourcePath(SampleApps.RUNNING))
        .containsEntry("state", "SUCCEEDED")
        .containsEntry("mode", "SNAPSHOT");
    assertThat(String.valueOf(((Map<String, Object>) app.get("service_principal")).get("name")))
        .endsWith(" " + SampleApps.RUNNING);
    assertThat(message(got)).contains("ACTIVE").contains("RUNNING").contains("databricksapps.com");
  }

  @Test
  void stopAndStartWaitForTheNewStatesWithProgress() throws Exception {
    String name = newApp("tool-cycle");
    fx.progress.clear();
    CallToolResult stopped = fx.call("stop_app", Map.of("name", name, "wait_seconds", 30));
    assertThat(ok(stopped))
        .containsEntry("compute_state", "STOPPED")
        .containsEntry("app_state", "UNAVAILABLE");
    assertThat(fx.progress).isNotEmpty();

    CallToolResult started = fx.call("start_app", Map.of("name", name, "wait_seconds", 30));
    assertThat(ok(started)).containsEntry("compute_state", "ACTIVE");
    assertThat(message(started)).contains("ACTIVE").contains("https://" + name + "-");
  }

  @Test
  void aStartOfTheStoppedSampleDeploysItAgainAndIsRunning() {
    CallToolResult started =
        fx.call("start_app", Map.of("name", SampleApps.STOPPED, "wait_seconds", 60));
    assertThat(ok(started))
        .containsEntry("compute_state", "ACTIVE")
        .containsEntry("app_state", "RUNNING");
  }

  @Test
  void aWaitThatEndsFirstSaysWhatToCallNext() throws Exception {
    String name = newApp("tool-nowait");
    CallToolResult stopping = fx.call("stop_app", Map.of("name", name, "wait_seconds", 0));
    assertThat(ok(stopping)).containsEntry("compute_state", "STOPPING");
    assertThat(message(stopping)).contains("still stopping").contains("get_app with name=" + name);
  }

  @Test
  void badNamesUnknownAppsAndOthersAppsAreRefused() {
    CallToolResult bad = fx.call("get_app", Map.of("name", "Not_An_App"));
    assertThat(errorCode(bad)).isEqualTo("VALIDATION_ERROR");
    assertThat(String.valueOf(body(bad).get("error"))).startsWith("name:");
    assertThat(errorCode(fx.call("start_app", Map.of("name", "a/../b"))))
        .isEqualTo("VALIDATION_ERROR");

    assertThat(errorCode(fx.call("get_app", Map.of("name", "no-such-app")))).isEqualTo("NOT_FOUND");
    assertThat(errorCode(fx.call("start_app", Map.of("name", "no-such-app"))))
        .isEqualTo("NOT_FOUND");

    CallToolResult denied =
        fx.call(
            "stop_app",
            Map.of("name", SampleApps.RUNNING, "wait_seconds", 0),
            Identities.USER_TOKEN,
            false);
    assertThat(errorCode(denied)).isEqualTo("PERMISSION_DENIED");
    assertThat(ok(fx.call("get_app", Map.of("name", SampleApps.RUNNING))))
        .containsEntry("compute_state", "ACTIVE");
  }

  @Test
  void readOnlyModeHasNoStartOrStop() {
    assertThat(fx.tool("list_apps", true).name()).isEqualTo("list_apps");
    assertThat(fx.tool("get_app", true).name()).isEqualTo("get_app");
    assertThatThrownBy(() -> fx.tool("start_app", true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> fx.tool("stop_app", true))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
