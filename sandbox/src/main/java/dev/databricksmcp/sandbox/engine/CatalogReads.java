package dev.databricksmcp.sandbox.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * DuckDB catalog queries ({@code duckdb_tables()}, {@code duckdb_columns()} …) answered from memory
 * until something may have changed the catalog. Each such query scans every attached database and
 * costs a millisecond or more; a Unity Catalog read makes three or four of them, and the sandbox
 * answers the same ones again and again (BENCHMARKS.md, the sandbox's speed).
 *
 * <p>Correct by construction rather than by listing DDL: every statement that may change the
 * catalog ({@link Sql#exec}, and any statement a caller runs that is not a read answering rows)
 * says so through {@link #mayHaveChanged()} once it is done, and an answer is kept only under the
 * version read before its query ran — an answer that raced a change is never served after it.
 */
public final class CatalogReads {
  private record Answer(long version, List<Map<String, Object>> rows) {}

  private final DuckDbEngine engine;
  private final AtomicLong version = new AtomicLong();
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();

  CatalogReads(DuckDbEngine engine) {
    this.engine = engine;
  }

  /** Forgets every answer: called after anything that may have changed DuckDB's catalog. */
  public void mayHaveChanged() {
    version.incrementAndGet();
    answers.clear();
  }

  /** The rows of a catalog query (the caller does not change them), from memory when still true. */
  public List<Map<String, Object>> query(String sql, Object... params) {
    long now = version.get();
    String key = params.length == 0 ? sql : sql + '\u0000' + Arrays.deepToString(params);
    Answer known = answers.get(key);
    if (known != null && known.version() == now) {
      return known.rows();
    }
    List<Map<String, Object>> rows = List.copyOf(Sql.query(engine, sql, params));
    if (version.get() == now) {
      answers.put(key, new Answer(now, rows));
    }
    return rows;
  }
}
