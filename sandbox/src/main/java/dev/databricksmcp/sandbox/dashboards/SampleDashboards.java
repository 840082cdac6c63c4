package dev.databricksmcp.sandbox.dashboards;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.sql.Warehouses;
import java.util.List;

/**
 * The AI/BI dashboards a new sandbox has, over its sample data (samples.tpch, samples.nyctaxi),
 * owned by the admin in their home folder: "Sales overview", published with the admin's credentials
 * on the starter warehouse, and "Taxi trips", a draft. Their {@code serialized_dashboard} has the
 * shape of an exported {@code .lvdash.json} (datasets with {@code queryLines}; pages whose {@code
 * layout} holds widgets with {@code queries} and a {@code spec} of {@code widgetType} and {@code
 * frame.title}, or a {@code multilineTextboxSpec} for text).
 */
public final class SampleDashboards {
  /** "Sales overview": published. 32 hex digits, as Databricks' dashboard ids are. */
  public static final String SALES_ID = "01f0d5a1b2c34e5f8a7b6c5d4e3f2a10";

  public static final String SALES_NAME = "Sales overview";

  /** "Taxi trips": a draft, never published. */
  public static final String TAXI_ID = "01f0d5a1b2c34e5f8a7b6c5d4e3f2a11";

  public static final String TAXI_NAME = "Taxi trips";

  /** When the seeded dashboards were made and published: 2026-01-01T00:00:00Z. */
  static final long SEEDED_AT = 1_767_225_600_000L;

  /** One seeded dashboard. */
  record Seed(String id, String name, String serialized, boolean published) {}

  static final List<Seed> ALL =
      List.of(
          new Seed(SALES_ID, SALES_NAME, sales(), true),
          new Seed(TAXI_ID, TAXI_NAME, taxi(), false));

  /** Where the seeds live: the admin's home folder, as a dashboard made in the UI would. */
  static String parentPath() {
    return "/Users/" + Identities.ADMIN.userName();
  }

  static String warehouseId() {
    return Warehouses.STARTER_ID;
  }

  private SampleDashboards() {}

  private static String sales() {
    ObjectNode d = Json.MAPPER.createObjectNode();
    ArrayNode datasets = d.putArray("datasets");
    dataset(
        datasets,
        "orders_by_year",
        "Orders by year",
        "SELECT year(o_orderdate) AS order_year, count(*) AS orders, sum(o_totalprice) AS"
            + " total_value",
        "FROM samples.tpch.orders",
        "GROUP BY order_year ORDER BY order_year");
    dataset(
        datasets,
        "orders_by_status",
        "Orders by status",
        "SELECT o_orderstatus, count(*) AS orders",
        "FROM samples.tpch.orders",
        "GROUP BY o_orderstatus");
    dataset(
        datasets,
        "customers_by_segment",
        "Customers by segment",
        "SELECT c_mktsegment, count(*) AS customers",
        "FROM samples.tpch.customer",
        "GROUP BY c_mktsegment");
    ArrayNode pages = d.putArray("pages");
    ArrayNode overview = page(pages, "a1b2c3d4", "Overview");
    chart(overview, "total_value", "counter", "Total order value", "orders_by_year", 0);
    chart(overview, "value_by_year", "bar", "Order value per year", "orders_by_year", 1);
    chart(overview, "status_share", "pie", "Orders by status", "orders_by_status", 2);
    ArrayNode customers = page(pages, "e5f6a7b8", "Customers");
    chart(customers, "segments", "bar", "Customers per market segment", "customers_by_segment", 0);
    chart(customers, "segment_table", "table", "Segments", "customers_by_segment", 1);
    return d.toString() + "\n";
  }

  private static String taxi() {
    ObjectNode d = Json.MAPPER.createObjectNode();
    ArrayNode datasets = d.putArray("datasets");
    dataset(
        datasets,
        "trips_by_zip",
        "Trips by pickup zip",
        "SELECT pickup_zip, count(*) AS trips, round(avg(fare_amount), 2) AS average_fare",
        "FROM samples.nyctaxi.trips",
        "GROUP BY pickup_zip ORDER BY trips DESC LIMIT 20");
    ArrayNode pages = d.putArray("pages");
    ArrayNode trips = page(pages, "c9d0e1f2", "Trips");
    ObjectNode text = trips.addObject();
    ObjectNode widget = text.putObject("widget").put("name", "intro");
    widget
        .putObject("multilineTextboxSpec")
        .putArray("lines")
        .add("## New York taxi trips\n")
        .add("January-February 2016, from samples.nyctaxi.trips.");
    position(text, 0);
    chart(trips, "busiest_zips", "bar", "Busiest pickup zip codes", "trips_by_zip", 1);
    chart(trips, "fares", "table", "Average fare per zip", "trips_by_zip", 2);
    return d.toString() + "\n";
  }

  private static void dataset(ArrayNode datasets, String name, String title, String... lines) {
    ObjectNode ds = datasets.addObject().put("name", name).put("displayName", title);
    ArrayNode query = ds.putArray("queryLines");
    for (int i = 0; i < lines.length; i++) {
      query.add(i < lines.length - 1 ? lines[i] + "\n" : lines[i]);
    }
  }

  private static ArrayNode page(ArrayNode pages, String name, String title) {
    return pages
        .addObject()
        .put("name", name)
        .put("displayName", title)
        .put("pageType", "PAGE_TYPE_CANVAS")
        .putArray("layout");
  }

  private static void chart(
      ArrayNode layout, String name, String type, String title, String dataset, int row) {
    ObjectNode item = layout.addObject();
    ObjectNode widget = item.putObject("widget").put("name", name);
    widget
        .putArray("queries")
        .addObject()
        .put("name", "main_query")
        .putObject("query")
        .put("datasetName", dataset)
        .put("disaggregated", false);
    ObjectNode spec = widget.putObject("spec").put("version", 3).put("widgetType", type);
    spec.putObject("frame").put("showTitle", true).put("title", title);
    position(item, row);
  }

  private static void position(ObjectNode item, int row) {
    item.putObject("position").put("x", 0).put("y", row * 6).put("width", 6).put("height", 6);
  }
}
