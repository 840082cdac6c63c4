package dev.databricksmcp.server.tools.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The read-only classifier against Apache Spark's own parser: any statement Spark parses as a write
 * or a command, or in which it parses a call of a restricted function, must not be a plain read to
 * us; a call Spark resolves to an outbound/secret function (or cannot resolve) must be refused in
 * every mode by us. The other way round — we refuse what Spark would only read — is allowed, and
 * counted.
 *
 * <p>The oracle is {@link SparkOracle}: Spark's generated parser from {@code spark-sql-api_2.13}
 * 4.2.0 with only the ANTLR runtime and the Scala library beside it, deciding from the parse tree.
 * Measured on this project's 2-core machine: that is 3 jars, 9.5 MB (the artifact's own tree would
 * be 49 jars, 41 MB), and 5,000 statements parse in about 0.5 s. {@code spark-sql_2.13} 4.2.0,
 * whose CatalystSqlParser builds logical plans, pulls 173 jars, 278 MB (Hadoop, Netty, Parquet,
 * ORC, log4j's SLF4J binding next to our logback) and took about 2.7 s for the same 5,000
 * statements, most of it start-up; the plan adds nothing the parse tree does not show for read
 * against write, so the lighter artifact was chosen.
 */
class SparkStatementDifferentialTest {
  private static final long SEED = 20261201L;
  private static final int SIZE = 6000;

  private final SparkOracle spark = new SparkOracle(false);
  private final SparkOracle sparkAnsi = new SparkOracle(true);

  @Test
  void noWriteOrRestrictedCallThatSparkParsesIsAPlainReadToUs() {
    List<String> corpus = new SqlAttackCorpus(SEED).generate(SIZE);
    Counts counts = new Counts();
    List<String> failures = new ArrayList<>();
    for (String sql : corpus) {
      check(sql, counts, failures);
    }
    System.out.printf(
        "Spark differential, %d generated statements (seed %d): Spark parsed %d, of which %d hold a"
            + " write or a restricted call (%d outbound/unresolved) and %d only read; we refuse %d"
            + " of those reads%n",
        SIZE,
        SEED,
        counts.parsed,
        counts.nonRead,
        counts.strict,
        counts.reads,
        counts.refusedReads);
    assertThat(failures).as("statements we call plain reads that Spark does not").isEmpty();
    // the corpus must keep its teeth: most attacks are statements Spark accepts
    assertThat(counts.nonRead).isGreaterThan(SIZE / 2);
    assertThat(counts.strict).isGreaterThan(SIZE / 20);
    assertThat(counts.reads).isGreaterThan(SIZE / 20);
  }

  /**
   * Lines labelled WRITE or with a function category that Spark reads plainly are our deliberate
   * caution.
   */
  @Test
  void theHandCorpusAgreesWithSpark() throws Exception {
    Counts counts = new Counts();
    List<String> failures = new ArrayList<>();
    int cautious = 0;
    for (Arguments line : ReadOnlyGuardCorpusTest.corpus().toList()) {
      String sql = (String) line.get()[1];
      check(sql, counts, failures);
      if (!line.get()[0].equals("READ") && spark.analyze(sql).allParsedReads()) {
        cautious++;
      }
    }
    System.out.printf(
        "Spark differential, hand corpus: %d parsed by Spark, %d writes or restricted calls, %d"
            + " reads (%d refused by us); %d lines we refuse that Spark reads plainly%n",
        counts.parsed, counts.nonRead, counts.reads, counts.refusedReads, cautious);
    assertThat(failures).isEmpty();
    assertThat(counts.nonRead).isGreaterThan(100);
  }

  @Test
  void theOracleTellsReadsFromWritesAndFindsCallsHoweverNamed() {
    assertThat(spark.analyze("SELECT * FROM t").allParsedReads()).isTrue();
    assertThat(spark.analyze("WITH a AS (SELECT r'\\') DELETE FROM main.default.t --'").anyWrite())
        .isTrue();
    assertThat(spark.analyze("EXPLAIN SELECT 1").allParsedReads()).isTrue();
    assertThat(spark.analyze("EXPLAIN DELETE FROM t").anyWrite()).isTrue();
    assertThat(spark.analyze("SELECT 1; DROP TABLE t").anyWrite()).isTrue();
    assertThat(spark.analyze("SELECT 1 /* unclosed").lexed()).isFalse();
    assertThat(spark.analyze("SELECT system.builtin.`secret`('a', 'b')").anyStrictHit()).isTrue();
    assertThat(spark.analyze("SELECT IDENTIFIER('sec' 'ret')('a', 'b')").anyStrictHit()).isTrue();
    assertThat(spark.analyze("SELECT IDENTIFIER(:p)('a', 'b')").anyStrictHit()).isTrue();
    assertThat(spark.analyze("SELECT * FROM read_files('x')").anyHit()).isTrue();
    assertThat(spark.analyze("SELECT * FROM read_files('x')").anyStrictHit()).isFalse();
    assertThat(spark.analyze("SELECT \"secret\"('a', 'b')").anyParsed()).isFalse();
    assertThat(sparkAnsi.analyze("SELECT \"secret\"('a', 'b')").anyStrictHit()).isTrue();
  }

  private static final class Counts {
    int parsed;
    int nonRead;
    int strict;
    int reads;
    int refusedReads;
  }

  private void check(String sql, Counts counts, List<String> failures) {
    SparkOracle.Verdict plain = spark.analyze(sql);
    SparkOracle.Verdict ansi = sql.indexOf('"') >= 0 ? sparkAnsi.analyze(sql) : plain;
    SqlClassifier.Result ours = SqlClassifier.classify(sql);
    if (plain.anyParsed() || ansi.anyParsed()) {
      counts.parsed++;
    }
    if (plain.anyWrite() || plain.anyHit() || ansi.anyWrite() || ansi.anyHit()) {
      counts.nonRead++;
      if (ours.allReadOnly()) {
        failures.add(
            "a plain read to us, not to Spark: "
                + show(sql)
                + "\n  Spark: "
                + plain
                + "\n  ANSI: "
                + ansi);
      }
    }
    if (plain.anyStrictHit() || ansi.anyStrictHit()) {
      counts.strict++;
      if (ours.strictFunction() == null && ours.unreadable() == null) {
        failures.add(
            "an outbound/unresolved call to Spark, not refused in every mode by us: "
                + show(sql)
                + "\n  ours: "
                + ours
                + "\n  Spark: "
                + plain
                + "\n  ANSI: "
                + ansi);
      }
    }
    if (plain.allParsedReads() && ansi.allParsedReads()) {
      counts.reads++;
      if (!ours.allReadOnly()) {
        counts.refusedReads++;
      }
    }
  }

  /** The statement with line breaks and non-ASCII characters visible. */
  static String show(String sql) {
    StringBuilder out = new StringBuilder("«");
    for (char c : sql.toCharArray()) {
      out.append(
          c == '\n'
              ? "\\n"
              : c == '\r'
                  ? "\\r"
                  : c == '\t'
                      ? "\\t"
                      : c < 32 || c > 126 ? String.format("\\u%04X", (int) c) : String.valueOf(c));
    }
    return out.append('»').toString();
  }
}
