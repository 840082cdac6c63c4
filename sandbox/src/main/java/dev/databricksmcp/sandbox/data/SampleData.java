package dev.databricksmcp.sandbox.data;

import dev.databricksmcp.sandbox.engine.DuckDbEngine;
import dev.databricksmcp.sandbox.engine.Sql;

/**
 * The {@code samples} catalog as Databricks ships it, generated in DuckDB at start from hash-based
 * expressions: deterministic, nothing downloaded. Sizes are realistic enough to page and aggregate.
 */
public final class SampleData {
  public static final int TRIPS = 21_932;

  private SampleData() {}

  public static void load(DuckDbEngine engine) {
    Sql.exec(
        engine,
        "CREATE SCHEMA IF NOT EXISTS uc_samples.nyctaxi",
        "CREATE SCHEMA IF NOT EXISTS uc_samples.tpch",
        // NYC taxi trips in January–February 2016, as in samples.nyctaxi.trips
        "CREATE OR REPLACE TABLE uc_samples.nyctaxi.trips AS "
            + "WITH r AS (SELECT range AS i, hash(range) AS h FROM range("
            + TRIPS
            + ")) SELECT TIMESTAMP '2016-01-01 00:00:00' + to_seconds((h % 5184000)::BIGINT) AS"
            + " tpep_pickup_datetime, TIMESTAMP '2016-01-01 00:00:00' + to_seconds((h %"
            + " 5184000)::BIGINT + 120 + (h >> 8) % 3000) AS tpep_dropoff_datetime, round(0.3 + ((h"
            + " >> 16) % 2000) / 100.0, 2)::DOUBLE AS trip_distance, round(2.5 + ((h >> 16) % 2000)"
            + " / 100.0 * 2.5 + ((h >> 24) % 500) / 100.0, 2)::DOUBLE AS fare_amount, (10001 + (h"
            + " >> 32) % 300)::INT AS pickup_zip, (10001 + (h >> 40) % 300)::INT AS dropoff_zip"
            + " FROM r",
        "COMMENT ON TABLE uc_samples.nyctaxi.trips IS 'Yellow taxi trips in New York City"
            + " (sample)'",
        "COMMENT ON COLUMN uc_samples.nyctaxi.trips.tpep_pickup_datetime IS 'When the meter was"
            + " engaged'",
        "COMMENT ON COLUMN uc_samples.nyctaxi.trips.tpep_dropoff_datetime IS 'When the meter was"
            + " disengaged'",
        "COMMENT ON COLUMN uc_samples.nyctaxi.trips.trip_distance IS 'Trip distance in miles'",
        "COMMENT ON COLUMN uc_samples.nyctaxi.trips.fare_amount IS 'Time-and-distance fare in USD'",
        "COMMENT ON COLUMN uc_samples.nyctaxi.trips.pickup_zip IS 'ZIP code where the trip"
            + " started'",
        "COMMENT ON COLUMN uc_samples.nyctaxi.trips.dropoff_zip IS 'ZIP code where the trip ended'",
        // TPC-H at a tiny scale
        "CREATE OR REPLACE TABLE uc_samples.tpch.region AS SELECT range::INT AS r_regionkey,"
            + " ['AFRICA','AMERICA','ASIA','EUROPE','MIDDLE EAST'][range + 1] AS r_name, 'region '"
            + " || range AS r_comment FROM range(5)",
        "CREATE OR REPLACE TABLE uc_samples.tpch.nation AS SELECT range::INT AS n_nationkey,"
            + " 'NATION ' || range AS n_name, (range % 5)::INT AS n_regionkey, 'nation ' || range"
            + " AS n_comment FROM range(25)",
        "CREATE OR REPLACE TABLE uc_samples.tpch.customer AS SELECT range::BIGINT AS c_custkey,"
            + " 'Customer#' || lpad(range::VARCHAR, 9, '0') AS c_name, (hash(range) % 25)::INT AS"
            + " c_nationkey, round((hash(range) % 1100000) / 100.0 - 1000, 2)::DECIMAL(18,2) AS"
            + " c_acctbal,"
            + " ['AUTOMOBILE','BUILDING','FURNITURE','HOUSEHOLD','MACHINERY'][(hash(range) %"
            + " 5)::INT + 1] AS c_mktsegment FROM range(1, 1501)",
        "CREATE OR REPLACE TABLE uc_samples.tpch.orders AS SELECT range::BIGINT AS o_orderkey, (1 +"
            + " hash(range) % 1500)::BIGINT AS o_custkey, ['F','O','P'][(hash(range) % 3)::INT + 1]"
            + " AS o_orderstatus, round((hash(range) % 50000000) / 100.0, 2)::DECIMAL(18,2) AS"
            + " o_totalprice, DATE '1992-01-01' + (hash(range) % 2400)::INT AS o_orderdate FROM"
            + " range(1, 15001)",
        "CREATE OR REPLACE TABLE uc_samples.tpch.lineitem AS SELECT (1 + range // 4)::BIGINT AS"
            + " l_orderkey, (range % 4 + 1)::INT AS l_linenumber, (1 + hash(range) % 2000)::BIGINT"
            + " AS l_partkey, (1 + hash(range) % 100)::BIGINT AS l_suppkey, (1 + hash(range) %"
            + " 50)::DECIMAL(18,2) AS l_quantity, round((hash(range) % 10000000) / 100.0,"
            + " 2)::DECIMAL(18,2) AS l_extendedprice, DATE '1992-01-02' + (hash(range) % 2500)::INT"
            + " AS l_shipdate FROM range(0, 60000)",
        "CREATE OR REPLACE TABLE uc_samples.tpch.part AS SELECT range::BIGINT AS p_partkey, 'part '"
            + " || range AS p_name, 'Brand#' || (1 + hash(range) % 5) || (1 + hash(range) % 5) AS"
            + " p_brand, round(900 + range / 10.0, 2)::DECIMAL(18,2) AS p_retailprice FROM range(1,"
            + " 2001)",
        "CREATE OR REPLACE TABLE uc_samples.tpch.supplier AS SELECT range::BIGINT AS s_suppkey,"
            + " 'Supplier#' || lpad(range::VARCHAR, 9, '0') AS s_name, (hash(range) % 25)::INT AS"
            + " s_nationkey, round((hash(range) % 1100000) / 100.0 - 1000, 2)::DECIMAL(18,2) AS"
            + " s_acctbal FROM range(1, 101)",
        "CREATE OR REPLACE TABLE uc_samples.tpch.partsupp AS SELECT (1 + range // 4)::BIGINT AS"
            + " ps_partkey, (1 + (range * 7) % 100)::BIGINT AS ps_suppkey, (1 + hash(range) %"
            + " 9999)::INT AS ps_availqty, round((hash(range) % 100000) / 100.0, 2)::DECIMAL(18,2)"
            + " AS ps_supplycost FROM range(0, 8000)",
        "COMMENT ON TABLE uc_samples.tpch.region IS 'TPC-H regions'",
        "COMMENT ON TABLE uc_samples.tpch.nation IS 'TPC-H nations'",
        "COMMENT ON TABLE uc_samples.tpch.customer IS 'TPC-H customers'",
        "COMMENT ON TABLE uc_samples.tpch.orders IS 'TPC-H orders'",
        "COMMENT ON TABLE uc_samples.tpch.lineitem IS 'TPC-H order line items'",
        "COMMENT ON TABLE uc_samples.tpch.part IS 'TPC-H parts'",
        "COMMENT ON TABLE uc_samples.tpch.supplier IS 'TPC-H suppliers'",
        "COMMENT ON TABLE uc_samples.tpch.partsupp IS 'TPC-H part suppliers'",
        "COMMENT ON COLUMN uc_samples.tpch.orders.o_totalprice IS 'Total price of the order'",
        "COMMENT ON COLUMN uc_samples.tpch.customer.c_mktsegment IS 'Market segment'");
    loadBakehouseReviews(engine);
  }

  /**
   * Customer reviews of a bakery chain's franchises, as in samples.bakehouse.media_customer_reviews
   * (a handful of rows written here): the text column the seeded vector search index embeds.
   */
  private static void loadBakehouseReviews(DuckDbEngine engine) {
    String[] reviews = {
      "The chocolate croissant was flaky and buttery, best pastry in town",
      "Sourdough bread had a perfect crust and a chewy tangy crumb",
      "Coffee was cold and the barista was rude, will not come back",
      "Cinnamon rolls were warm, soft and covered in sweet icing",
      "Long queue on Saturday morning but the almond croissant was worth it",
      "The gluten free muffins were dry and crumbly",
      "Friendly staff, clean tables and fresh baguettes every morning",
      "My birthday cake arrived late and the frosting had melted",
      "Great espresso and a lovely blueberry muffin for breakfast",
      "The rye bread is dense and hearty, ideal for sandwiches",
      "Prices went up again and the croissants got smaller",
      "Delivery was fast and the cookies were still warm"
    };
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < reviews.length; i++) {
      values
          .append(i == 0 ? "" : ", ")
          .append("(")
          .append(i + 1)
          .append(", '")
          .append(reviews[i])
          .append("', ")
          .append(3_000_000 + i % 4)
          .append(", TIMESTAMP '2024-05-01 09:00:00' + INTERVAL ")
          .append(i * 3)
          .append(" DAY)");
    }
    Sql.exec(
        engine,
        "CREATE SCHEMA IF NOT EXISTS uc_samples.bakehouse",
        "CREATE OR REPLACE TABLE uc_samples.bakehouse.media_customer_reviews (new_id BIGINT,"
            + " review VARCHAR, franchiseID BIGINT, review_date TIMESTAMP)",
        "INSERT INTO uc_samples.bakehouse.media_customer_reviews VALUES " + values,
        "COMMENT ON TABLE uc_samples.bakehouse.media_customer_reviews IS 'Customer reviews of"
            + " bakery franchises'");
  }
}
