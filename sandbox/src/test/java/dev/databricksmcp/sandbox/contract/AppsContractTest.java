package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.analyst;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.InvalidState;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.apps.App;
import com.databricks.sdk.service.apps.AppDeployment;
import com.databricks.sdk.service.apps.AppDeploymentMode;
import com.databricks.sdk.service.apps.AppDeploymentState;
import com.databricks.sdk.service.apps.ApplicationState;
import com.databricks.sdk.service.apps.ComputeState;
import com.databricks.sdk.service.apps.CreateAppDeploymentRequest;
import com.databricks.sdk.service.apps.CreateAppRequest;
import com.databricks.sdk.service.apps.ListAppsRequest;
import com.databricks.sdk.service.apps.StartAppRequest;
import com.databricks.sdk.service.apps.StopAppRequest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.apps.SampleApps;
import dev.databricksmcp.sandbox.auth.Identities;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Apps API (index: https://docs.databricks.com/api/apps/v1/app.md and deployment.md): apps with
 * their compute and application states, start and stop on the sandbox's clock, deployments. Where
 * the pages are silent the sandbox chooses, and the test says so: starting an app already ACTIVE
 * (or stopping one STOPPED) answers the app as it is; starting one STOPPING, and deploying to
 * compute that is not ACTIVE or while a deployment is in progress, is 400 INVALID_STATE (the
 * message of the last is the service's, "Cannot deploy app … as there is an active deployment in
 * progress."); only the creator and workspace admins manage an app (403 PERMISSION_DENIED for
 * others) until the Permissions API serves apps' ACLs.
 */
@Timeout(120)
@ExtendWith(SharedSandbox.class)
class AppsContractTest {
  private static final String BASE = "/api/2.0/apps";
  private static final String DOC = "https://docs.databricks.com/api/apps/v1/";

  /** A name no other test uses, valid as an app name (lowercase, digits, hyphens, ≤ 30). */
  private static String unique(String prefix) {
    return prefix + "-" + Long.toString(System.nanoTime(), 36);
  }

  private static JsonNode create(Wire as, String name, boolean noCompute) {
    return as.post(
            BASE + (noCompute ? "?no_compute=true" : ""),
            "{\"name\": " + quote(name) + ", \"description\": \"contract test app\"}")
        .ok();
  }

  /** Polls the app until {@code done} holds (the sandbox's transitions take 200 ms here). */
  private static JsonNode until(String name, Predicate<JsonNode> done) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      JsonNode app = admin().get(BASE + "/" + name).ok();
      if (done.test(app)) {
        return app;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("app " + name + " never reached the state waited for");
  }

  private static Predicate<JsonNode> compute(String state) {
    return a -> state.equals(a.path("compute_status").path("state").asText());
  }

  private static Predicate<JsonNode> running() {
    return a -> "RUNNING".equals(a.path("app_status").path("state").asText());
  }

  /** An app of the admin's, compute ACTIVE and one deployment SUCCEEDED from {@code path}. */
  private static String deployed(String path) throws InterruptedException {
    String name = unique("dep");
    create(admin(), name, false);
    until(name, compute("ACTIVE"));
    admin()
        .post(BASE + "/" + name + "/deployments", "{\"source_code_path\": " + quote(path) + "}")
        .ok();
    until(name, running());
    return name;
  }

  /**
   * Create: the app as the documented example shows it, compute STARTING then ACTIVE, not deployed
   * (app_status UNAVAILABLE); its URL an AWS workspace's {@code <name>-<workspace id>
   * .aws.databricksapps.com}; a service principal of its own; {@code no_compute=true} leaves it
   * STOPPED. A second app of the name is 409 RESOURCE_ALREADY_EXISTS; a name outside "only
   * lowercase alphanumeric characters and hyphens", 2 to 30 of them, and a description over 500
   * characters are 400 INVALID_PARAMETER_VALUE.
   */
  @Test
  @Contract(value = "POST /api/2.0/apps", doc = DOC + "create-app.md")
  void createStartsTheComputeOfANewApp() throws InterruptedException {
    String name = unique("new");
    JsonNode app = create(admin(), name, false);
    JsonShape.named("App")
        .required(
            "name",
            "url",
            "compute_status.state",
            "app_status.state",
            "creator",
            "create_time",
            "service_principal_id",
            "service_principal_client_id",
            "service_principal_name")
        .check(app);
    assertThat(app.path("compute_status").path("state").asText()).isEqualTo("STARTING");
    assertThat(app.path("app_status").path("state").asText()).isEqualTo("UNAVAILABLE");
    assertThat(app.path("url").asText())
        .isEqualTo("https://" + name + "-" + Identities.WORKSPACE_ID + ".aws.databricksapps.com");
    assertThat(app.path("creator").asText()).isEqualTo(Identities.ADMIN.userName());
    assertThat(app.path("service_principal_name").asText()).matches("app-[a-z0-9]{6} " + name);
    assertThat(until(name, compute("ACTIVE")).has("active_deployment")).isFalse();

    String idle = unique("idle");
    assertThat(create(admin(), idle, true).path("compute_status").path("state").asText())
        .isEqualTo("STOPPED");
    admin()
        .post(BASE, "{\"name\": " + quote(name) + "}")
        .isError(409, "RESOURCE_ALREADY_EXISTS", ResourceAlreadyExists.class);
    for (String bad : new String[] {"Upper-Case", "under_score", "a", "x".repeat(31), "sp ace"}) {
      admin()
          .post(BASE, "{\"name\": " + quote(bad) + "}")
          .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    }
    admin()
        .post(BASE, "{\"description\": \"no name\"}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin()
        .post(
            BASE,
            "{\"name\": "
                + quote(unique("long"))
                + ", \"description\": "
                + quote("d".repeat(501))
                + "}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
  }

  /**
   * Get: the seeded dashboard RUNNING on ACTIVE compute, its active deployment from the admin's
   * folder SUCCEEDED; any user may read it. An unknown app is 404 RESOURCE_DOES_NOT_EXIST; a name
   * that cannot be an app's is 400 INVALID_PARAMETER_VALUE.
   */
  @Test
  @Contract(value = "GET /api/2.0/apps/{name}", doc = DOC + "get-app.md")
  void getAnswersTheAppWithItsStatesAndDeployment() {
    JsonNode app = analyst().get(BASE + "/" + SampleApps.RUNNING).ok();
    JsonShape.named("App").required("active_deployment.deployment_id").check(app);
    assertThat(app.path("compute_status").path("state").asText()).isEqualTo("ACTIVE");
    assertThat(app.path("app_status").path("state").asText()).isEqualTo("RUNNING");
    JsonNode deployment = app.path("active_deployment");
    assertThat(deployment.path("source_code_path").asText())
        .isEqualTo("/Workspace/Users/admin@sandbox.local/apps/sales-dashboard");
    assertThat(deployment.path("status").path("state").asText()).isEqualTo("SUCCEEDED");
    assertThat(deployment.path("deployment_id").asText()).matches("[0-9a-f]{32}");
    assertThat(app.path("resources").get(0).path("sql_warehouse").path("permission").asText())
        .isEqualTo("CAN_USE");

    admin()
        .get(BASE + "/no-such-app")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    admin()
        .get(BASE + "/Not_An_App")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
  }

  /**
   * List: {@code {"apps": [...], "next_page_token"}}; page_size bounds a page and the token leads
   * to the next; every user sees every app; a token the sandbox did not issue is 400.
   */
  @Test
  @Contract(value = "GET /api/2.0/apps", doc = DOC + "list-apps.md")
  void listPagesThroughTheApps() {
    List<String> names = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      JsonNode page =
          analyst()
              .get(
                  token == null
                      ? Wire.query(BASE, "page_size", "1")
                      : Wire.query(BASE, "page_size", "1", "page_token", token))
              .ok();
      JsonShape.of("{\"apps\": [\"@App\"], \"next_page_token\": \"string\"}").check(page);
      assertThat(page.path("apps").size()).isEqualTo(1);
      names.add(page.path("apps").get(0).path("name").asText());
      token = page.hasNonNull("next_page_token") ? page.get("next_page_token").asText() : null;
      pages++;
    } while (token != null && pages < 1000);
    assertThat(names).contains(SampleApps.RUNNING, SampleApps.STOPPED).doesNotHaveDuplicates();
    admin()
        .get(Wire.query(BASE, "page_token", "forged"))
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
  }

  /**
   * Update: description (≤ 500), resources and compute size change, those given (a field left out
   * keeps its value: the sandbox's reading of update-app.md), updater and update_time are set; a
   * rename is refused; a user who does not manage the app is 403 PERMISSION_DENIED.
   */
  @Test
  @Contract(value = "PATCH /api/2.0/apps/{name}", doc = DOC + "update-app.md")
  void updateChangesTheDescription() {
    String name = unique("upd");
    create(admin(), name, true);
    JsonNode updated =
        admin()
            .patch(BASE + "/" + name, "{\"name\": " + quote(name) + ", \"description\": \"v2\"}")
            .ok();
    assertThat(updated.path("description").asText()).isEqualTo("v2");
    assertThat(updated.path("updater").asText()).isEqualTo(Identities.ADMIN.userName());
    JsonNode sized = admin().patch(BASE + "/" + name, "{\"compute_size\": \"LARGE\"}").ok();
    assertThat(sized.path("compute_size").asText()).isEqualTo("LARGE");
    assertThat(sized.path("description").asText()).isEqualTo("v2");
    admin()
        .patch(BASE + "/" + name, "{\"name\": \"other-name\"}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    analyst()
        .patch(BASE + "/" + name, "{\"description\": \"mine now\"}")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    assertThat(admin().get(BASE + "/" + name).ok().path("description").asText()).isEqualTo("v2");
  }

  /** Delete: answers the app; it is gone after (404). Others than its managers are refused. */
  @Test
  @Contract(value = "DELETE /api/2.0/apps/{name}", doc = DOC + "delete-app.md")
  void deleteRemovesTheApp() {
    String name = unique("del");
    create(admin(), name, true);
    analyst().delete(BASE + "/" + name).isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    assertThat(admin().delete(BASE + "/" + name).ok().path("name").asText()).isEqualTo(name);
    admin()
        .get(BASE + "/" + name)
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    admin()
        .delete(BASE + "/" + name)
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  /**
   * Stop: STOPPING then STOPPED, the application UNAVAILABLE, the active deployment kept; stopping
   * a stopped app answers it as it is. Start ("Start the last active deployment of the app"):
   * STARTING then ACTIVE, and the last deployment's source is deployed again, the app DEPLOYING
   * then RUNNING on a new deployment; starting an app STOPPING is 400 INVALID_STATE.
   */
  @Test
  @Contract(value = "POST /api/2.0/apps/{name}/stop", doc = DOC + "stop-app.md")
  @Contract(value = "POST /api/2.0/apps/{name}/start", doc = DOC + "start-app.md")
  void stopThenStartDeploysTheLastDeploymentAgain() throws InterruptedException {
    String path = "/Workspace/Users/admin@sandbox.local/apps/restart-me";
    String name = deployed(path);
    String first =
        admin()
            .get(BASE + "/" + name)
            .ok()
            .path("active_deployment")
            .path("deployment_id")
            .asText();

    JsonNode stopping = admin().post(BASE + "/" + name + "/stop", "").ok();
    JsonShape.named("App").check(stopping);
    assertThat(stopping.path("compute_status").path("state").asText()).isEqualTo("STOPPING");
    admin()
        .post(BASE + "/" + name + "/start", "")
        .isError(400, "INVALID_STATE", InvalidState.class);
    JsonNode stopped = until(name, compute("STOPPED"));
    assertThat(stopped.path("app_status").path("state").asText()).isEqualTo("UNAVAILABLE");
    assertThat(stopped.path("active_deployment").path("deployment_id").asText()).isEqualTo(first);
    assertThat(admin().post(BASE + "/" + name + "/stop", "").ok().path("compute_status"))
        .isEqualTo(stopped.path("compute_status"));

    JsonNode starting = admin().post(BASE + "/" + name + "/start", "{}").ok();
    assertThat(starting.path("compute_status").path("state").asText()).isEqualTo("STARTING");
    JsonNode redeploying =
        until(name, a -> compute("ACTIVE").test(a) && a.has("pending_deployment"));
    assertThat(redeploying.path("app_status").path("state").asText()).isEqualTo("DEPLOYING");
    assertThat(redeploying.path("pending_deployment").path("source_code_path").asText())
        .isEqualTo(path);
    JsonNode again = until(name, running());
    assertThat(again.path("active_deployment").path("deployment_id").asText()).isNotEqualTo(first);
    assertThat(again.path("active_deployment").path("source_code_path").asText()).isEqualTo(path);
    assertThat(admin().post(BASE + "/" + name + "/start", "").ok().path("compute_status"))
        .isEqualTo(again.path("compute_status"));
    admin()
        .post(BASE + "/no-such-app/start", "")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  /**
   * The attack: the analyst (no admin) cannot stop, start or redeploy the admin's running app (403
   * PERMISSION_DENIED), and the app keeps running; the analyst manages an app of their own.
   */
  @Test
  @Contract(value = "POST /api/2.0/apps/{name}/stop", doc = DOC + "stop-app.md")
  void aUserCannotStopSomeoneElsesApp() throws InterruptedException {
    String victim = SampleApps.RUNNING;
    analyst()
        .post(BASE + "/" + victim + "/stop", "")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    analyst()
        .post(BASE + "/" + victim + "/start", "")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    analyst()
        .post(
            BASE + "/" + victim + "/deployments",
            "{\"source_code_path\": \"/Workspace/Users/analyst@sandbox.local/evil\"}")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    JsonNode still = admin().get(BASE + "/" + victim).ok();
    assertThat(still.path("compute_status").path("state").asText()).isEqualTo("ACTIVE");
    assertThat(still.path("app_status").path("state").asText()).isEqualTo("RUNNING");

    String own = unique("mine");
    Wire analyst = analyst();
    assertThat(create(analyst, own, true).path("creator").asText())
        .isEqualTo(Identities.ANALYST.userName());
    assertThat(
            analyst
                .post(BASE + "/" + own + "/start", "")
                .ok()
                .path("compute_status")
                .path("state")
                .asText())
        .isEqualTo("STARTING");
    until(own, compute("ACTIVE"));
    analyst.post(BASE + "/" + own + "/stop", "").ok();
  }

  /**
   * Create a deployment: IN_PROGRESS (the app's pending deployment, the app DEPLOYING), then
   * SUCCEEDED and active, the app RUNNING; mode defaults to SNAPSHOT; artifacts are copied under
   * the app's service principal. Without source_code_path, or outside /Workspace/, 400; on compute
   * not ACTIVE, or while another is in progress, 400 INVALID_STATE.
   */
  @Test
  @Contract(
      value = "POST /api/2.0/apps/{app_name}/deployments",
      doc = DOC + "create-app-deployment.md")
  void deployRunsTheSourceOnActiveCompute() throws InterruptedException {
    String name = unique("dpl");
    create(admin(), name, true);
    String deploy = BASE + "/" + name + "/deployments";
    String body = "{\"source_code_path\": \"/Workspace/Users/admin@sandbox.local/apps/x\"}";
    admin().post(deploy, body).isError(400, "INVALID_STATE", InvalidState.class);
    admin().post(BASE + "/" + name + "/start", "").ok();
    JsonNode active = until(name, compute("ACTIVE"));

    JsonNode started = admin().post(deploy, body).ok();
    JsonShape.named("AppDeployment")
        .required("deployment_id", "status.state", "mode")
        .check(started);
    assertThat(started.path("status").path("state").asText()).isEqualTo("IN_PROGRESS");
    assertThat(started.path("mode").asText()).isEqualTo("SNAPSHOT");
    assertThat(started.path("deployment_artifacts").path("source_code_path").asText())
        .isEqualTo(
            "/Workspace/Users/"
                + active.path("service_principal_client_id").asText()
                + "/src/"
                + started.path("deployment_id").asText());
    admin().post(deploy, body).isError(400, "INVALID_STATE", InvalidState.class);
    JsonNode done = until(name, running());
    assertThat(done.path("active_deployment").path("deployment_id"))
        .isEqualTo(started.path("deployment_id"));
    assertThat(done.has("pending_deployment")).isFalse();
    assertThat(done.path("default_source_code_path").asText())
        .isEqualTo("/Workspace/Users/admin@sandbox.local/apps/x");

    admin().post(deploy, "{}").isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin()
        .post(deploy, "{\"source_code_path\": \"/tmp/code\"}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
  }

  /**
   * List deployments: newest first, {@code {"app_deployments": [...], "next_page_token"}} in pages
   * of page_size; get one by id; an unknown deployment is 404 RESOURCE_DOES_NOT_EXIST.
   */
  @Test
  @Contract(
      value = "GET /api/2.0/apps/{app_name}/deployments",
      doc = DOC + "list-app-deployments.md")
  @Contract(
      value = "GET /api/2.0/apps/{app_name}/deployments/{deployment_id}",
      doc = DOC + "get-app-deployment.md")
  void deploymentsAreListedNewestFirstAndReadById() throws InterruptedException {
    String name = deployed("/Workspace/Users/admin@sandbox.local/apps/one");
    admin()
        .post(
            BASE + "/" + name + "/deployments",
            "{\"source_code_path\": \"/Workspace/Users/admin@sandbox.local/apps/two\","
                + " \"mode\": \"AUTO_SYNC\"}")
        .ok();
    until(name, running());

    JsonNode first =
        admin().get(Wire.query(BASE + "/" + name + "/deployments", "page_size", "1")).ok();
    JsonShape.of("{\"app_deployments\": [\"@AppDeployment\"], \"next_page_token\": \"string\"}")
        .check(first);
    JsonNode newest = first.path("app_deployments").get(0);
    assertThat(newest.path("source_code_path").asText()).endsWith("/two");
    assertThat(newest.path("mode").asText()).isEqualTo("AUTO_SYNC");
    JsonNode rest =
        admin()
            .get(
                Wire.query(
                    BASE + "/" + name + "/deployments",
                    "page_token",
                    first.path("next_page_token").asText()))
            .ok();
    assertThat(rest.path("app_deployments").size()).isEqualTo(1);
    assertThat(rest.path("app_deployments").get(0).path("source_code_path").asText())
        .endsWith("/one");
    assertThat(rest.has("next_page_token")).isFalse();

    String id = newest.path("deployment_id").asText();
    assertThat(
            analyst()
                .get(BASE + "/" + name + "/deployments/" + id)
                .ok()
                .path("status")
                .path("state")
                .asText())
        .isEqualTo("SUCCEEDED");
    admin()
        .get(BASE + "/" + name + "/deployments/0123456789abcdef0123456789abcdef")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  /**
   * The real SDK end to end ({@code WorkspaceClient.apps()}): create and wait for ACTIVE, list with
   * paging, get, deploy and wait for SUCCEEDED, list deployments, stop and wait for STOPPED, start
   * and wait for ACTIVE (the waiters of AppsAPI, polling get), delete; errors as the SDK's classes.
   */
  @Test
  @Contract(value = "POST /api/2.0/apps", doc = DOC + "create-app.md")
  @Contract(value = "GET /api/2.0/apps", doc = DOC + "list-apps.md")
  @Contract(value = "POST /api/2.0/apps/{name}/start", doc = DOC + "start-app.md")
  @Contract(value = "POST /api/2.0/apps/{name}/stop", doc = DOC + "stop-app.md")
  @Contract(
      value = "POST /api/2.0/apps/{app_name}/deployments",
      doc = DOC + "create-app-deployment.md")
  void sdkRoundTrip() throws Exception {
    WorkspaceClient w = SharedSandbox.sdk(Identities.ADMIN_TOKEN);
    Duration wait = Duration.ofSeconds(60);
    String name = unique("sdk");
    App created =
        w.apps()
            .create(new CreateAppRequest().setApp(new App().setName(name).setDescription("sdk")))
            .get(wait);
    assertThat(created.getComputeStatus().getState()).isEqualTo(ComputeState.ACTIVE);

    List<String> names =
        StreamSupport.stream(
                w.apps().list(new ListAppsRequest().setPageSize(1L)).spliterator(), false)
            .map(App::getName)
            .toList();
    assertThat(names).contains(name, SampleApps.RUNNING).doesNotHaveDuplicates();
    assertThat(w.apps().get(name).getCreator()).isEqualTo(Identities.ADMIN.userName());

    AppDeployment deployment =
        w.apps()
            .deploy(
                new CreateAppDeploymentRequest()
                    .setAppName(name)
                    .setAppDeployment(
                        new AppDeployment()
                            .setSourceCodePath("/Workspace/Users/admin@sandbox.local/apps/sdk")
                            .setMode(AppDeploymentMode.SNAPSHOT)))
            .get(wait);
    assertThat(deployment.getStatus().getState()).isEqualTo(AppDeploymentState.SUCCEEDED);
    assertThat(w.apps().listDeployments(name))
        .extracting(AppDeployment::getDeploymentId)
        .containsExactly(deployment.getDeploymentId());
    assertThat(w.apps().getDeployment(name, deployment.getDeploymentId()).getSourceCodePath())
        .endsWith("/apps/sdk");

    App stopped = w.apps().stop(new StopAppRequest().setName(name)).get(wait);
    assertThat(stopped.getComputeStatus().getState()).isEqualTo(ComputeState.STOPPED);
    App active = w.apps().start(new StartAppRequest().setName(name)).get(wait);
    assertThat(active.getComputeStatus().getState()).isEqualTo(ComputeState.ACTIVE);
    for (int i = 0;
        i < 100 && w.apps().get(name).getAppStatus().getState() != ApplicationState.RUNNING;
        i++) {
      Thread.sleep(50);
    }
    assertThat(w.apps().get(name).getAppStatus().getState()).isEqualTo(ApplicationState.RUNNING);

    assertThat(w.apps().delete(name).getName()).isEqualTo(name);
    assertThatThrownBy(() -> w.apps().get(name)).isInstanceOf(ResourceDoesNotExist.class);
    WorkspaceClient analyst = SharedSandbox.sdk(Identities.USER_TOKEN);
    assertThatThrownBy(() -> analyst.apps().stop(new StopAppRequest().setName(SampleApps.RUNNING)))
        .isInstanceOf(PermissionDenied.class);
  }
}
