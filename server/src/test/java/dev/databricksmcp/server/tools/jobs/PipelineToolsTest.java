package dev.databricksmcp.server.tools.jobs;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.errorCode;
import static dev.databricksmcp.server.testing.SandboxFixture.items;
import static dev.databricksmcp.server.testing.SandboxFixture.message;
import static dev.databricksmcp.server.testing.SandboxFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.workspace.Import;
import com.databricks.sdk.service.workspace.ImportFormat;
import com.databricks.sdk.service.workspace.Language;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.server.testing.SandboxFixture;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pipeline tools against the sandbox, through the real SDK: SQL sources imported with the
 * Workspace API become a pipeline whose update, waited for, COMPLETES with its tables in Unity
 * Catalog; a failing flow is named with its error; errors_only events; a one-field update keeps the
 * rest of the spec; a confirmed delete drops the tables; VALIDATION_ERROR naming the field;
 * NOT_FOUND for an unknown pipeline. The default of development mode (true) is this project's
 * choice, said in create_pipeline's description: the Pipelines API's own default is false.
 */
@Timeout(120)
class PipelineToolsTest {
  private static final String DIR = "/Users/" + Identities.ADMIN.userName() + "/tool_pipelines";
  private static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture(new SandboxOptions(0, null, 100));
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void aSqlPipelineRunsToCompletedAndItsTablesAreListed() {
    fx.sql("CREATE SCHEMA IF NOT EXISTS main.tool_a");
    fx.sql("CREATE OR REPLACE TABLE main.tool_a.src AS SELECT * FROM VALUES (1), (2) AS t(v)");
    file(
        DIR + "/a/doubled.sql",
        "CREATE OR REFRESH MATERIALIZED VIEW doubled AS SELECT v * 2 AS w FROM src;");
    notebook(
        DIR + "/a/total",
        "CREATE OR REFRESH MATERIALIZED VIEW total AS SELECT sum(w) AS s FROM doubled");
    String id = create("tool a", "tool_a", List.of(DIR + "/a/doubled.sql", DIR + "/a/total"));

    Map<String, Object> got = ok(fx.call("get_pipeline", Map.of("pipeline_id", id)));
    assertThat(got)
        .containsEntry("publishes_to", "main.tool_a")
        .containsEntry("compute", "serverless");
    assertThat(got.get("sources").toString()).contains("type=file").contains("type=notebook");
    assertThat(got).containsEntry("development", true);

    CallToolResult run =
        fx.call("start_pipeline_update", Map.of("pipeline_id", id, "wait_seconds", 60));
    assertThat(ok(run)).containsEntry("state", "COMPLETED");
    assertThat(message(run)).contains("COMPLETED");
    assertThat(fx.rowCount("main.tool_a.doubled")).isEqualTo(2);
    assertThat(fx.adminClient().tables().get("main.tool_a.total").getName()).isEqualTo("total");

    List<Map<String, Object>> pipelines =
        items(fx.call("list_pipelines", Map.of("name_contains", "tool a")));
    assertThat(pipelines).extracting(p -> p.get("pipeline_id")).containsExactly(id);
    assertThat(pipelines.get(0).get("latest_update").toString()).contains("COMPLETED");
    assertThat(items(fx.call("list_pipeline_updates", Map.of("pipeline_id", id))))
        .extracting(u -> u.get("state"))
        .containsExactly("COMPLETED");
    List<Map<String, Object>> events =
        items(fx.call("list_pipeline_events", Map.of("pipeline_id", id)));
    assertThat(events)
        .anySatisfy(
            e -> {
              assertThat(e).containsEntry("type", "flow_progress").containsEntry("flow", "total");
              assertThat(e.get("occurred_at").toString()).endsWith("Z");
            });
  }

  @Test
  void aFailingFlowIsNamedWithItsError() {
    fx.sql("CREATE SCHEMA IF NOT EXISTS main.tool_b");
    file(
        DIR + "/b/flows.sql",
        "CREATE OR REFRESH MATERIALIZED VIEW good AS SELECT 1 AS one;\n"
            + "CREATE OR REFRESH MATERIALIZED VIEW bad AS SELECT missing_column FROM good;");
    String id = create("tool b", "tool_b", List.of(DIR + "/b/flows.sql"));
    CallToolResult run =
        fx.call("start_pipeline_update", Map.of("pipeline_id", id, "wait_seconds", 60));
    Map<String, Object> data = ok(run);
    assertThat(data).containsEntry("state", "FAILED");
    assertThat(message(run)).contains("flow 'bad'").contains("missing_column");
    String update = String.valueOf(data.get("update_id"));

    List<Map<String, Object>> errors =
        items(
            fx.call(
                "list_pipeline_events",
                Map.of("pipeline_id", id, "errors_only", true, "update_id", update)));
    assertThat(errors).isNotEmpty().allSatisfy(e -> assertThat(e).containsEntry("level", "ERROR"));
    assertThat(errors).anySatisfy(e -> assertThat(e).containsEntry("flow", "bad"));
    assertThat(
            message(fx.call("get_pipeline_update", Map.of("pipeline_id", id, "update_id", update))))
        .contains("FAILED")
        .contains("flow 'bad'");
  }

  @Test
  void updateChangesOneFieldAndKeepsTheRest() {
    fx.sql("CREATE SCHEMA IF NOT EXISTS main.tool_c");
    file(DIR + "/c/one.sql", "CREATE OR REFRESH MATERIALIZED VIEW one AS SELECT 1 AS x;");
    String id = create("tool c", "tool_c", List.of(DIR + "/c/one.sql"));
    CallToolResult r =
        fx.call("update_pipeline", Map.of("pipeline_id", id, "name", "tool c renamed"));
    Map<String, Object> updated = ok(r);
    assertThat(updated)
        .containsEntry("name", "tool c renamed")
        .containsEntry("publishes_to", "main.tool_c");
    assertThat(updated.get("sources").toString()).contains(DIR + "/c/one.sql");
    assertThat(message(r)).contains("(name)");
    assertThat(errorCode(fx.call("update_pipeline", Map.of("pipeline_id", id))))
        .isEqualTo("VALIDATION_ERROR");
  }

  @Test
  void aConfirmedDeleteDropsThePipelineAndItsTables() {
    fx.sql("CREATE SCHEMA IF NOT EXISTS main.tool_d");
    file(DIR + "/d/t.sql", "CREATE OR REFRESH MATERIALIZED VIEW t AS SELECT 1 AS x;");
    String id = create("tool d", "tool_d", List.of(DIR + "/d/t.sql"));
    ok(fx.call("start_pipeline_update", Map.of("pipeline_id", id, "wait_seconds", 60)));
    CallToolResult asked = fx.callConfirming("delete_pipeline", Map.of("pipeline_id", id));
    assertThat(errorCode(asked)).isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(error(asked)).contains("tool d").contains(id).contains("drop the tables");
    @SuppressWarnings("unchecked")
    Map<String, Object> details = (Map<String, Object>) body(asked).get("details");
    Map<String, Object> confirmed = new HashMap<>(Map.of("pipeline_id", id));
    confirmed.put("confirmation_token", details.get("confirmation_token"));
    assertThat(ok(fx.callConfirming("delete_pipeline", confirmed))).containsEntry("deleted", true);
    assertThat(errorCode(fx.call("get_pipeline", Map.of("pipeline_id", id))))
        .isEqualTo("NOT_FOUND");
    assertThat(fx.adminClient().tables().exists("main.tool_d.t").getTableExists()).isFalse();
  }

  @Test
  void badArgumentsNameTheFieldAndAnUnknownPipelineIsNotFound() {
    CallToolResult noSource =
        fx.call(
            "create_pipeline",
            Map.of(
                "name",
                "x",
                "catalog",
                "main",
                "schema",
                "default",
                "source_paths",
                List.of(DIR + "/nowhere.sql")));
    assertThat(errorCode(noSource)).isEqualTo("VALIDATION_ERROR");
    assertThat(error(noSource)).startsWith("source_paths");
    assertThat(
            error(
                fx.call(
                    "start_pipeline_update", Map.of("pipeline_id", "abc", "wait_seconds", 500))))
        .startsWith("wait_seconds");
    assertThat(error(fx.call("get_pipeline", Map.of("pipeline_id", "a/b"))))
        .startsWith("pipeline_id");
    assertThat(
            error(
                fx.call(
                    "start_pipeline_update",
                    Map.of(
                        "pipeline_id",
                        "abc",
                        "full_refresh",
                        true,
                        "refresh_selection",
                        List.of("t")))))
        .startsWith("full_refresh");
    assertThat(errorCode(fx.call("get_pipeline", Map.of("pipeline_id", "0000-unknown"))))
        .isEqualTo("NOT_FOUND");
    assertThat(
            errorCode(
                fx.call(
                    "start_pipeline_update",
                    Map.of("pipeline_id", "0000-unknown", "wait_seconds", 0))))
        .isEqualTo("NOT_FOUND");
  }

  private static String error(CallToolResult r) {
    return String.valueOf(body(r).get("error"));
  }

  private static String create(String name, String schema, List<String> sources) {
    return String.valueOf(
        ok(fx.call(
                "create_pipeline",
                Map.of("name", name, "catalog", "main", "schema", schema, "source_paths", sources)))
            .get("pipeline_id"));
  }

  private static void file(String path, String text) {
    put(new Import().setPath(path).setFormat(ImportFormat.RAW).setContent(base64(text)));
  }

  private static void notebook(String path, String sql) {
    put(
        new Import()
            .setPath(path)
            .setFormat(ImportFormat.SOURCE)
            .setLanguage(Language.SQL)
            .setContent(base64("-- Databricks notebook source\n" + sql + "\n")));
  }

  private static void put(Import request) {
    WorkspaceClient w = fx.adminClient();
    String path = request.getPath();
    w.workspace().mkdirs(path.substring(0, path.lastIndexOf('/')));
    w.workspace().importContent(request.setOverwrite(true));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
