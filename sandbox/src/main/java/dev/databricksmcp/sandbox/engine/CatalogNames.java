package dev.databricksmcp.sandbox.engine;

import java.util.Locale;

/**
 * Unity Catalog names ↔ DuckDB. A UC catalog is a DuckDB attached database named {@code uc_<name>}
 * (DuckDB reserves "main", "system", "temp" and "memory", which a workspace needs); a UC schema is
 * a DuckDB schema; a table is a DuckDB table or view.
 */
public final class CatalogNames {
  private static final String PREFIX = "uc_";

  private CatalogNames() {}

  public static String toDuckDb(String ucCatalog) {
    return PREFIX + ucCatalog.toLowerCase(Locale.ROOT);
  }

  /** The UC name of a DuckDB database, or null when it is not a UC catalog (DuckDB's own). */
  public static String fromDuckDb(String database) {
    return database.startsWith(PREFIX) ? database.substring(PREFIX.length()) : null;
  }

  /** A DuckDB identifier in double quotes. */
  public static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /** {@code "uc_c"."s"."t"} for a UC three-part name. */
  public static String qualified(String catalog, String schema, String table) {
    return quote(toDuckDb(catalog)) + "." + quote(schema) + "." + quote(table);
  }
}
