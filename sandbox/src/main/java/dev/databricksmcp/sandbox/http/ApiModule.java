package dev.databricksmcp.sandbox.http;

/** One area of the Databricks REST API (Unity Catalog, SQL statements, warehouses, …). */
public interface ApiModule {
  void register(Router router);
}
