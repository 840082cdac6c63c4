package dev.databricksmcp.server.core;

/** "1 table", "2 tables", "0 tables": a count that agrees with its noun in messages. */
public final class Counted {
  private Counted() {}

  /** The regular plural: the noun plus "s" (catalog, schema, table, volume, row, warehouse). */
  public static String of(long count, String noun) {
    return of(count, noun, noun + "s");
  }

  /** For nouns whose plural is not the noun plus "s" ("query", "queries"). */
  public static String of(long count, String noun, String plural) {
    return count + " " + (count == 1 ? noun : plural);
  }
}
