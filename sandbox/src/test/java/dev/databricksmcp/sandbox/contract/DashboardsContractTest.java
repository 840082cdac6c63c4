package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.analyst;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.quote;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.Aborted;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.dashboards.CreateDashboardRequest;
import com.databricks.sdk.service.dashboards.Dashboard;
import com.databricks.sdk.service.dashboards.LifecycleState;
import com.databricks.sdk.service.dashboards.ListDashboardsRequest;
import com.databricks.sdk.service.dashboards.PublishRequest;
import com.databricks.sdk.service.dashboards.PublishedDashboard;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.dashboards.SampleDashboards;
import dev.databricksmcp.sandbox.sql.Warehouses;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Lakeview API for AI/BI dashboards (index: https://docs.databricks.com/api/lakeview/v1/
 * dashboard.md and published-dashboard.md). The reference documents shapes and no error; where the
 * service's answers are known from those who met them, the test follows them and says where from: a
 * trashed dashboard is refused 403 "lifecycle state [TRASHED] is not among the accepted states"
 * (databricks/terraform-provider-databricks#4235); a dashboard never published is 404 NOT_FOUND
 * "Unable to find published dashboard" (a probe of the live API quoted by a migration tool); an
 * unknown id "Unable to find dashboard [id]". The rest is the sandbox's choice, named as such
 * below.
 */
@Timeout(120)
@ExtendWith(SharedSandbox.class)
class DashboardsContractTest {
  private static final String BASE = "/api/2.0/lakeview/dashboards";
  private static final String DOC = "https://docs.databricks.com/api/lakeview/v1/";
  private static final String ADMIN_HOME = "/Users/" + Identities.ADMIN.userName();
  private static final String ANALYST_HOME = "/Users/" + Identities.ANALYST.userName();
  private static final ObjectMapper PLAIN = new ObjectMapper();

  /** The Dashboard object (dashboard/object.md), every field of it. */
  private static final JsonShape DASHBOARD =
      JsonShape.of(
              "{\"dashboard_id\": \"string\", \"display_name\": \"string\", \"path\": \"string\","
                  + " \"parent_path\": \"string\", \"create_time\": \"string\","
                  + " \"update_time\": \"string\", \"warehouse_id\": \"string\","
                  + " \"etag\": \"string\", \"serialized_dashboard\": \"string\","
                  + " \"lifecycle_state\": \"ACTIVE|TRASHED\"}")
          .required(
              "dashboard_id",
              "display_name",
              "path",
              "parent_path",
              "create_time",
              "update_time",
              "etag",
              "lifecycle_state");

  /** The PublishedDashboard object, as publish-dashboard.md's example has it. */
  private static final JsonShape PUBLISHED =
      JsonShape.of(
              "{\"display_name\": \"string\", \"warehouse_id\": \"string\","
                  + " \"embed_credentials\": true, \"revision_create_time\": \"string\"}")
          .required("display_name", "warehouse_id", "embed_credentials", "revision_create_time");

  private static final String SERIALIZED =
      "{\"datasets\": [{\"name\": \"d1\", \"displayName\": \"Orders\", \"queryLines\":"
          + " [\"SELECT * FROM samples.tpch.orders\"]}], \"pages\": [{\"name\": \"p1\","
          + " \"displayName\": \"Main\", \"layout\": []}]}";

  /** A new draft in the admin's home folder on the starter warehouse; its JSON. */
  private static JsonNode newDashboard(String name) {
    return admin()
        .post(
            BASE,
            "{\"display_name\": "
                + quote(name)
                + ", \"parent_path\": "
                + quote(ADMIN_HOME)
                + ", \"warehouse_id\": "
                + quote(Warehouses.STARTER_ID)
                + ", \"serialized_dashboard\": "
                + quote(SERIALIZED)
                + "}")
        .ok();
  }

  private static String one(String id) {
    return BASE + "/" + id;
  }

  /**
   * Create: the Dashboard object back, with a 32-hex id, the path {@code
   * <parent_path>/<display_name>.lvdash.json} (dashboard/object.md's example), ACTIVE, an etag;
   * serialized_dashboard kept, each page with its pageType and a final newline (what the CLI's test
   * server records of the service). Without parent_path the caller's home folder. Sandbox choices:
   * a missing display_name, a warehouse that does not exist or contents that are no JSON object are
   * INVALID_PARAMETER_VALUE; a folder that does not exist is "Path (…) doesn't exist." (the message
   * Terraform's provider looks for) as RESOURCE_DOES_NOT_EXIST; the same path twice is
   * RESOURCE_ALREADY_EXISTS with 400 as the Workspace API answers it; a folder the caller may not
   * write is PERMISSION_DENIED. https://docs.databricks.com/api/lakeview/v1/create-dashboard.md
   */
  @Test
  @Contract(value = "POST /api/2.0/lakeview/dashboards", doc = DOC + "create-dashboard.md")
  void createDashboard() throws Exception {
    String name = unique("Created");
    JsonNode made = newDashboard(name);
    DASHBOARD.check(made);
    assertThat(made.get("dashboard_id").asText()).matches("[0-9a-f]{32}");
    assertThat(made.get("path").asText()).isEqualTo(ADMIN_HOME + "/" + name + ".lvdash.json");
    assertThat(made.get("parent_path").asText()).isEqualTo(ADMIN_HOME);
    assertThat(made.get("lifecycle_state").asText()).isEqualTo("ACTIVE");
    assertThat(made.get("warehouse_id").asText()).isEqualTo(Warehouses.STARTER_ID);
    String stored = made.get("serialized_dashboard").asText();
    assertThat(stored).endsWith("\n");
    JsonNode contents = PLAIN.readTree(stored);
    assertThat(contents.at("/pages/0/pageType").asText()).isEqualTo("PAGE_TYPE_CANVAS");
    assertThat(contents.at("/datasets/0/queryLines/0").asText())
        .isEqualTo("SELECT * FROM samples.tpch.orders");

    JsonNode mine =
        analyst()
            .post(
                Wire.query(BASE, "dataset_catalog", "samples", "dataset_schema", "tpch"),
                "{\"display_name\": "
                    + quote(unique("Mine"))
                    + ", \"serialized_dashboard\": "
                    + quote(SERIALIZED)
                    + "}")
            .ok();
    assertThat(mine.get("parent_path").asText()).isEqualTo(ANALYST_HOME);
    JsonNode dataset = PLAIN.readTree(mine.get("serialized_dashboard").asText()).at("/datasets/0");
    assertThat(dataset.get("catalog").asText()).isEqualTo("samples");
    assertThat(dataset.get("schema").asText()).isEqualTo("tpch");

    admin()
        .post(BASE, "{\"parent_path\": " + quote(ADMIN_HOME) + "}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin()
        .post(BASE, "{\"display_name\": \"x\", \"warehouse_id\": \"0000000000000000\"}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin()
        .post(BASE, "{\"display_name\": \"x\", \"serialized_dashboard\": \"[1, 2]\"}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    Reply missing =
        admin().post(BASE, "{\"display_name\": \"x\", \"parent_path\": \"/Users/nobody/here\"}");
    missing.isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    assertThat(missing.json().get("message").asText())
        .isEqualTo("Path (/Users/nobody/here) doesn't exist.");
    WorkspaceContractTest.alreadyExists(
        admin()
            .post(
                BASE,
                "{\"display_name\": "
                    + quote(name)
                    + ", \"parent_path\": "
                    + quote(ADMIN_HOME)
                    + "}"));
    analyst()
        .post(BASE, "{\"display_name\": \"x\", \"parent_path\": " + quote(ADMIN_HOME) + "}")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
  }

  /**
   * Get: the seeded published dashboard, every field of the object, its contents with datasets and
   * pages; any user reads it. An unknown id is 404 NOT_FOUND "Unable to find dashboard [id]"; an id
   * that is not 32 hex digits INVALID_PARAMETER_VALUE (the sandbox's choice of code).
   * https://docs.databricks.com/api/lakeview/v1/get-dashboard.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/lakeview/dashboards/{dashboard_id}",
      doc = DOC + "get-dashboard.md")
  void getDashboard() throws Exception {
    JsonNode sales = analyst().get(one(SampleDashboards.SALES_ID)).ok();
    DASHBOARD.required("serialized_dashboard", "warehouse_id").check(sales);
    assertThat(sales.get("display_name").asText()).isEqualTo(SampleDashboards.SALES_NAME);
    assertThat(sales.get("path").asText())
        .isEqualTo(ADMIN_HOME + "/" + SampleDashboards.SALES_NAME + ".lvdash.json");
    JsonNode contents = PLAIN.readTree(sales.get("serialized_dashboard").asText());
    assertThat(contents.get("datasets").findValuesAsText("name")).contains("orders_by_year");
    assertThat(contents.at("/pages/0/layout/0/widget/spec/frame/title").asText())
        .isEqualTo("Total order value");

    Reply unknown = admin().get(one("0123456789abcdef0123456789abcdef"));
    unknown.isError(404, "NOT_FOUND", NotFound.class);
    assertThat(unknown.json().get("message").asText())
        .isEqualTo("Unable to find dashboard [0123456789abcdef0123456789abcdef]");
    admin()
        .get(one("not-an-id"))
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
  }

  /**
   * List: {@code {"dashboards": [...], "next_page_token"}}, entries without the fields "excluded in
   * List Dashboards responses" (path, parent_path, etag, update_time, serialized_dashboard); pages
   * of page_size followed by next_page_token reach every dashboard once; trashed dashboards only
   * with show_trashed; view takes DASHBOARD_VIEW_BASIC. Sandbox choices: a negative page_size, an
   * unknown view or a token it did not issue are INVALID_PARAMETER_VALUE.
   * https://docs.databricks.com/api/lakeview/v1/list-dashboards.md
   */
  @Test
  @Contract(value = "GET /api/2.0/lakeview/dashboards", doc = DOC + "list-dashboards.md")
  void listDashboards() {
    String trashed = newDashboard(unique("Trashed")).get("dashboard_id").asText();
    admin().delete(one(trashed)).okEmpty();

    JsonNode first = analyst().get(Wire.query(BASE, "page_size", "1")).ok();
    JsonShape.of(
            "{\"dashboards\": [{\"dashboard_id\": \"string\", \"display_name\": \"string\","
                + " \"create_time\": \"string\", \"warehouse_id\": \"string\","
                + " \"lifecycle_state\": \"ACTIVE|TRASHED\"}], \"next_page_token\": \"string\"}")
        .required(
            "dashboards[].dashboard_id",
            "dashboards[].display_name",
            "dashboards[].lifecycle_state",
            "next_page_token")
        .check(first);
    assertThat(first.get("dashboards")).hasSize(1);

    List<String> seen = new ArrayList<>();
    String token = null;
    do {
      JsonNode page =
          analyst()
              .get(
                  token == null
                      ? Wire.query(BASE, "page_size", "1", "view", "DASHBOARD_VIEW_BASIC")
                      : Wire.query(BASE, "page_size", "1", "page_token", token))
              .ok();
      page.get("dashboards").forEach(d -> seen.add(d.get("dashboard_id").asText()));
      token = page.path("next_page_token").asText(null);
    } while (token != null);
    assertThat(seen).doesNotHaveDuplicates().contains(SampleDashboards.SALES_ID);
    assertThat(seen).doesNotContain(trashed);
    assertThat(
            admin()
                .get(Wire.query(BASE, "show_trashed", "true", "page_size", "1000"))
                .ok()
                .get("dashboards")
                .findValuesAsText("dashboard_id"))
        .contains(trashed, SampleDashboards.SALES_ID);

    admin()
        .get(Wire.query(BASE, "page_size", "-1"))
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin()
        .get(Wire.query(BASE, "view", "DASHBOARD_VIEW_FULL"))
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin()
        .get(Wire.query(BASE, "page_token", "not-a-token"))
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
  }

  /**
   * Update (PATCH): what the body gives replaces the draft's; a new display_name renames the path;
   * the etag moves on every write, and a stale etag given back is refused (the reference: "Can be
   * optionally provided on updates to ensure that the dashboard has not been modified"; ABORTED 409
   * is the sandbox's choice of code). Only the creator or an admin edits; a trashed dashboard is
   * refused as a trash of it is. https://docs.databricks.com/api/lakeview/v1/update-dashboard.md
   */
  @Test
  @Contract(
      value = "PATCH /api/2.0/lakeview/dashboards/{dashboard_id}",
      doc = DOC + "update-dashboard.md")
  void updateDashboard() {
    JsonNode made = newDashboard(unique("Before"));
    String id = made.get("dashboard_id").asText();
    String renamed = unique("After");
    JsonNode updated =
        admin()
            .patch(
                one(id),
                "{\"display_name\": "
                    + quote(renamed)
                    + ", \"etag\": "
                    + quote(made.get("etag").asText())
                    + "}")
            .ok();
    DASHBOARD.check(updated);
    assertThat(updated.get("path").asText()).isEqualTo(ADMIN_HOME + "/" + renamed + ".lvdash.json");
    assertThat(updated.get("etag").asText()).isNotEqualTo(made.get("etag").asText());
    assertThat(updated.get("serialized_dashboard").asText())
        .isEqualTo(made.get("serialized_dashboard").asText());

    admin()
        .patch(
            one(id),
            "{\"display_name\": \"x\", \"etag\": " + quote(made.get("etag").asText()) + "}")
        .isError(409, "ABORTED", Aborted.class);
    analyst()
        .patch(one(id), "{\"display_name\": \"mine now\"}")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    admin().delete(one(id)).okEmpty();
    admin()
        .patch(one(id), "{\"display_name\": \"again\"}")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
  }

  /**
   * Trash (DELETE): {@code {}}; the dashboard is still read, TRASHED, and its published revision is
   * gone; a second trash is 403 "lifecycle state [TRASHED] is not among the accepted states"
   * (databricks/terraform-provider-databricks#4235).
   * https://docs.databricks.com/api/lakeview/v1/trash-dashboard.md
   */
  @Test
  @Contract(
      value = "DELETE /api/2.0/lakeview/dashboards/{dashboard_id}",
      doc = DOC + "trash-dashboard.md")
  void trashDashboard() {
    String id = newDashboard(unique("Doomed")).get("dashboard_id").asText();
    admin().post(one(id) + "/published", "{}").ok();
    admin().delete(one(id)).okEmpty();
    JsonNode trashed = admin().get(one(id)).ok();
    assertThat(trashed.get("lifecycle_state").asText()).isEqualTo("TRASHED");
    admin().get(one(id) + "/published").isError(404, "NOT_FOUND", NotFound.class);
    Reply again = admin().delete(one(id));
    again.isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    assertThat(again.json().get("message").asText())
        .contains("lifecycle state [TRASHED] is not among the accepted states");
    admin()
        .delete(one("0123456789abcdef0123456789abcdef"))
        .isError(404, "NOT_FOUND", NotFound.class);
  }

  /**
   * Publish: the PublishedDashboard of the example; embed_credentials "Default: true"; warehouse_id
   * overrides the draft's, which is used without one (as a live probe found). Sandbox choices: an
   * unknown warehouse is INVALID_PARAMETER_VALUE; a trashed dashboard is refused 403 as its trash
   * is. https://docs.databricks.com/api/lakeview/v1/publish-dashboard.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/lakeview/dashboards/{dashboard_id}/published",
      doc = DOC + "publish-dashboard.md")
  void publishDashboard() {
    String name = unique("Published");
    String id = newDashboard(name).get("dashboard_id").asText();
    JsonNode published = admin().post(one(id) + "/published", "{}").ok();
    PUBLISHED.check(published);
    assertThat(published.get("display_name").asText()).isEqualTo(name);
    assertThat(published.get("warehouse_id").asText()).isEqualTo(Warehouses.STARTER_ID);
    assertThat(published.get("embed_credentials").asBoolean()).isTrue();

    JsonNode again =
        admin()
            .post(
                one(id) + "/published",
                "{\"embed_credentials\": false, \"warehouse_id\": "
                    + quote(Warehouses.ANALYTICS_ID)
                    + "}")
            .ok();
    assertThat(again.get("warehouse_id").asText()).isEqualTo(Warehouses.ANALYTICS_ID);
    assertThat(again.get("embed_credentials").asBoolean()).isFalse();

    admin()
        .post(one(id) + "/published", "{\"warehouse_id\": \"0000000000000000\"}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin().delete(one(id)).okEmpty();
    admin()
        .post(one(id) + "/published", "{}")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
  }

  /**
   * Get published: the seeded dashboard's PublishedDashboard for any user; a draft never published
   * is 404 NOT_FOUND "Unable to find published dashboard [dashboardId=…]".
   * https://docs.databricks.com/api/lakeview/v1/get-published-dashboard.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/lakeview/dashboards/{dashboard_id}/published",
      doc = DOC + "get-published-dashboard.md")
  void getPublishedDashboard() {
    JsonNode published = analyst().get(one(SampleDashboards.SALES_ID) + "/published").ok();
    PUBLISHED.check(published);
    assertThat(published.get("display_name").asText()).isEqualTo(SampleDashboards.SALES_NAME);
    Reply draft = analyst().get(one(SampleDashboards.TAXI_ID) + "/published");
    draft.isError(404, "NOT_FOUND", NotFound.class);
    assertThat(draft.json().get("message").asText())
        .isEqualTo(
            "Unable to find published dashboard [dashboardId=" + SampleDashboards.TAXI_ID + "]");
  }

  /**
   * Unpublish: {@code {}}, after which the published revision is not found; unpublishing a draft is
   * that same NOT_FOUND (the sandbox's choice). Only the creator or an admin unpublishes.
   * https://docs.databricks.com/api/lakeview/v1/unpublish-dashboard.md
   */
  @Test
  @Contract(
      value = "DELETE /api/2.0/lakeview/dashboards/{dashboard_id}/published",
      doc = DOC + "unpublish-dashboard.md")
  void unpublishDashboard() {
    String id = newDashboard(unique("Unpublished")).get("dashboard_id").asText();
    admin().post(one(id) + "/published", "{}").ok();
    analyst()
        .delete(one(id) + "/published")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    admin().delete(one(id) + "/published").okEmpty();
    admin().get(one(id) + "/published").isError(404, "NOT_FOUND", NotFound.class);
    admin().delete(one(id) + "/published").isError(404, "NOT_FOUND", NotFound.class);
    assertThat(admin().get(one(id)).ok().get("lifecycle_state").asText()).isEqualTo("ACTIVE");
  }

  /**
   * The analyst, who neither created the admin's dashboard nor is an admin, reads it and its
   * published revision but cannot trash, publish, unpublish or edit it: 403 each time, and the
   * dashboard is as it was.
   */
  @Test
  @Contract(
      value = "DELETE /api/2.0/lakeview/dashboards/{dashboard_id}",
      doc = DOC + "trash-dashboard.md")
  @Contract(
      value = "POST /api/2.0/lakeview/dashboards/{dashboard_id}/published",
      doc = DOC + "publish-dashboard.md")
  void anotherUserCannotTrashOrPublishTheAdminsDashboard() {
    String sales = one(SampleDashboards.SALES_ID);
    JsonNode before = analyst().get(sales).ok();
    JsonNode publishedBefore = analyst().get(sales + "/published").ok();
    analyst().delete(sales).isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    analyst()
        .post(sales + "/published", "{\"embed_credentials\": false}")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    analyst()
        .delete(sales + "/published")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    analyst()
        .patch(sales, "{\"display_name\": \"Hijacked\"}")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    assertThat(admin().get(sales).ok()).isEqualTo(before);
    assertThat(admin().get(sales + "/published").ok()).isEqualTo(publishedBefore);
  }

  /**
   * The round trip through the Databricks SDK's LakeviewAPI: create, get, list page by page (the
   * SDK's iterator follows next_page_token), publish, read the published revision, unpublish,
   * trash; the SDK raises NotFound for the published revision once it is gone.
   */
  @Test
  @Contract(value = "POST /api/2.0/lakeview/dashboards", doc = DOC + "create-dashboard.md")
  @Contract(
      value = "GET /api/2.0/lakeview/dashboards/{dashboard_id}",
      doc = DOC + "get-dashboard.md")
  @Contract(value = "GET /api/2.0/lakeview/dashboards", doc = DOC + "list-dashboards.md")
  @Contract(
      value = "POST /api/2.0/lakeview/dashboards/{dashboard_id}/published",
      doc = DOC + "publish-dashboard.md")
  @Contract(
      value = "GET /api/2.0/lakeview/dashboards/{dashboard_id}/published",
      doc = DOC + "get-published-dashboard.md")
  @Contract(
      value = "DELETE /api/2.0/lakeview/dashboards/{dashboard_id}/published",
      doc = DOC + "unpublish-dashboard.md")
  @Contract(
      value = "DELETE /api/2.0/lakeview/dashboards/{dashboard_id}",
      doc = DOC + "trash-dashboard.md")
  void sdkRoundTrip() {
    WorkspaceClient analyst = SharedSandbox.sdk(Identities.USER_TOKEN);
    String name = unique("Sdk");
    Dashboard made =
        analyst
            .lakeview()
            .create(
                new CreateDashboardRequest()
                    .setDashboard(
                        new Dashboard()
                            .setDisplayName(name)
                            .setWarehouseId(Warehouses.STARTER_ID)
                            .setSerializedDashboard(SERIALIZED)));
    assertThat(made.getPath()).isEqualTo(ANALYST_HOME + "/" + name + ".lvdash.json");
    String id = made.getDashboardId();
    assertThat(analyst.lakeview().get(id).getDisplayName()).isEqualTo(name);

    Set<String> listed = new HashSet<>();
    StreamSupport.stream(
            analyst.lakeview().list(new ListDashboardsRequest().setPageSize(1L)).spliterator(),
            false)
        .forEach(d -> assertThat(listed.add(d.getDashboardId())).as("listed once").isTrue());
    assertThat(listed).contains(id, SampleDashboards.SALES_ID, SampleDashboards.TAXI_ID);

    PublishedDashboard published =
        analyst.lakeview().publish(new PublishRequest().setDashboardId(id));
    assertThat(published.getEmbedCredentials()).isTrue();
    assertThat(analyst.lakeview().getPublished(id).getWarehouseId())
        .isEqualTo(Warehouses.STARTER_ID);
    analyst.lakeview().unpublish(id);
    assertThatThrownBy(() -> analyst.lakeview().getPublished(id)).isInstanceOf(NotFound.class);
    analyst.lakeview().trash(id);
    assertThat(analyst.lakeview().get(id).getLifecycleState()).isEqualTo(LifecycleState.TRASHED);
    assertThat(
            StreamSupport.stream(
                analyst.lakeview().list(new ListDashboardsRequest()).spliterator(), false))
        .extracting(Dashboard::getDashboardId)
        .doesNotContain(id);
  }
}
