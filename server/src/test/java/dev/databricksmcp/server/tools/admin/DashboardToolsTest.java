package dev.databricksmcp.server.tools.admin;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.data;
import static dev.databricksmcp.server.testing.SandboxFixture.errorCode;
import static dev.databricksmcp.server.testing.SandboxFixture.items;
import static dev.databricksmcp.server.testing.SandboxFixture.message;
import static dev.databricksmcp.server.testing.SandboxFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.service.dashboards.CreateDashboardRequest;
import com.databricks.sdk.service.dashboards.Dashboard;
import com.databricks.sdk.service.dashboards.LifecycleState;
import com.databricks.sdk.service.dashboards.PublishedDashboard;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.dashboards.SampleDashboards;
import dev.databricksmcp.sandbox.sql.Warehouses;
import dev.databricksmcp.server.testing.SandboxFixture;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The dashboard tools against the sandbox through the real SDK: the seeded dashboards listed,
 * filtered and paged; one read with its pages and datasets in words and no raw JSON; publish and
 * unpublish seen by the SDK; a trash that is confirmed naming the dashboard, after which it leaves
 * the list and is read as TRASHED; the answers for bad ids, unknown ids, a trashed dashboard and a
 * user who may not manage it; and the caps on what a dashboard's contents may put in a result.
 */
@Timeout(120)
class DashboardToolsTest {
  private static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static String error(CallToolResult r) {
    return String.valueOf(body(r).get("error"));
  }

  /** A new draft of the admin's on the starter warehouse, one page with one bar chart. */
  private static Dashboard newDashboard(String name) {
    return fx.adminClient()
        .lakeview()
        .create(
            new CreateDashboardRequest()
                .setDashboard(
                    new Dashboard()
                        .setDisplayName(name)
                        .setWarehouseId(Warehouses.STARTER_ID)
                        .setSerializedDashboard(
                            "{\"datasets\": [{\"name\": \"d\", \"displayName\": \"Regions\","
                                + " \"queryLines\": [\"SELECT * \", \"FROM samples.tpch.region\"]}],"
                                + " \"pages\": [{\"name\": \"p\", \"displayName\": \"Only page\","
                                + " \"layout\": [{\"widget\": {\"name\": \"w\", \"queries\":"
                                + " [{\"name\": \"q\", \"query\": {\"datasetName\": \"d\"}}],"
                                + " \"spec\": {\"widgetType\": \"bar\", \"frame\": {\"title\":"
                                + " \"Regions chart\"}}}}]}]}")));
  }

  @Test
  void theSeededDashboardsAreListedFilteredAndPaged() {
    List<Map<String, Object>> all = items(fx.call("list_dashboards", Map.of()));
    assertThat(all)
        .extracting(r -> r.get("dashboard_id"))
        .contains(SampleDashboards.SALES_ID, SampleDashboards.TAXI_ID);
    Map<String, Object> sales =
        all.stream()
            .filter(r -> SampleDashboards.SALES_ID.equals(r.get("dashboard_id")))
            .findFirst()
            .orElseThrow();
    assertThat(sales)
        .containsOnlyKeys("dashboard_id", "name", "state", "warehouse_id", "created_at")
        .containsEntry("name", SampleDashboards.SALES_NAME)
        .containsEntry("state", "ACTIVE")
        .containsEntry("warehouse_id", Warehouses.STARTER_ID)
        .containsEntry("created_at", "2026-01-01T00:00:00Z");

    assertThat(items(fx.call("list_dashboards", Map.of("name_contains", "TAXI"))))
        .extracting(r -> r.get("name"))
        .containsExactly(SampleDashboards.TAXI_NAME);

    CallToolResult first = fx.call("list_dashboards", Map.of("max_results", 1));
    assertThat(items(first)).hasSize(1);
    Object token = data(first).get("next_page_token");
    assertThat(token).isNotNull();
    List<Map<String, Object>> second =
        items(fx.call("list_dashboards", Map.of("max_results", 1, "page_token", token)));
    assertThat(second).hasSize(1);
    assertThat(second.get(0).get("dashboard_id"))
        .isNotEqualTo(items(first).get(0).get("dashboard_id"));
  }

  @Test
  void aDashboardIsDescribedInWordsWithoutItsRawContents() {
    CallToolResult got =
        fx.call("get_dashboard", Map.of("dashboard_id", SampleDashboards.SALES_ID));
    Map<String, Object> d = ok(got);
    assertThat(d)
        .containsEntry("name", SampleDashboards.SALES_NAME)
        .containsEntry(
            "path", "/Users/" + Identities.ADMIN.userName() + "/Sales overview.lvdash.json")
        .containsEntry("state", "ACTIVE")
        .doesNotContainKey("serialized_dashboard");
    assertThat(d.get("published").toString())
        .contains("is_published=true", "embed_credentials=true");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> pages = (List<Map<String, Object>>) d.get("pages");
    assertThat(pages).extracting(p -> p.get("title")).containsExactly("Overview", "Customers");
    assertThat(pages.get(0).get("widgets"))
        .isEqualTo(
            List.of(
                Map.of(
                    "title",
                    "Total order value",
                    "type",
                    "counter",
                    "datasets",
                    List.of("orders_by_year")),
                Map.of(
                    "title",
                    "Order value per year",
                    "type",
                    "bar",
                    "datasets",
                    List.of("orders_by_year")),
                Map.of(
                    "title",
                    "Orders by status",
                    "type",
                    "pie",
                    "datasets",
                    List.of("orders_by_status"))));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> datasets = (List<Map<String, Object>>) d.get("datasets");
    assertThat(datasets).extracting(x -> x.get("name")).contains("customers_by_segment");
    assertThat(datasets.get(0).get("sql").toString())
        .startsWith("SELECT year(o_orderdate)")
        .contains("\nFROM samples.tpch.orders\n");
    assertThat(got.toString()).doesNotContain("queryLines", "widgetType", "\"position\"");
    assertThat(message(got)).contains("Sales overview", "published", "2 page(s)", "5 widget(s)");

    Map<String, Object> taxi =
        ok(fx.call("get_dashboard", Map.of("dashboard_id", SampleDashboards.TAXI_ID)));
    assertThat(taxi.get("published")).isEqualTo(Map.of("is_published", false));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> taxiPages = (List<Map<String, Object>>) taxi.get("pages");
    assertThat(((List<?>) taxiPages.get(0).get("widgets")).get(0))
        .isEqualTo(Map.of("title", "New York taxi trips", "type", "text"));
  }

  @Test
  void publishAndUnpublishAreWhatTheWorkspaceSees() {
    Dashboard made = newDashboard("Tool published");
    String id = made.getDashboardId();
    CallToolResult published =
        fx.call(
            "publish_dashboard",
            Map.of(
                "dashboard_id",
                id,
                "embed_credentials",
                false,
                "warehouse_id",
                Warehouses.ANALYTICS_ID));
    assertThat(ok(published).get("published").toString())
        .contains("is_published=true", "embed_credentials=false", Warehouses.ANALYTICS_ID);
    assertThat(message(published)).contains("Tool published", "their own permissions");
    PublishedDashboard seen = fx.adminClient().lakeview().getPublished(id);
    assertThat(seen.getEmbedCredentials()).isFalse();
    assertThat(seen.getWarehouseId()).isEqualTo(Warehouses.ANALYTICS_ID);

    ok(fx.call("publish_dashboard", Map.of("dashboard_id", id)));
    assertThat(fx.adminClient().lakeview().getPublished(id).getEmbedCredentials()).isTrue();
    assertThat(fx.adminClient().lakeview().getPublished(id).getWarehouseId())
        .isEqualTo(Warehouses.STARTER_ID);

    assertThat(ok(fx.call("unpublish_dashboard", Map.of("dashboard_id", id))))
        .containsEntry("was_published", true);
    assertThatThrownBy(() -> fx.adminClient().lakeview().getPublished(id))
        .isInstanceOf(NotFound.class);
    CallToolResult again = fx.call("unpublish_dashboard", Map.of("dashboard_id", id));
    assertThat(ok(again)).containsEntry("was_published", false);
    assertThat(message(again)).contains("was not published");
  }

  @Test
  void trashIsConfirmedNamingTheDashboardAndLeavesItReadableAsTrashed() {
    Dashboard made = newDashboard("Tool doomed");
    String id = made.getDashboardId();
    ok(fx.call("publish_dashboard", Map.of("dashboard_id", id)));

    CallToolResult ask = fx.callConfirming("trash_dashboard", Map.of("dashboard_id", id));
    assertThat(errorCode(ask)).isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(error(ask))
        .contains("move dashboard 'Tool doomed' (" + made.getPath() + "), unpublishing it,")
        .contains("to the trash");
    assertThat(fx.adminClient().lakeview().get(id).getLifecycleState())
        .isEqualTo(LifecycleState.ACTIVE);

    CallToolResult trashed = fx.call("trash_dashboard", Map.of("dashboard_id", id));
    assertThat(ok(trashed)).containsEntry("state", "TRASHED").containsEntry("was_published", true);
    assertThat(items(fx.call("list_dashboards", Map.of())))
        .noneMatch(r -> id.equals(r.get("dashboard_id")));
    assertThat(items(fx.call("list_dashboards", Map.of("include_trashed", true))))
        .anyMatch(r -> id.equals(r.get("dashboard_id")) && "TRASHED".equals(r.get("state")));
    assertThat(ok(fx.call("get_dashboard", Map.of("dashboard_id", id))))
        .containsEntry("state", "TRASHED")
        .containsEntry("published", Map.of("is_published", false));

    CallToolResult twice = fx.call("trash_dashboard", Map.of("dashboard_id", id));
    assertThat(errorCode(twice)).isEqualTo("CONFLICT");
    assertThat(error(twice)).contains("already in the trash");
    CallToolResult publish = fx.call("publish_dashboard", Map.of("dashboard_id", id));
    assertThat(errorCode(publish)).isEqualTo("CONFLICT");
    assertThat(error(publish)).contains("in the trash");
  }

  @Test
  void badAndUnknownIdsAreSaidAsSuch() {
    for (String tool :
        List.of("get_dashboard", "publish_dashboard", "unpublish_dashboard", "trash_dashboard")) {
      CallToolResult bad = fx.call(tool, Map.of("dashboard_id", "../../jobs/list"));
      assertThat(errorCode(bad)).as(tool).isEqualTo("VALIDATION_ERROR");
      assertThat(error(bad)).as(tool).startsWith("dashboard_id:").contains("32 hex digits");
      assertThat(
              errorCode(fx.call(tool, Map.of("dashboard_id", "0123456789abcdef0123456789abcdef"))))
          .as(tool)
          .isEqualTo("NOT_FOUND");
    }
    // an id pasted in capitals is the same id
    assertThat(
            ok(
                fx.call(
                    "get_dashboard",
                    Map.of("dashboard_id", SampleDashboards.SALES_ID.toUpperCase()))))
        .containsEntry("dashboard_id", SampleDashboards.SALES_ID);
    CallToolResult warehouse =
        fx.call(
            "publish_dashboard",
            Map.of("dashboard_id", SampleDashboards.TAXI_ID, "warehouse_id", "a b"));
    assertThat(errorCode(warehouse)).isEqualTo("VALIDATION_ERROR");
    assertThat(error(warehouse)).startsWith("warehouse_id:");
  }

  @Test
  void anotherUserReadsButCannotManageTheAdminsDashboard() {
    assertThat(
            ok(
                fx.call(
                    "get_dashboard",
                    Map.of("dashboard_id", SampleDashboards.SALES_ID),
                    Identities.USER_TOKEN,
                    false)))
        .containsEntry("name", SampleDashboards.SALES_NAME);
    for (String tool : List.of("publish_dashboard", "unpublish_dashboard", "trash_dashboard")) {
      assertThat(
              errorCode(
                  fx.call(
                      tool,
                      Map.of("dashboard_id", SampleDashboards.SALES_ID),
                      Identities.USER_TOKEN,
                      false)))
          .as(tool)
          .isEqualTo("PERMISSION_DENIED");
    }
    assertThat(fx.adminClient().lakeview().get(SampleDashboards.SALES_ID).getLifecycleState())
        .isEqualTo(LifecycleState.ACTIVE);
    assertThat(fx.adminClient().lakeview().getPublished(SampleDashboards.SALES_ID)).isNotNull();
    assertThatThrownBy(() -> fx.tool("publish_dashboard", true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(fx.tool("get_dashboard", true)).isNotNull();
  }

  @Test
  void whatADashboardsContentsPutInAResultIsCapped() {
    StringBuilder json = new StringBuilder("{\"datasets\": [");
    for (int i = 0; i < DashboardSummary.MAX_DATASETS + 5; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"name\": \"d")
          .append(i)
          .append("\", \"queryLines\": [\"SELECT '")
          .append("x".repeat(DashboardSummary.MAX_SQL_BYTES))
          .append("'\"]}");
    }
    json.append("], \"pages\": [");
    for (int p = 0; p < DashboardSummary.MAX_PAGES + 1; p++) {
      json.append(p == 0 ? "" : ",")
          .append("{\"displayName\": \"P")
          .append(p)
          .append("\", \"layout\": [");
      for (int w = 0; w < DashboardSummary.MAX_WIDGETS + 2; w++) {
        json.append(w == 0 ? "" : ",")
            .append("{\"widget\": {\"spec\": {\"widgetType\": \"bar\", \"frame\": {\"title\": \"W")
            .append(w)
            .append("\"}}}}");
      }
      json.append("]}");
    }
    json.append("]}");
    Map<String, Object> summary = DashboardSummary.of(json.toString());
    assertThat((List<?>) summary.get("pages")).hasSize(DashboardSummary.MAX_PAGES);
    assertThat(summary).containsEntry("pages_total", DashboardSummary.MAX_PAGES + 1);
    assertThat(summary).containsEntry("datasets_total", DashboardSummary.MAX_DATASETS + 5);
    @SuppressWarnings("unchecked")
    Map<String, Object> page = ((List<Map<String, Object>>) summary.get("pages")).get(0);
    assertThat((List<?>) page.get("widgets")).hasSize(DashboardSummary.MAX_WIDGETS);
    assertThat(page).containsEntry("widgets_total", DashboardSummary.MAX_WIDGETS + 2);
    @SuppressWarnings("unchecked")
    Map<String, Object> dataset = ((List<Map<String, Object>>) summary.get("datasets")).get(0);
    assertThat(dataset).containsEntry("sql_truncated", true);
    assertThat(dataset.get("sql").toString().length()).isEqualTo(DashboardSummary.MAX_SQL_BYTES);

    assertThat(DashboardSummary.of("not json")).containsEntry("contents_unreadable", true);
    assertThat(DashboardSummary.of(null)).doesNotContainKey("contents_unreadable");
  }
}
