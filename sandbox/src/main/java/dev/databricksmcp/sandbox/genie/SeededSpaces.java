package dev.databricksmcp.sandbox.genie;

import dev.databricksmcp.sandbox.genie.GenieSpaceSpec.Example;
import dev.databricksmcp.sandbox.sql.Warehouses;
import java.util.List;

/**
 * The Genie space a new sandbox has, over its sample data (samples.tpch, samples.nyctaxi). Its
 * example questions are what the sandbox can answer; some refine others ("by region", "only for
 * 1995") so that a follow-up in the same conversation has something to match.
 */
public final class SeededSpaces {
  /** The seeded space's id (32 hex digits, as Databricks' space ids are). */
  public static final String SAMPLES_SPACE_ID = "01f0c0ffee5a4d1b9e7a3c2b1d0e9f8a";

  public static final String SAMPLES_SPACE_TITLE = "Sample sales and taxi trips";

  private static final String BY_YEAR =
      "SELECT year(o_orderdate) AS order_year, count(*) AS orders, sum(o_totalprice) AS"
          + " total_value FROM samples.tpch.orders GROUP BY order_year ORDER BY order_year";

  public static final List<GenieSpaceSpec> ALL =
      List.of(
          new GenieSpaceSpec(
              SAMPLES_SPACE_ID,
              SAMPLES_SPACE_TITLE,
              "Orders, customers and regions of the TPC-H sample, and New York taxi trips of"
                  + " January-February 2016. Answers come from the sandbox's example-question"
                  + " matcher, not a model.",
              Warehouses.STARTER_ID,
              1_767_225_600_000L,
              List.of(
                  "samples.tpch.orders",
                  "samples.tpch.customer",
                  "samples.tpch.nation",
                  "samples.tpch.region",
                  "samples.nyctaxi.trips"),
              List.of(
                  "Order value is o_totalprice; an order's year is year(o_orderdate).",
                  "A customer's region is found through nation (c_nationkey) and region"
                      + " (n_regionkey)."),
              List.of(
                  new Example(
                      "How many orders are there per order status?",
                      "SELECT o_orderstatus, count(*) AS orders FROM samples.tpch.orders"
                          + " GROUP BY o_orderstatus ORDER BY o_orderstatus"),
                  new Example("What is the total order value per year?", BY_YEAR),
                  new Example(
                      "What is the total order value per year by region?",
                      "SELECT r.r_name AS region, year(o.o_orderdate) AS order_year,"
                          + " sum(o.o_totalprice) AS total_value FROM samples.tpch.orders o"
                          + " JOIN samples.tpch.customer c ON o.o_custkey = c.c_custkey"
                          + " JOIN samples.tpch.nation n ON c.c_nationkey = n.n_nationkey"
                          + " JOIN samples.tpch.region r ON n.n_regionkey = r.r_regionkey"
                          + " GROUP BY region, order_year ORDER BY region, order_year"),
                  new Example(
                      "What is the total order value only for 1995?",
                      "SELECT count(*) AS orders, sum(o_totalprice) AS total_value FROM"
                          + " samples.tpch.orders WHERE year(o_orderdate) = 1995"),
                  new Example(
                      "How many customers are in each market segment?",
                      "SELECT c_mktsegment, count(*) AS customers FROM samples.tpch.customer"
                          + " GROUP BY c_mktsegment ORDER BY c_mktsegment"),
                  new Example(
                      "Who are the top 10 customers by account balance?",
                      "SELECT c_name, c_mktsegment, c_acctbal FROM samples.tpch.customer"
                          + " ORDER BY c_acctbal DESC LIMIT 10"),
                  new Example(
                      "What is the average taxi fare per pickup zip code?",
                      "SELECT pickup_zip, count(*) AS trips, round(avg(fare_amount), 2) AS"
                          + " average_fare FROM samples.nyctaxi.trips GROUP BY pickup_zip"
                          + " ORDER BY trips DESC, pickup_zip LIMIT 20"))));

  private SeededSpaces() {}
}
