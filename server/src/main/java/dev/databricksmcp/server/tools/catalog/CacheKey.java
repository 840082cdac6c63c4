package dev.databricksmcp.server.tools.catalog;

/**
 * What a {@link MetadataCache} entry holds, as a value: one record per kind of read, its fields the
 * request's parameters. Records compare by value, so two reads share an entry exactly when they
 * asked the same thing, and no name can be crafted to reach another kind's entry (as a joined
 * string could).
 */
public sealed interface CacheKey {
  /** A page of list_catalogs. */
  record Catalogs(int maxResults, String pageToken) implements CacheKey {}

  /** One catalog by name. */
  record Catalog(String name) implements CacheKey {}

  /** A page of list_schemas. */
  record Schemas(String catalog, int maxResults, String pageToken) implements CacheKey {}

  /** One schema by full name. */
  record Schema(String fullName) implements CacheKey {}

  /** A page of list_tables; with detail the columns are included, so it is another entry. */
  record Tables(String catalog, String schema, boolean detail, int maxResults, String pageToken)
      implements CacheKey {}

  /** One table by full name (get_table, preview_table). */
  record Table(String fullName) implements CacheKey {}
}
