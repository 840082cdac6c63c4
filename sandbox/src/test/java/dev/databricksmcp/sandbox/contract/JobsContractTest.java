package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.analyst;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.quote;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.sdk;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.jobs.BaseJob;
import com.databricks.sdk.service.jobs.Job;
import com.databricks.sdk.service.jobs.ListJobsRequest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.sql.Warehouses;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Jobs API 2.2 jobs against its reference (https://docs.databricks.com/api/workspace/jobs). An
 * unknown job is 400 INVALID_PARAMETER_VALUE "Job … does not exist." as the service answers it
 * (databricks/terraform-provider-databricks#2225 logs "GET /api/2.1/jobs/get?job_id=… 400 …
 * INVALID_PARAMETER_VALUE … Job 998654886170278 does not exist."). The pages name no message for
 * the settings refused (duplicate task_key, depends_on an unknown task, a cycle, no task type, a
 * bad cron): the sandbox answers INVALID_PARAMETER_VALUE naming the problem, the code the service
 * uses for invalid settings. The SDK turns that 400 on jobs/get into ResourceDoesNotExist (its
 * ErrorOverrides: "Jobs InvalidParameterValue=>ResourceDoesNotExist", message "Job .* does not
 * exist"), which the sandbox's answer must match.
 */
@Timeout(120)
@ExtendWith(SharedSandbox.class)
class JobsContractTest {
  static final String BASE = "/api/2.2/jobs";
  private static final String INVALID = "INVALID_PARAMETER_VALUE";

  /** The seeded saved query "Trips per pickup zip" (SavedQueriesApi names it by its name). */
  static final String QUERY_ID =
      UUID.nameUUIDFromBytes("Trips per pickup zip".getBytes(StandardCharsets.UTF_8)).toString();

  static String sqlTask(String key, String dependsOn) {
    return "{\"task_key\": \""
        + key
        + "\", "
        + (dependsOn == null ? "" : "\"depends_on\": [{\"task_key\": \"" + dependsOn + "\"}], ")
        + "\"sql_task\": {\"warehouse_id\": \""
        + Warehouses.STARTER_ID
        + "\", \"query\": {\"query_id\": \""
        + QUERY_ID
        + "\"}}}";
  }

  static long createJob(String name, String... tasks) {
    return admin()
        .post(
            BASE + "/create",
            "{\"name\": " + quote(name) + ", \"tasks\": [" + String.join(", ", tasks) + "]}")
        .ok()
        .get("job_id")
        .asLong();
  }

  /**
   * Create: {@code {job_id}}; the settings are kept as given, with Jobs API 2.2's defaults (queue
   * enabled, max_concurrent_runs 1). https://docs.databricks.com/api/workspace/jobs/create
   */
  @Test
  @Contract(
      value = "POST /api/2.2/jobs/create",
      doc = "https://docs.databricks.com/api/workspace/jobs/create")
  void createKeepsTheSettingsAndRefusesInvalidOnes() {
    String name = unique("create");
    JsonNode created =
        admin()
            .post(
                BASE + "/create",
                "{\"name\": "
                    + quote(name)
                    + ", \"tags\": {\"team\": \"data\"}, \"timeout_seconds\": 600,"
                    + " \"schedule\": {\"quartz_cron_expression\": \"0 15 22 * * ?\","
                    + " \"timezone_id\": \"UTC\", \"pause_status\": \"PAUSED\"},"
                    + " \"parameters\": [{\"name\": \"day\", \"default\": \"today\"}],"
                    + " \"tasks\": ["
                    + sqlTask("a", null)
                    + ", "
                    + sqlTask("b", "a")
                    + "]}")
            .ok();
    assertThat(created.fieldNames()).toIterable().containsExactly("job_id");
    JsonNode job = admin().get(BASE + "/get?job_id=" + created.get("job_id").asLong()).ok();
    JsonNode s = job.get("settings");
    assertThat(s.get("name").asText()).isEqualTo(name);
    assertThat(s.get("queue").get("enabled").asBoolean()).isTrue();
    assertThat(s.get("max_concurrent_runs").asInt()).isEqualTo(1);
    assertThat(s.get("tasks")).hasSize(2);
    assertThat(job.get("creator_user_name").asText()).isEqualTo(Identities.ADMIN.userName());

    String a = sqlTask("a", null);
    refused("[" + a + ", " + a + "]", "Duplicate task_key");
    refused("[" + sqlTask("b", "zz") + "]", "zz");
    refused("[" + sqlTask("a", "b") + ", " + sqlTask("b", "a") + "]", "cycle");
    refused("[{\"task_key\": \"x\"}]", "no task type");
    admin()
        .post(
            BASE + "/create",
            "{\"name\": \"cron\", \"schedule\": {\"quartz_cron_expression\": \"every day\","
                + " \"timezone_id\": \"UTC\"}}")
        .isError(400, INVALID, InvalidParameterValue.class);
  }

  private static void refused(String tasks, String naming) {
    Reply reply = admin().post(BASE + "/create", "{\"name\": \"bad\", \"tasks\": " + tasks + "}");
    reply.isError(400, INVALID, InvalidParameterValue.class);
    assertThat(reply.json().get("message").asText()).contains(naming);
  }

  /**
   * List: {@code {jobs: [BaseJob], has_more, next_page_token, prev_page_token}}, filtered by exact
   * {@code name}, tasks only with {@code expand_tasks}, paged by {@code limit} and {@code
   * page_token}. https://docs.databricks.com/api/workspace/jobs/list
   */
  @Test
  @Contract(
      value = "GET /api/2.2/jobs/list",
      doc = "https://docs.databricks.com/api/workspace/jobs/list")
  void listFiltersExpandsAndPages() {
    String name = unique("list");
    long one = createJob(name, sqlTask("a", null));
    long two = createJob(name, sqlTask("a", null));
    JsonNode byName = admin().get(Wire.query(BASE + "/list", "name", name)).ok();
    assertThat(ids(byName)).containsExactlyInAnyOrder(one, two);
    assertThat(byName.get("jobs").get(0).get("settings").has("tasks")).isFalse();
    assertThat(byName.get("has_more").asBoolean()).isFalse();
    JsonNode expanded =
        admin().get(Wire.query(BASE + "/list", "name", name, "expand_tasks", "true")).ok();
    assertThat(expanded.get("jobs").get(0).get("settings").get("tasks")).hasSize(1);

    JsonNode first = admin().get(Wire.query(BASE + "/list", "name", name, "limit", "1")).ok();
    assertThat(first.get("jobs")).hasSize(1);
    assertThat(first.get("has_more").asBoolean()).isTrue();
    JsonNode second =
        admin()
            .get(
                Wire.query(
                    BASE + "/list",
                    "name",
                    name,
                    "limit",
                    "1",
                    "page_token",
                    first.get("next_page_token").asText()))
            .ok();
    assertThat(ids(second)).doesNotContainAnyElementsOf(ids(first));
    admin()
        .get(Wire.query(BASE + "/list", "limit", "101"))
        .isError(400, INVALID, InvalidParameterValue.class);

    List<Long> sdkIds = new ArrayList<>();
    for (BaseJob j : sdk(Identities.ADMIN_TOKEN).jobs().list(new ListJobsRequest().setName(name))) {
      sdkIds.add(j.getJobId());
    }
    assertThat(sdkIds).containsExactlyInAnyOrder(one, two);
  }

  /**
   * Get: {@code {job_id, creator_user_name, created_time, settings, run_as_user_name}}; an unknown
   * id is 400 INVALID_PARAMETER_VALUE "Job … does not exist."; a job is not shown to a user who may
   * not see it. https://docs.databricks.com/api/workspace/jobs/get
   */
  @Test
  @Contract(
      value = "GET /api/2.2/jobs/get",
      doc = "https://docs.databricks.com/api/workspace/jobs/get")
  void getReturnsTheJobAndRefusesAnUnknownOne() {
    long id = createJob(unique("get"), sqlTask("a", null));
    JsonNode job = admin().get(BASE + "/get?job_id=" + id).ok();
    assertThat(job.get("job_id").asLong()).isEqualTo(id);
    assertThat(job.get("created_time").asLong()).isPositive();
    assertThat(job.has("run_as_user_name")).isTrue();
    Job viaSdk =
        sdk(Identities.ADMIN_TOKEN)
            .jobs()
            .get(new com.databricks.sdk.service.jobs.GetJobRequest().setJobId(id));
    assertThat(viaSdk.getSettings().getTasks()).hasSize(1);

    Reply unknown = admin().get(BASE + "/get?job_id=123");
    JobsContractTest.doesNotExist(unknown);
    assertThat(unknown.json().get("message").asText()).isEqualTo("Job 123 does not exist.");
    analyst()
        .get(BASE + "/get?job_id=" + id)
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
  }

  /**
   * Update: {@code new_settings} fields replace the job's (tasks by task_key), {@code
   * fields_to_remove} removes top-level fields and {@code tasks/<key>}; answers {@code {}}.
   * https://docs.databricks.com/api/workspace/jobs/update
   */
  @Test
  @Contract(
      value = "POST /api/2.2/jobs/update",
      doc = "https://docs.databricks.com/api/workspace/jobs/update")
  void updateMergesAndRemoves() {
    long id = createJob(unique("update"), sqlTask("a", null), sqlTask("b", null));
    admin()
        .post(
            BASE + "/update",
            "{\"job_id\": "
                + id
                + ", \"new_settings\": {\"name\": \"renamed\", \"tags\": {\"k\": \"v\"}, \"tasks\": ["
                + sqlTask("c", "a")
                + "]}, \"fields_to_remove\": [\"tasks/b\"]}")
        .okEmpty();
    JsonNode s = admin().get(BASE + "/get?job_id=" + id).ok().get("settings");
    assertThat(s.get("name").asText()).isEqualTo("renamed");
    List<String> keys = new ArrayList<>();
    s.get("tasks").forEach(t -> keys.add(t.get("task_key").asText()));
    assertThat(keys).containsExactlyInAnyOrder("a", "c");
    admin()
        .post(
            BASE + "/update",
            "{\"job_id\": " + id + ", \"new_settings\": {\"tasks\": [" + sqlTask("a", "c") + "]}}")
        .isError(400, INVALID, InvalidParameterValue.class);
    admin()
        .post(BASE + "/update", "{\"job_id\": 123, \"new_settings\": {}}")
        .isError(400, INVALID, InvalidParameterValue.class);
  }

  /**
   * Reset: {@code new_settings} replace every setting; answers {@code {}}.
   * https://docs.databricks.com/api/workspace/jobs/reset
   */
  @Test
  @Contract(
      value = "POST /api/2.2/jobs/reset",
      doc = "https://docs.databricks.com/api/workspace/jobs/reset")
  void resetReplacesTheSettings() {
    long id = createJob(unique("reset"), sqlTask("a", null));
    admin()
        .post(
            BASE + "/reset",
            "{\"job_id\": "
                + id
                + ", \"new_settings\": {\"name\": \"fresh\", \"tasks\": ["
                + sqlTask("z", null)
                + "]}}")
        .okEmpty();
    JsonNode s = admin().get(BASE + "/get?job_id=" + id).ok().get("settings");
    assertThat(s.get("name").asText()).isEqualTo("fresh");
    assertThat(s.get("tasks").get(0).get("task_key").asText()).isEqualTo("z");
    admin()
        .post(BASE + "/reset", "{\"job_id\": " + id + "}")
        .isError(400, INVALID, InvalidParameterValue.class);
  }

  /** Delete: {@code {}}; the job is gone. https://docs.databricks.com/api/workspace/jobs/delete */
  @Test
  @Contract(
      value = "POST /api/2.2/jobs/delete",
      doc = "https://docs.databricks.com/api/workspace/jobs/delete")
  void deleteRemovesTheJob() {
    long id = createJob(unique("delete"), sqlTask("a", null));
    analyst()
        .post(BASE + "/delete", "{\"job_id\": " + id + "}")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    admin().post(BASE + "/delete", "{\"job_id\": " + id + "}").okEmpty();
    JobsContractTest.doesNotExist(admin().get(BASE + "/get?job_id=" + id));
    admin()
        .post(BASE + "/delete", "{\"job_id\": " + id + "}")
        .isError(400, INVALID, InvalidParameterValue.class);
  }

  /**
   * Run now: {@code {run_id, number_in_job}}; {@code job_parameters} override the defaults, a name
   * the job does not define is refused; the same {@code idempotency_token} gives the same run.
   * https://docs.databricks.com/api/workspace/jobs/runnow
   */
  @Test
  @Contract(
      value = "POST /api/2.2/jobs/run-now",
      doc = "https://docs.databricks.com/api/workspace/jobs/runnow")
  void runNowStartsARun() {
    String name = unique("runnow");
    long id =
        admin()
            .post(
                BASE + "/create",
                "{\"name\": "
                    + quote(name)
                    + ", \"parameters\": [{\"name\": \"p\", \"default\": \"d\"}],"
                    + " \"tasks\": ["
                    + sqlTask("a", null)
                    + "]}")
            .ok()
            .get("job_id")
            .asLong();
    String token = UUID.randomUUID().toString();
    String body =
        "{\"job_id\": "
            + id
            + ", \"job_parameters\": {\"p\": \"given\"}, \"idempotency_token\": \""
            + token
            + "\"}";
    JsonNode run = admin().post(BASE + "/run-now", body).ok();
    assertThat(run.get("run_id").asLong()).isPositive();
    assertThat(run.get("number_in_job").asLong()).isPositive();
    assertThat(admin().post(BASE + "/run-now", body).ok().get("run_id").asLong())
        .isEqualTo(run.get("run_id").asLong());
    JsonNode got = admin().get(BASE + "/runs/get?run_id=" + run.get("run_id").asLong()).ok();
    assertThat(got.get("job_parameters").get(0).get("value").asText()).isEqualTo("given");
    assertThat(got.get("job_parameters").get(0).get("default").asText()).isEqualTo("d");
    admin()
        .post(BASE + "/run-now", "{\"job_id\": " + id + ", \"job_parameters\": {\"nope\": \"x\"}}")
        .isError(400, INVALID, InvalidParameterValue.class);
    admin()
        .post(BASE + "/run-now", "{\"job_id\": 123}")
        .isError(400, INVALID, InvalidParameterValue.class);
  }

  /**
   * An unknown job or run: 400 INVALID_PARAMETER_VALUE "… does not exist.", which the SDK's
   * ErrorOverrides raise as ResourceDoesNotExist.
   */
  static void doesNotExist(Reply reply) {
    assertThat(reply.json().get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
    assertThat(reply.json().get("message").asText()).endsWith(" does not exist.");
    assertThat(reply.sdkError()).isExactlyInstanceOf(ResourceDoesNotExist.class);
    assertThat(reply.status()).isEqualTo(400);
  }

  private static List<Long> ids(JsonNode list) {
    List<Long> out = new ArrayList<>();
    if (list.has("jobs")) {
      list.get("jobs").forEach(j -> out.add(j.get("job_id").asLong()));
    }
    return out;
  }
}
