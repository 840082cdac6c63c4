package dev.databricksmcp.sandbox.workspace;

import com.databricks.sdk.service.workspace.Language;
import java.util.List;

/**
 * The notebooks a new sandbox has in {@code /Shared}: one SQL and one Python notebook over the
 * sample data, small enough to read in one export, for tools and jobs to work with.
 */
public final class SampleNotebooks {
  /** One sample notebook: where it is, its language and its commands. */
  public record Sample(String path, Language language, String purpose, List<String> cells) {}

  public static final Sample SQL =
      new Sample(
          "/Shared/Sample SQL notebook",
          Language.SQL,
          "Busiest pickup zip codes in samples.nyctaxi.trips",
          List.of(
              "-- MAGIC %md\n-- MAGIC # Taxi trips by pickup zip code",
              "SELECT pickup_zip, count(*) AS trips, round(avg(fare_amount), 2) AS avg_fare\n"
                  + "FROM samples.nyctaxi.trips\n"
                  + "GROUP BY pickup_zip\n"
                  + "ORDER BY trips DESC\n"
                  + "LIMIT 10"));

  public static final Sample PYTHON =
      new Sample(
          "/Shared/Sample Python notebook",
          Language.PYTHON,
          "Orders per status in samples.tpch.orders, with spark.sql",
          List.of(
              "# MAGIC %md\n# MAGIC # Orders per status",
              "df = spark.sql(\"SELECT o_orderstatus, count(*) AS orders"
                  + " FROM samples.tpch.orders GROUP BY o_orderstatus\")\n"
                  + "display(df)"));

  public static final List<Sample> ALL = List.of(SQL, PYTHON);

  private SampleNotebooks() {}
}
