package dev.databricksmcp.sandbox.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The text is read once with Databricks' lexical rules (Spark's SqlBaseLexer, the STRING type page)
 * and re-emitted in the one form DuckDB cannot read differently. In the tables a backslash followed
 * by n, r, 0 or u and four hex digits stands for that character, and two backslashes for one.
 */
class DatabricksLexicalRulesTest {
  private static final SqlTranslator.Context CONTEXT =
      new SqlTranslator.Context(
          "alice@example.com", "main", "default", Set.of("main", "samples", "system"));

  private static String text(String escaped) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (c != '\\' || i + 1 == escaped.length()) {
        out.append(c);
        continue;
      }
      char e = escaped.charAt(++i);
      switch (e) {
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case '0' -> out.append('\0');
        case 'u' -> {
          out.append((char) Integer.parseInt(escaped.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> out.append(e);
      }
    }
    return out.toString();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " => ",
      quoteCharacter = '~',
      value = {
        // a backslash-escaped quote stays inside the literal: the ; after it is text
        "SELECT 'a\\\\'; DROP TABLE t; --' => SELECT 'a''; DROP TABLE t; --'",
        "SELECT \"a\\\\\"; DROP TABLE t; --\" => SELECT 'a\"; DROP TABLE t; --'",
        // a -- comment ends at \n, but a backslash before the \n carries it on (Spark's
        // SIMPLE_COMMENT)
        "SELECT 1 -- x\\\\\\n; DROP TABLE t => SELECT 1",
        // bracketed comments nest
        "SELECT 1 /* a /* b */ ; DROP TABLE t */ => SELECT 1",
        "SELECT 1 /* /*+ */ => SELECT 1",
        // raw strings have no escapes; side-by-side literals are one value
        "SELECT r'C:\\\\dir\\\\' => SELECT 'C:\\\\dir\\\\'",
        "SELECT R\"x\" 'y' \"z\" => SELECT 'xyz'",
        "SELECT 'it''s' => SELECT 'its'",
        "SELECT 'a\\\\u0027b', '\\\\101', '\\\\%' => SELECT 'a''b', 'A', '\\\\%'",
        "SELECT 'a\\\\0b' => SELECT ('a' || chr(0) || 'b')",
        "SELECT `a``b`, `x y` => SELECT \"a`b\", \"x y\"",
        // a word glued to a literal is not an E'…' or X'…' prefix for DuckDB
        "SELECT e'x' => SELECT e 'x'",
        "SELECT X'1F' => SELECT from_hex('1F')",
        "SELECT 10L, 2S, 3Y, 1.5D, 2F, 1.5BD, 1e3 => SELECT CAST(10 AS BIGINT), CAST(2 AS"
            + " SMALLINT), CAST(3 AS TINYINT), CAST(1.5 AS DOUBLE), CAST(2 AS FLOAT), 1.5, 1e3",
        "SELECT 1 <=> NULL, 1 == 1, !true => SELECT 1 IS NOT DISTINCT FROM NULL, 1 = 1, NOT true",
        "SELECT /*+ BROADCAST(t) */ * FROM t => SELECT * FROM t",
        "SELECT\\u00A01\\r\\n => SELECT 1",
        "SELECT 1;; => SELECT 1",
        "CREATE TABLE secret (x INT) => CREATE TABLE secret (x INT)",
        // FROM inside a function's arguments names no table
        "SELECT trim(BOTH 'x' FROM 'xax'), extract(YEAR FROM '2020-01-01') => "
            + "SELECT trim(BOTH 'x' FROM 'xax'), extract(YEAR FROM '2020-01-01')",
      })
  void readsAsDatabricksAndWritesCanonicalDuckDb(String databricks, String duckdb) {
    assertThat(SqlTranslator.translate(text(databricks), CONTEXT).sql()).isEqualTo(text(duckdb));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        // a second statement, however it is hidden
        "SELECT 1 -- x\\r; DROP TABLE t|PARSE_SYNTAX_ERROR",
        "SELECT 1 -- x\\r\\n; DROP TABLE t|PARSE_SYNTAX_ERROR",
        "SELECT r'a\\\\'; DROP TABLE t; --'|PARSE_SYNTAX_ERROR",
        "SELECT E'\\\\\\\\'; DROP TABLE t; --'|PARSE_SYNTAX_ERROR",
        "SELECT 1 /* a */ ; DROP TABLE t|PARSE_SYNTAX_ERROR",
        "SELECT 1 /* a /* b */ */ ; UPDATE t SET x = 1|PARSE_SYNTAX_ERROR",
        "SELECT /*+ x */ 1; ATTACH 'x' AS y|PARSE_SYNTAX_ERROR",
        "; SELECT 1|PARSE_SYNTAX_ERROR",
        // DuckDB-only quoting and characters Databricks' lexer does not know
        "SELECT $$a$$|PARSE_SYNTAX_ERROR",
        "SELECT $t$ '$t$; DROP TABLE t; --'|PARSE_SYNTAX_ERROR",
        "SELECT \\\\'x'|PARSE_SYNTAX_ERROR",
        "SELECT #1|PARSE_SYNTAX_ERROR",
        "SELECT {'a': 1}|PARSE_SYNTAX_ERROR",
        "SELECT 12abc|PARSE_SYNTAX_ERROR",
        "SELECT é|INVALID_IDENTIFIER",
        "SELECT 1 \\0|PARSE_SYNTAX_ERROR",
        // nothing left open is passed on
        "SELECT 'unclosed|PARSE_SYNTAX_ERROR",
        "SELECT r'unclosed|PARSE_SYNTAX_ERROR",
        "SELECT `unclosed|PARSE_SYNTAX_ERROR",
        "SELECT 1 /* unclosed /* */|UNCLOSED_BRACKETED_COMMENT",
        "SELECT /*+ unclosed hint|PARSE_SYNTAX_ERROR",
        "SELECT 2 */ 3|PARSE_SYNTAX_ERROR",
        "-- nothing|PARSE_EMPTY_STATEMENT",
        "SELECT ?|UNBOUND_SQL_PARAMETER",
      })
  void refusesWhatCouldBeReadTwoWays(String databricks, String errorClass) {
    assertThatThrownBy(() -> SqlTranslator.translate(text(databricks), CONTEXT))
        .isInstanceOfSatisfying(
            SqlError.class, e -> assertThat(e.errorClass()).isEqualTo(errorClass));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "ATTACH '/tmp/x.duckdb' AS x",
        "DETACH samples",
        "COPY (SELECT 1) TO '/tmp/x.csv'",
        "EXPORT DATABASE '/tmp/x'",
        "IMPORT DATABASE '/tmp/x'",
        "INSTALL httpfs",
        "LOAD httpfs",
        "FORCE INSTALL httpfs",
        "SET threads = 1",
        "RESET threads",
        "PRAGMA threads = 1",
        "CALL pragma_version()",
        "CHECKPOINT",
        "CREATE PERSISTENT SECRET s (TYPE s3)",
        "CREATE OR REPLACE SECRET s (TYPE s3)",
        "DROP SECRET s",
        "UPDATE EXTENSIONS",
        "EXPLAIN ANALYZE COPY (SELECT 1) TO '/tmp/x.csv'",
        "EXPLAIN SET threads = 1",
        "SELECT content FROM read_text('/proc/self/environ')",
        "SELECT * FROM system.main.read_text('/etc/hostname')",
        "SELECT * FROM `read_csv`('/etc/passwd')",
        "SELECT * FROM glob('/*')",
        "SELECT * FROM 'data.csv'",
        "SELECT * FROM t JOIN '/etc/passwd' ON true",
        "SELECT * FROM (SELECT * FROM 'x.csv')",
        "SELECT * FROM t WHERE x IN (SELECT y FROM 'x.csv')",
        "SELECT current_setting('secret_directory')",
        "SELECT getenv('HOME')",
        "SELECT * FROM query('SELECT 1')",
        "SELECT * FROM duckdb_settings()",
        "SELECT * FROM pragma_table_info('t')",
        "SELECT * FROM parquet_metadata('/x')",
      })
  void refusesDuckDbCommandsAndFunctionsThatReachTheHost(String databricks) {
    assertThatThrownBy(() -> SqlTranslator.translate(databricks, CONTEXT))
        .isInstanceOfSatisfying(
            SqlError.class, e -> assertThat(e.errorClass()).isEqualTo("UNSUPPORTED_FEATURE"));
  }
}
