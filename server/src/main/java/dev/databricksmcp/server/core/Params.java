package dev.databricksmcp.server.core;

/**
 * The parameters many tools share, declared once. Toolset-specific ones live next to their tools
 * (e.g. {@code CatalogParams}, {@code SqlParams}).
 */
public final class Params {
  /** Default page size for list tools: small enough for a model's context. */
  public static final int DEFAULT_MAX_RESULTS = Pages.DEFAULT_MAX_RESULTS;

  /** Largest page any list tool hands back. */
  public static final int MAX_RESULTS_LIMIT = Pages.MAX_RESULTS_LIMIT;

  /** {@code max_results} with the usual default and limit. */
  public static final Param<Integer> MAX_RESULTS =
      maxResults(DEFAULT_MAX_RESULTS, MAX_RESULTS_LIMIT);

  /** The token a list tool handed back as {@code next_page_token}. */
  public static final Param<String> PAGE_TOKEN =
      Param.string("page_token", "Token from a previous call's next_page_token");

  /** Compact rows by default; every field with {@code detail=true}. */
  public static final Param<Boolean> DETAIL =
      Param.bool("detail", "Return every field").withDefault(false);

  private Params() {}

  /** {@code max_results} from 1 to {@code limit}, {@code defaultValue} when not given. */
  public static Param<Integer> maxResults(int defaultValue, int limit) {
    return Param.integer("max_results", "Page size (default {default}, at most {max})")
        .range(1, limit)
        .withDefault(defaultValue);
  }

  /**
   * A required single-part name (catalog, schema, table, volume, function), checked by {@link
   * Names#part}: the handler gets it lower-case, as Unity Catalog stores it.
   */
  public static Param<String> namePart(String name, String description) {
    return Param.string(name, description).checkedBy(Names::part).required();
  }

  /** A required column name, checked by {@link Names#column}: its case is kept. */
  public static Param<String> columnName(String name, String description) {
    return Param.string(name, description).checkedBy(Names::column).required();
  }

  /**
   * A name pattern with SQL LIKE wildcards ({@code %} any run, {@code _} one character; {@code *}
   * is taken for {@code %}), checked by {@link Names#pattern} naming this parameter.
   */
  public static Param<String> namePattern(String name, String description) {
    return Param.string(name, description).checkedBy(Names::pattern);
  }

  /**
   * A required dotted name of exactly {@code parts} parts (catalog.schema.table), checked by {@link
   * Names#fullName}: lower-case, as Unity Catalog stores it.
   */
  public static Param<String> fullName(String name, String description, int parts) {
    return Param.string(name, description)
        .checkedBy((field, value) -> Names.fullName(field, value, parts))
        .required();
  }

  /** A required opaque id (warehouse, statement, query …), checked by {@link Names#id}. */
  public static Param<String> id(String name, String description) {
    return Param.string(name, description).checkedBy(Names::id).required();
  }

  /**
   * Key-value pairs as the APIs take them (spark_conf, custom_tags, a pipeline's configuration):
   * every value as text, in the order given.
   */
  public static java.util.Map<String, String> textValues(java.util.Map<String, Object> values) {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }
}
