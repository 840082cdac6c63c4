package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.analyst;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.quote;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.sdk;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.iam.AccessControlRequest;
import com.databricks.sdk.service.iam.AccessControlResponse;
import com.databricks.sdk.service.iam.ObjectPermissions;
import com.databricks.sdk.service.iam.PermissionLevel;
import com.databricks.sdk.service.iam.PermissionsDescription;
import com.databricks.sdk.service.iam.SetObjectPermissions;
import com.databricks.sdk.service.iam.UpdateObjectPermissions;
import com.databricks.sdk.service.jobs.GetJobPermissionsRequest;
import com.databricks.sdk.service.jobs.JobPermissions;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Identities;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Permissions API (https://docs.databricks.com/api/workspace/permissions: get, set, update,
 * getpermissionlevels; the same routes under each object's page, e.g. jobs/getpermissions), on the
 * sandbox's own objects. The answer is the documented PermissionsResponse: {@code object_id}
 * ({@code /jobs/<id>}), {@code object_type} ({@code job}: "it can differ from the
 * request_object_type path segment"), and one {@code access_control_list} entry per principal with
 * {@code all_permissions} of {@code permission_level}, {@code inherited}, {@code
 * inherited_from_object}. The creator of a job is its IS_OWNER; admins hold CAN_MANAGE inherited
 * from {@code /jobs/}; a job has exactly one owner ("The job must have exactly one owner.", the
 * Databricks CLI's test server); set "replaces existing permissions" and "deletes all direct
 * permissions if none are specified", never the inherited ones. Where the pages give no error code
 * the sandbox answers 404 RESOURCE_DOES_NOT_EXIST for an unknown object, 400
 * INVALID_PARAMETER_VALUE for an unknown type, level or principal, and 403 PERMISSION_DENIED to a
 * caller without CAN_MANAGE.
 */
@Timeout(120)
@ExtendWith(SharedSandbox.class)
class PermissionsContractTest {
  private static final String BASE = "/api/2.0/permissions";
  private static final String DOC = "https://docs.databricks.com/api/workspace/permissions/";
  private static final String ADMIN = Identities.ADMIN.userName();
  private static final String ANALYST = Identities.ANALYST.userName();

  private static final JsonShape SHAPE =
      JsonShape.of(
              "{\"object_id\": \"string\", \"object_type\": \"string\", \"access_control_list\":"
                  + " [{\"user_name\": \"string\", \"group_name\": \"string\","
                  + " \"service_principal_name\": \"string\", \"display_name\": \"string\","
                  + " \"all_permissions\": [{\"permission_level\": \"CAN_MANAGE\", \"inherited\":"
                  + " true, \"inherited_from_object\": [\"string\"]}]}]}")
          .required(
              "object_id",
              "object_type",
              "access_control_list[].all_permissions[].permission_level",
              "access_control_list[].all_permissions[].inherited");

  private static long job() {
    return JobsContractTest.createJob(unique("acl"), JobsContractTest.sqlTask("a", null));
  }

  /** The levels a principal holds, written {@code LEVEL} or {@code LEVEL<from}. */
  private static List<String> levels(JsonNode acl, String field, String name) {
    List<String> out = new ArrayList<>();
    for (JsonNode entry : acl.get("access_control_list")) {
      if (name.equals(entry.path(field).asText(null))) {
        for (JsonNode p : entry.get("all_permissions")) {
          String level = p.get("permission_level").asText();
          out.add(
              p.get("inherited").asBoolean()
                  ? level + "<" + p.get("inherited_from_object").get(0).asText()
                  : level);
        }
      }
    }
    return out;
  }

  /**
   * Get: the documented shape; the creator IS_OWNER, admins CAN_MANAGE from {@code /jobs/}; an
   * unknown job 404, an unknown type 400, a user with no level on the job 403.
   */
  @Test
  @Contract(
      value = "GET /api/2.0/permissions/{request_object_type}/{request_object_id}",
      doc = DOC + "get")
  void getAnswersTheAclWithInheritedGrants() {
    long id = job();
    JsonNode acl = admin().get(BASE + "/jobs/" + id).ok();
    SHAPE.check(acl);
    assertThat(acl.get("object_id").asText()).isEqualTo("/jobs/" + id);
    assertThat(acl.get("object_type").asText()).isEqualTo("job");
    assertThat(levels(acl, "user_name", ADMIN)).containsExactly("IS_OWNER");
    assertThat(levels(acl, "group_name", "admins")).containsExactly("CAN_MANAGE</jobs/");
    admin()
        .get(BASE + "/jobs/123")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    admin()
        .get(BASE + "/gadgets/" + id)
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    analyst().get(BASE + "/jobs/" + id).isError(403, "PERMISSION_DENIED", PermissionDenied.class);
  }

  /**
   * Set: replaces the direct ACL (the analyst's grant gone after a second set), keeps the inherited
   * admins grant; the owner must stay exactly one; a level the kind does not take, an unknown
   * principal, a caller without CAN_MANAGE are refused.
   */
  @Test
  @Contract(
      value = "PUT /api/2.0/permissions/{request_object_type}/{request_object_id}",
      doc = DOC + "set")
  void setReplacesTheDirectAcl() {
    long id = job();
    String owner = "{\"user_name\": " + quote(ADMIN) + ", \"permission_level\": \"IS_OWNER\"}";
    String viewer = "{\"user_name\": " + quote(ANALYST) + ", \"permission_level\": \"CAN_VIEW\"}";
    JsonNode set =
        admin()
            .send(
                "PUT",
                BASE + "/jobs/" + id,
                "application/json",
                "{\"access_control_list\": [" + owner + ", " + viewer + "]}")
            .ok();
    SHAPE.check(set);
    assertThat(levels(set, "user_name", ANALYST)).containsExactly("CAN_VIEW");
    JsonNode replaced = put(id, "{\"access_control_list\": [" + owner + "]}").ok();
    assertThat(levels(replaced, "user_name", ANALYST)).isEmpty();
    assertThat(levels(replaced, "group_name", "admins")).containsExactly("CAN_MANAGE</jobs/");
    put(id, "{\"access_control_list\": [" + viewer + "]}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    put(id, "{\"access_control_list\": [" + owner + ", " + level("CAN_RESTART") + "]}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    put(
            id,
            "{\"access_control_list\": ["
                + owner
                + ", {\"user_name\": \"nobody@sandbox.local\", \"permission_level\": \"CAN_VIEW\"}]}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    analyst()
        .send("PUT", BASE + "/jobs/" + id, "application/json", "{\"access_control_list\": []}")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
  }

  private static String level(String level) {
    return "{\"group_name\": \"analysts\", \"permission_level\": \"" + level + "\"}";
  }

  private static Reply put(long id, String body) {
    return admin().send("PUT", BASE + "/jobs/" + id, "application/json", body);
  }

  /**
   * Update: adds to the direct ACL, the other grants kept; IS_OWNER given to another user moves the
   * ownership; a caller with CAN_MANAGE_RUN only is refused.
   */
  @Test
  @Contract(
      value = "PATCH /api/2.0/permissions/{request_object_type}/{request_object_id}",
      doc = DOC + "update")
  void updateAddsGrants() {
    long id = job();
    JsonNode updated =
        admin()
            .patch(
                BASE + "/jobs/" + id,
                "{\"access_control_list\": [" + level("CAN_MANAGE_RUN") + "]}")
            .ok();
    SHAPE.check(updated);
    assertThat(levels(updated, "group_name", "analysts")).containsExactly("CAN_MANAGE_RUN");
    assertThat(levels(updated, "user_name", ADMIN)).containsExactly("IS_OWNER");
    analyst()
        .patch(
            BASE + "/jobs/" + id,
            "{\"access_control_list\": [{\"user_name\": "
                + quote(ANALYST)
                + ", \"permission_level\": \"CAN_MANAGE\"}]}")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    JsonNode moved =
        admin()
            .patch(
                BASE + "/jobs/" + id,
                "{\"access_control_list\": [{\"user_name\": "
                    + quote(ANALYST)
                    + ", \"permission_level\": \"IS_OWNER\"}]}")
            .ok();
    assertThat(levels(moved, "user_name", ANALYST)).containsExactly("IS_OWNER");
    assertThat(levels(moved, "user_name", ADMIN)).isEmpty();
    admin()
        .patch(BASE + "/jobs/" + id, "{\"access_control_list\": [" + level("BOSS") + "]}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
  }

  /** Permission levels: the levels of the kind, lowest first, each with a description. */
  @Test
  @Contract(
      value = "GET /api/2.0/permissions/{request_object_type}/{request_object_id}/permissionLevels",
      doc = DOC + "getpermissionlevels")
  void permissionLevelsListTheKindsLevels() {
    long id = job();
    JsonNode levels = admin().get(BASE + "/jobs/" + id + "/permissionLevels").ok();
    JsonShape.of(
            "{\"permission_levels\": [{\"permission_level\": \"CAN_VIEW\", \"description\":"
                + " \"string\"}]}")
        .required("permission_levels[].permission_level", "permission_levels[].description")
        .check(levels);
    assertThat(levels.get("permission_levels").findValuesAsText("permission_level"))
        .containsExactly("CAN_VIEW", "CAN_MANAGE_RUN", "CAN_MANAGE", "IS_OWNER");
    JsonNode pools = admin().get(BASE + "/clusters/" + cluster() + "/permissionLevels").ok();
    assertThat(pools.get("permission_levels").findValuesAsText("permission_level"))
        .containsExactly("CAN_ATTACH_TO", "CAN_RESTART", "CAN_MANAGE");
    admin()
        .get(BASE + "/clusters/nope/permissionLevels")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  private static String cluster() {
    return admin()
        .post(
            "/api/2.1/clusters/create",
            "{\"spark_version\": \"15.4.x-scala2.12\", \"node_type_id\": \"m5d.large\","
                + " \"num_workers\": 0, \"autotermination_minutes\": 10}")
        .ok()
        .get("cluster_id")
        .asText();
  }

  /**
   * Inheritance: a notebook inherits its folders' grants ({@code inherited: true}, {@code
   * inherited_from_object: ["/directories/<id>"]}): its owner's home folder, and a grant set on its
   * own folder; set on the notebook leaves them.
   */
  @Test
  @Contract(
      value = "GET /api/2.0/permissions/{request_object_type}/{request_object_id}",
      doc = DOC + "get")
  void aNotebookInheritsFromItsFolders() {
    String dir = "/Users/" + ANALYST + "/" + unique("acl");
    analyst().post("/api/2.0/workspace/mkdirs", "{\"path\": " + quote(dir) + "}").okEmpty();
    analyst()
        .post(
            "/api/2.0/workspace/import",
            "{\"path\": "
                + quote(dir + "/nb")
                + ", \"format\": \"SOURCE\", \"language\": \"SQL\", \"content\": \"U0VMRUNUIDE=\"}")
        .okEmpty();
    long home = objectId("/Users/" + ANALYST);
    long folder = objectId(dir);
    long notebook = objectId(dir + "/nb");
    admin()
        .patch(
            BASE + "/directories/" + folder,
            "{\"access_control_list\": [{\"group_name\": \"data-engineers\","
                + " \"permission_level\": \"CAN_READ\"}]}")
        .ok();
    JsonNode acl = analyst().get(BASE + "/notebooks/" + notebook).ok();
    SHAPE.check(acl);
    assertThat(acl.get("object_id").asText()).isEqualTo("/notebooks/" + notebook);
    assertThat(acl.get("object_type").asText()).isEqualTo("notebook");
    assertThat(levels(acl, "user_name", ANALYST))
        .containsExactly("CAN_MANAGE</directories/" + home);
    assertThat(levels(acl, "group_name", "data-engineers"))
        .containsExactly("CAN_READ</directories/" + folder);
    assertThat(levels(acl, "group_name", "admins")).containsExactly("CAN_MANAGE</directories/");
    JsonNode set =
        analyst()
            .send(
                "PUT",
                BASE + "/notebooks/" + notebook,
                "application/json",
                "{\"access_control_list\": []}")
            .ok();
    assertThat(levels(set, "group_name", "data-engineers"))
        .containsExactly("CAN_READ</directories/" + folder);
    admin()
        .get(BASE + "/directories/" + notebook)
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  private static long objectId(String path) {
    return admin()
        .get(Wire.query("/api/2.0/workspace/get-status", "path", path))
        .ok()
        .get("object_id")
        .asLong();
  }

  /**
   * The grants are enforced on the sandbox's own objects: the analyst cannot restart the admin's
   * cluster nor grant himself CAN_MANAGE on the admin's job (403); given CAN_ATTACH_TO he sees the
   * cluster but still cannot restart it; given CAN_RESTART he can, but cannot resize it. A group's
   * CAN_MANAGE_RUN lets its member run the job and no one else.
   */
  @Test
  @Contract(
      value = "PATCH /api/2.0/permissions/{request_object_type}/{request_object_id}",
      doc = "https://docs.databricks.com/en/security/auth/access-control/index.html")
  void grantsAreEnforcedAndCannotBeTakenWithout() {
    String cluster = cluster();
    String restart = "{\"cluster_id\": " + quote(cluster) + "}";
    analyst()
        .post("/api/2.1/clusters/restart", restart)
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    analyst()
        .get("/api/2.1/clusters/get?cluster_id=" + cluster)
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    grant("clusters", cluster, "user_name", ANALYST, "CAN_ATTACH_TO");
    analyst().get("/api/2.1/clusters/get?cluster_id=" + cluster).ok();
    analyst()
        .post("/api/2.1/clusters/restart", restart)
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    grant("clusters", cluster, "user_name", ANALYST, "CAN_RESTART");
    analyst().post("/api/2.1/clusters/restart", restart).okEmpty();
    analyst()
        .post(
            "/api/2.1/clusters/resize",
            "{\"cluster_id\": " + quote(cluster) + ", \"num_workers\": 2}")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    admin().post("/api/2.1/clusters/permanent-delete", restart).okEmpty();

    long job = job();
    String runNow = "{\"job_id\": " + job + "}";
    analyst()
        .patch(
            BASE + "/jobs/" + job,
            "{\"access_control_list\": [{\"user_name\": "
                + quote(ANALYST)
                + ", \"permission_level\": \"CAN_MANAGE\"}]}")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    analyst()
        .post("/api/2.2/jobs/run-now", runNow)
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    grant("jobs", Long.toString(job), "group_name", "analysts", "CAN_MANAGE_RUN");
    assertThat(analyst().post("/api/2.2/jobs/run-now", runNow).ok().get("run_id").asLong())
        .isPositive();
    analyst().get("/api/2.2/jobs/get?job_id=" + job).ok();
    admin()
        .as(Identities.SERVICE_PRINCIPAL_TOKEN)
        .post("/api/2.2/jobs/run-now", runNow)
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    analyst()
        .post("/api/2.2/jobs/delete", runNow)
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
  }

  /**
   * Dashboards and apps obey their ACLs too: the analyst cannot publish the admin's dashboard nor
   * stop the admin's app until given CAN_MANAGE on it, and the grant on one object opens no other.
   */
  @Test
  @Contract(
      value = "PATCH /api/2.0/permissions/{request_object_type}/{request_object_id}",
      doc = "https://docs.databricks.com/aws/en/security/auth/access-control/")
  void dashboardsAndAppsObeyTheirAcls() {
    String dashboard =
        admin()
            .post(
                "/api/2.0/lakeview/dashboards",
                "{\"display_name\": "
                    + quote(unique("acl"))
                    + ", \"parent_path\": "
                    + quote("/Users/" + ADMIN)
                    + "}")
            .ok()
            .get("dashboard_id")
            .asText();
    String publish = "/api/2.0/lakeview/dashboards/" + dashboard + "/published";
    String body =
        "{\"warehouse_id\": " + quote(dev.databricksmcp.sandbox.sql.Warehouses.STARTER_ID) + "}";
    analyst().post(publish, body).isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    grant("dashboards", dashboard, "user_name", ANALYST, "CAN_MANAGE");
    analyst().post(publish, body).ok();
    assertThat(levels(admin().get(BASE + "/dashboards/" + dashboard).ok(), "user_name", ANALYST))
        .containsExactly("CAN_MANAGE");

    String app = "acl-" + Long.toString(System.nanoTime(), 36);
    admin().post("/api/2.0/apps?no_compute=true", "{\"name\": " + quote(app) + "}").ok();
    String other = "acl-" + Long.toString(System.nanoTime(), 36);
    admin().post("/api/2.0/apps?no_compute=true", "{\"name\": " + quote(other) + "}").ok();
    analyst()
        .post("/api/2.0/apps/" + app + "/start", "")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    grant("apps", app, "group_name", "analysts", "CAN_MANAGE");
    analyst().post("/api/2.0/apps/" + app + "/start", "").ok();
    analyst()
        .post("/api/2.0/apps/" + other + "/start", "")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    admin()
        .get(BASE + "/apps/no-such-app")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  private static void grant(String type, String id, String field, String name, String level) {
    admin()
        .patch(
            BASE + "/" + type + "/" + id,
            "{\"access_control_list\": [{\""
                + field
                + "\": "
                + quote(name)
                + ", \"permission_level\": \""
                + level
                + "\"}]}")
        .ok();
  }

  /**
   * The real Databricks SDK for Java: the generic PermissionsAPI (get, set, update,
   * getPermissionLevels) and a typed call (jobs().getPermissions) read and write the same ACL.
   */
  @Test
  @Contract(
      value = "GET /api/2.0/permissions/{request_object_type}/{request_object_id}",
      doc = DOC + "get")
  @Contract(
      value = "PUT /api/2.0/permissions/{request_object_type}/{request_object_id}",
      doc = DOC + "set")
  @Contract(
      value = "PATCH /api/2.0/permissions/{request_object_type}/{request_object_id}",
      doc = DOC + "update")
  @Contract(
      value = "GET /api/2.0/permissions/{request_object_type}/{request_object_id}/permissionLevels",
      doc = DOC + "getpermissionlevels")
  void sdkRoundTrip() {
    WorkspaceClient w = sdk(Identities.ADMIN_TOKEN);
    String id = Long.toString(job());
    ObjectPermissions got = w.permissions().get("jobs", id);
    assertThat(got.getObjectId()).isEqualTo("/jobs/" + id);
    assertThat(entry(got, ADMIN).getAllPermissions())
        .extracting(p -> p.getPermissionLevel())
        .containsExactly(PermissionLevel.IS_OWNER);
    ObjectPermissions updated =
        w.permissions()
            .update(
                new UpdateObjectPermissions()
                    .setRequestObjectType("jobs")
                    .setRequestObjectId(id)
                    .setAccessControlList(
                        List.of(
                            new AccessControlRequest()
                                .setGroupName("analysts")
                                .setPermissionLevel(PermissionLevel.CAN_MANAGE_RUN))));
    assertThat(updated.getAccessControlList())
        .anySatisfy(e -> assertThat(e.getGroupName()).isEqualTo("analysts"));
    JobPermissions typed = w.jobs().getPermissions(new GetJobPermissionsRequest().setJobId(id));
    assertThat(typed.getObjectId()).isEqualTo("/jobs/" + id);
    assertThat(typed.getAccessControlList())
        .anySatisfy(
            e -> {
              assertThat(e.getGroupName()).isEqualTo("analysts");
              assertThat(e.getAllPermissions().iterator().next().getPermissionLevel().name())
                  .isEqualTo("CAN_MANAGE_RUN");
            });
    ObjectPermissions set =
        w.permissions()
            .set(
                new SetObjectPermissions()
                    .setRequestObjectType("jobs")
                    .setRequestObjectId(id)
                    .setAccessControlList(
                        List.of(
                            new AccessControlRequest()
                                .setUserName(ADMIN)
                                .setPermissionLevel(PermissionLevel.IS_OWNER))));
    assertThat(set.getAccessControlList()).noneMatch(e -> "analysts".equals(e.getGroupName()));
    assertThat(w.permissions().getPermissionLevels("jobs", id).getPermissionLevels())
        .extracting(PermissionsDescription::getPermissionLevel)
        .contains(PermissionLevel.CAN_MANAGE_RUN);
    WorkspaceClient analyst = sdk(Identities.USER_TOKEN);
    assertThatThrownBy(() -> analyst.permissions().get("jobs", id))
        .isInstanceOf(PermissionDenied.class);
    assertThatThrownBy(() -> w.permissions().get("jobs", "1"))
        .isInstanceOf(ResourceDoesNotExist.class);
  }

  private static AccessControlResponse entry(ObjectPermissions acl, String user) {
    return acl.getAccessControlList().stream()
        .filter(e -> user.equals(e.getUserName()))
        .findFirst()
        .orElseThrow();
  }
}
