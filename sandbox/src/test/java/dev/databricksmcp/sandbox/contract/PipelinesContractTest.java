package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.analyst;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.quote;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.sdk;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.sql;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceConflict;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.pipelines.GetPipelineRequest;
import com.databricks.sdk.service.pipelines.ListPipelinesRequest;
import com.databricks.sdk.service.pipelines.PipelineStateInfo;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Identities;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Pipelines API 2.0 against its reference (https://docs.databricks.com/api/workspace/pipelines,
 * pages https://docs.databricks.com/api/pipelines/v2/*.md). The pages list no error codes: an
 * unknown pipeline or update is 404 RESOURCE_DOES_NOT_EXIST (the code Databricks answers for an
 * unknown resource; the SDK raises it as ResourceDoesNotExist); an update started while another is
 * active ("the request will fail and the active update will remain running", start.md) is 409
 * RESOURCE_CONFLICT; a name another pipeline uses, without allow_duplicate_names ("If false,
 * deployment will fail if name conflicts with that of another pipeline", create.md), is 409
 * RESOURCE_CONFLICT; a filter the pages do not list, or max_results beyond the documented maximum,
 * is 400 INVALID_PARAMETER_VALUE. Those codes are the sandbox's choice.
 */
@Timeout(120)
@ExtendWith(SharedSandbox.class)
class PipelinesContractTest {
  static final String BASE = "/api/2.0/pipelines";
  private static final String INVALID = "INVALID_PARAMETER_VALUE";
  private static final String DOCS = "https://docs.databricks.com/api/pipelines/v2/";

  /** A schema with a SQL file defining one materialized view; the file's workspace path. */
  static String sqlSource(String schema, String text) {
    sql("CREATE SCHEMA IF NOT EXISTS main." + schema);
    String dir = "/Users/" + Identities.ADMIN.userName() + "/contract_" + schema;
    admin().post("/api/2.0/workspace/mkdirs", "{\"path\": " + quote(dir) + "}").ok();
    String path = dir + "/flows.sql";
    admin()
        .post(
            "/api/2.0/workspace/import",
            "{\"path\": "
                + quote(path)
                + ", \"format\": \"RAW\", \"overwrite\": true, \"content\": \""
                + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))
                + "\"}")
        .ok();
    return path;
  }

  static String createPipeline(String name, String schema, String file) {
    return admin()
        .post(
            BASE,
            "{\"name\": "
                + quote(name)
                + ", \"catalog\": \"main\", \"schema\": "
                + quote(schema)
                + ", \"serverless\": true, \"development\": true, \"libraries\": [{\"file\":"
                + " {\"path\": "
                + quote(file)
                + "}}]}")
        .ok()
        .get("pipeline_id")
        .asText();
  }

  private static String simplePipeline(String prefix) {
    String schema = unique(prefix);
    String file = sqlSource(schema, "CREATE OR REFRESH MATERIALIZED VIEW one AS SELECT 1 AS x;");
    return createPipeline(unique(prefix), schema, file);
  }

  /** Create: {@code {pipeline_id, effective_settings}}; dry_run stores nothing. */
  @Test
  @Contract(value = "POST /api/2.0/pipelines", doc = DOCS + "create.md")
  void createAnswersTheIdAndRefusesADuplicateName() {
    String schema = unique("create");
    String file = sqlSource(schema, "CREATE OR REFRESH MATERIALIZED VIEW one AS SELECT 1 AS x;");
    String name = unique("create");
    String id = createPipeline(name, schema, file);
    assertThat(id).isNotBlank();
    JsonNode got = admin().get(BASE + "/" + id).ok();
    assertThat(got.get("spec").get("catalog").asText()).isEqualTo("main");
    assertThat(got.get("spec").get("libraries").get(0).get("file").get("path").asText())
        .isEqualTo(file);

    admin()
        .post(BASE, "{\"name\": " + quote(name) + "}")
        .isError(409, "RESOURCE_CONFLICT", ResourceConflict.class);
    JsonNode dry =
        admin().post(BASE, "{\"name\": " + quote(unique("dry")) + ", \"dry_run\": true}").ok();
    admin()
        .get(BASE + "/" + dry.get("pipeline_id").asText())
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    admin()
        .post(
            BASE,
            "{\"name\": \"both\", \"catalog\": \"main\", \"schema\": \"a\", \"target\": \"b\"}")
        .isError(400, INVALID, InvalidParameterValue.class);
  }

  /**
   * List: {@code {statuses: [{pipeline_id, name, state, creator_user_name, latest_updates}],
   * next_page_token}}, filtered by {@code name LIKE} or {@code notebook=}, at most 100 a page.
   */
  @Test
  @Contract(value = "GET /api/2.0/pipelines", doc = DOCS + "list.md")
  void listFiltersAndPages() {
    String prefix = unique("listing");
    String schema = unique("list");
    String file = sqlSource(schema, "CREATE OR REFRESH MATERIALIZED VIEW one AS SELECT 1 AS x;");
    String one = createPipeline(prefix + "_1", schema, file);
    String two = createPipeline(prefix + "_2", schema, file);
    String filter = "name LIKE '" + prefix + "%'";
    JsonNode all = admin().get(Wire.query(BASE, "filter", filter)).ok();
    List<String> ids = new ArrayList<>();
    all.get("statuses").forEach(s -> ids.add(s.get("pipeline_id").asText()));
    assertThat(ids).containsExactlyInAnyOrder(one, two);
    JsonNode row = all.get("statuses").get(0);
    assertThat(row.get("state").asText()).isEqualTo("IDLE");
    assertThat(row.get("creator_user_name").asText()).isEqualTo(Identities.ADMIN.userName());

    JsonNode first = admin().get(Wire.query(BASE, "filter", filter, "max_results", "1")).ok();
    assertThat(first.get("statuses")).hasSize(1);
    JsonNode second =
        admin()
            .get(
                Wire.query(
                    BASE,
                    "filter",
                    filter,
                    "max_results",
                    "1",
                    "page_token",
                    first.get("next_page_token").asText()))
            .ok();
    assertThat(second.get("statuses").get(0).get("pipeline_id").asText())
        .isNotEqualTo(first.get("statuses").get(0).get("pipeline_id").asText());
    admin()
        .get(Wire.query(BASE, "max_results", "101"))
        .isError(400, INVALID, InvalidParameterValue.class);
    admin()
        .get(Wire.query(BASE, "filter", "state = 'IDLE'"))
        .isError(400, INVALID, InvalidParameterValue.class);

    List<String> viaSdk = new ArrayList<>();
    for (PipelineStateInfo s :
        sdk(Identities.ADMIN_TOKEN)
            .pipelines()
            .listPipelines(new ListPipelinesRequest().setFilter(filter))) {
      viaSdk.add(s.getPipelineId());
    }
    assertThat(viaSdk).containsExactlyInAnyOrder(one, two);
  }

  /**
   * Get: {@code {pipeline_id, name, spec, state, creator_user_name, run_as_user_name,
   * last_modified}}; an unknown id is 404; another user's pipeline is 403.
   */
  @Test
  @Contract(value = "GET /api/2.0/pipelines/{pipeline_id}", doc = DOCS + "get.md")
  void getShowsThePipeline() {
    String id = simplePipeline("get");
    JsonNode got = admin().get(BASE + "/" + id).ok();
    assertThat(got.get("pipeline_id").asText()).isEqualTo(id);
    assertThat(got.get("spec").get("id").asText()).isEqualTo(id);
    assertThat(got.get("last_modified").asLong()).isPositive();
    assertThat(got.get("run_as_user_name").asText()).isEqualTo(Identities.ADMIN.userName());
    assertThat(
            sdk(Identities.ADMIN_TOKEN)
                .pipelines()
                .get(new GetPipelineRequest().setPipelineId(id))
                .getSpec()
                .getServerless())
        .isTrue();
    admin()
        .get(BASE + "/0000-unknown")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    analyst().get(BASE + "/" + id).isError(403, "PERMISSION_DENIED", PermissionDenied.class);
  }

  /** Edit: the body replaces the whole spec; answers {@code {}}. */
  @Test
  @Contract(value = "PUT /api/2.0/pipelines/{pipeline_id}", doc = DOCS + "edit.md")
  void editReplacesTheSpec() {
    String id = simplePipeline("edit");
    String renamed = unique("renamed");
    admin()
        .send(
            "PUT",
            BASE + "/" + id,
            "application/json",
            "{\"pipeline_id\": " + quote(id) + ", \"name\": " + quote(renamed) + "}")
        .okEmpty();
    JsonNode got = admin().get(BASE + "/" + id).ok();
    assertThat(got.get("name").asText()).isEqualTo(renamed);
    assertThat(got.get("spec").has("libraries")).isFalse();
    admin()
        .send("PUT", BASE + "/0000-unknown", "application/json", "{\"name\": \"x\"}")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  /** Delete: {@code {}}; the pipeline is gone, and with it (cascade, by default) its tables. */
  @Test
  @Contract(value = "DELETE /api/2.0/pipelines/{pipeline_id}", doc = DOCS + "delete.md")
  void deleteRemovesThePipelineAndItsTables() throws Exception {
    String schema = unique("delete");
    String file = sqlSource(schema, "CREATE OR REFRESH MATERIALIZED VIEW gone AS SELECT 1 AS x;");
    String id = createPipeline(unique("delete"), schema, file);
    awaitEnd(id, startUpdate(id, "{}"));
    admin().get("/api/2.1/unity-catalog/tables/main." + schema + ".gone").ok();
    analyst().delete(BASE + "/" + id).isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    admin().delete(BASE + "/" + id).okEmpty();
    admin()
        .get(BASE + "/" + id)
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    assertThat(admin().get("/api/2.1/unity-catalog/tables/main." + schema + ".gone").status())
        .isEqualTo(404);
  }

  /**
   * Start: {@code {update_id}}; refused while an update is active; full_refresh with a selection is
   * refused.
   */
  @Test
  @Contract(value = "POST /api/2.0/pipelines/{pipeline_id}/updates", doc = DOCS + "start.md")
  void startAnswersTheUpdateAndRefusesASecondActiveOne() throws Exception {
    String id = simplePipeline("start");
    String update = startUpdate(id, "{\"full_refresh\": true}");
    assertThat(update).isNotBlank();
    admin()
        .post(BASE + "/" + id + "/updates", "{}")
        .isError(409, "RESOURCE_CONFLICT", ResourceConflict.class);
    assertThat(awaitEnd(id, update).get("state").asText()).isEqualTo("COMPLETED");
    admin()
        .post(
            BASE + "/" + id + "/updates",
            "{\"full_refresh\": true, \"refresh_selection\": [\"one\"]}")
        .isError(400, INVALID, InvalidParameterValue.class);
    admin()
        .post(BASE + "/0000-unknown/updates", "{}")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  /** List updates: {@code {updates, next_page_token, prev_page_token}}, newest first, no config. */
  @Test
  @Contract(value = "GET /api/2.0/pipelines/{pipeline_id}/updates", doc = DOCS + "list-updates.md")
  void listUpdatesNewestFirst() throws Exception {
    String id = simplePipeline("updates");
    String first = startUpdate(id, "{}");
    awaitEnd(id, first);
    String second = startUpdate(id, "{\"validate_only\": true}");
    awaitEnd(id, second);
    JsonNode all = admin().get(BASE + "/" + id + "/updates").ok();
    assertThat(all.get("updates").get(0).get("update_id").asText()).isEqualTo(second);
    assertThat(all.get("updates").get(1).get("update_id").asText()).isEqualTo(first);
    assertThat(all.get("updates").get(0).has("config")).isFalse();
    JsonNode page = admin().get(Wire.query(BASE + "/" + id + "/updates", "max_results", "1")).ok();
    assertThat(page.get("updates")).hasSize(1);
    assertThat(page.get("next_page_token").asText()).isNotBlank();
  }

  /** Get update: {@code {update: {pipeline_id, update_id, state, config, creation_time, …}}}. */
  @Test
  @Contract(
      value = "GET /api/2.0/pipelines/{pipeline_id}/updates/{update_id}",
      doc = DOCS + "get-update.md")
  void getUpdateShowsItsConfigAndState() throws Exception {
    String id = simplePipeline("getupdate");
    String update = startUpdate(id, "{\"refresh_selection\": [\"one\"]}");
    JsonNode u = awaitEnd(id, update);
    assertThat(u.get("pipeline_id").asText()).isEqualTo(id);
    assertThat(u.get("cause").asText()).isEqualTo("API_CALL");
    assertThat(u.get("config").get("id").asText()).isEqualTo(id);
    assertThat(u.get("refresh_selection").get(0).asText()).isEqualTo("one");
    assertThat(u.get("creation_time").asLong()).isPositive();
    admin()
        .get(BASE + "/" + id + "/updates/0000-unknown")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  /** Stop: {@code {}}; the active update ends CANCELED; with none, a no-op. */
  @Test
  @Contract(value = "POST /api/2.0/pipelines/{pipeline_id}/stop", doc = DOCS + "stop.md")
  void stopCancelsTheActiveUpdate() throws Exception {
    String id = simplePipeline("stop");
    admin().post(BASE + "/" + id + "/stop", "{}").okEmpty();
    String update = startUpdate(id, "{}");
    admin().post(BASE + "/" + id + "/stop", "{}").okEmpty();
    assertThat(awaitEnd(id, update).get("state").asText()).isEqualTo("CANCELED");
  }

  /**
   * Events: {@code {events: [{id, sequence, origin, timestamp, level, event_type, message, error}],
   * next_page_token}}, newest first unless {@code timestamp asc}, filtered by level, id and
   * timestamp; a page token excludes every other field but max_results.
   */
  @Test
  @Contract(value = "GET /api/2.0/pipelines/{pipeline_id}/events", doc = DOCS + "events.md")
  void eventsAreOrderedFilteredAndPaged() throws Exception {
    String schema = unique("events");
    String file =
        sqlSource(schema, "CREATE OR REFRESH MATERIALIZED VIEW bad AS SELECT nope FROM missing_t;");
    String id = createPipeline(unique("events"), schema, file);
    String update = startUpdate(id, "{}");
    awaitEnd(id, update);
    String events = BASE + "/" + id + "/events";
    JsonNode desc = admin().get(events).ok().get("events");
    JsonNode newest = desc.get(0);
    for (String field : List.of("id", "sequence", "origin", "timestamp", "level", "event_type")) {
      assertThat(newest.has(field)).as(field).isTrue();
    }
    assertThat(newest.get("origin").get("update_id").asText()).isEqualTo(update);
    assertThat(newest.get("timestamp").asText()).endsWith("Z");
    JsonNode asc = admin().get(Wire.query(events, "order_by", "timestamp asc")).ok().get("events");
    assertThat(asc.get(0).get("event_type").asText()).isEqualTo("create_update");
    JsonNode errors = admin().get(Wire.query(events, "filter", "level='ERROR'")).ok().get("events");
    assertThat(errors).isNotEmpty();
    errors.forEach(e -> assertThat(e.get("level").asText()).isEqualTo("ERROR"));
    assertThat(errors)
        .anySatisfy(
            e ->
                assertThat(e.get("error").get("exceptions").get(0).get("message").asText())
                    .contains("missing_t"));
    JsonNode byId =
        admin()
            .get(Wire.query(events, "filter", "id='" + newest.get("id").asText() + "'"))
            .ok()
            .get("events");
    assertThat(byId).hasSize(1);
    JsonNode inLevels =
        admin()
            .get(
                Wire.query(
                    events,
                    "filter",
                    "level in ('ERROR', 'WARN') AND timestamp >= '2000-01-01T00:00:00Z'"))
            .ok()
            .get("events");
    assertThat(inLevels.size()).isEqualTo(errors.size());

    JsonNode first = admin().get(Wire.query(events, "max_results", "2")).ok();
    assertThat(first.get("events")).hasSize(2);
    String token = first.get("next_page_token").asText();
    JsonNode next = admin().get(Wire.query(events, "max_results", "2", "page_token", token)).ok();
    assertThat(next.get("events").get(0).get("id").asText())
        .isEqualTo(desc.get(2).get("id").asText());
    admin()
        .get(Wire.query(events, "page_token", token, "filter", "level='INFO'"))
        .isError(400, INVALID, InvalidParameterValue.class);
    admin()
        .get(Wire.query(events, "filter", "message LIKE '%x%'"))
        .isError(400, INVALID, InvalidParameterValue.class);
    admin()
        .get(Wire.query(events, "max_results", "1001"))
        .isError(400, INVALID, InvalidParameterValue.class);
  }

  private static String startUpdate(String id, String body) {
    return admin().post(BASE + "/" + id + "/updates", body).ok().get("update_id").asText();
  }

  /** The update once it ended, polled, bounded. */
  static JsonNode awaitEnd(String id, String update) throws InterruptedException {
    for (int i = 0; i < 1200; i++) {
      JsonNode u = admin().get(BASE + "/" + id + "/updates/" + update).ok().get("update");
      if (List.of("COMPLETED", "FAILED", "CANCELED").contains(u.get("state").asText())) {
        return u;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("update " + update + " did not end");
  }
}
