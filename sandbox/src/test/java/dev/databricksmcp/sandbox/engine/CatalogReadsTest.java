package dev.databricksmcp.sandbox.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Catalog queries kept in memory, and forgotten as soon as the catalog may have changed. */
class CatalogReadsTest {
  private static final String TABLES =
      "SELECT table_name FROM duckdb_tables() WHERE schema_name = ? ORDER BY 1";

  private final DuckDbEngine engine = DuckDbEngine.open(null);
  private final CatalogReads reads = engine.catalogReads();

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void theSameQueryIsAnsweredFromMemoryWhileNothingChanged() {
    Sql.exec(engine, "CREATE TABLE a (x INT)");
    List<Map<String, Object>> first = reads.query(TABLES, "main");
    assertThat(reads.query(TABLES, "main")).isSameAs(first);
    assertThat(reads.query(TABLES, "other")).isNotSameAs(first).isEmpty();
  }

  @Test
  void aStatementRunThroughExecIsSeenByTheNextRead() {
    assertThat(reads.query(TABLES, "main")).isEmpty();
    Sql.exec(engine, "CREATE TABLE b (x INT)");
    assertThat(reads.query(TABLES, "main"))
        .extracting(r -> r.get("table_name"))
        .containsExactly("b");
  }

  @Test
  void aChangeMadeElsewhereIsSeenOnceSaid() throws Exception {
    List<Map<String, Object>> before = reads.query(TABLES, "main");
    try (var c = engine.connect();
        var s = c.createStatement()) {
      s.execute("CREATE TABLE c (x INT)");
    }
    // not said yet: the kept answer stands (which is why every writer must say so)
    assertThat(reads.query(TABLES, "main")).isSameAs(before);
    reads.mayHaveChanged();
    assertThat(reads.query(TABLES, "main"))
        .extracting(r -> r.get("table_name"))
        .containsExactly("c");
  }

  @Test
  void aFailedStatementThroughExecStillForgetsWhatWasKept() {
    List<Map<String, Object>> before = reads.query(TABLES, "main");
    try {
      Sql.exec(engine, "CREATE TABLE d (x INT)", "NOT SQL AT ALL");
    } catch (IllegalStateException expected) {
      // the first statement ran before the second failed
    }
    assertThat(reads.query(TABLES, "main")).isNotSameAs(before).hasSize(1);
  }
}
