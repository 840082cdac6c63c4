package dev.databricksmcp.server.tools.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;

/**
 * A generated corpus (deterministic seed) of statements that hide writes and restricted calls
 * behind every lexical trick the classifier must read as Spark does: raw strings, escapes at string
 * ends, doubled quotes and backticks, nested comments, -- ended by \r, hints, path identifiers,
 * numbers followed by raw strings, Unicode case folding, unusual whitespace; and restricted
 * functions named plainly, in any letter case, backticked, qualified, through IDENTIFIER(…), as
 * table-valued functions, with comments before the '('. Plain reads built from the same pieces are
 * mixed in, to count where the classifier refuses what Spark would only read.
 */
final class SqlAttackCorpus {
  /**
   * Complete expressions whose tokens end where a naive reader thinks a string or comment goes on.
   */
  static final List<String> TRICKY_EXPRESSIONS =
      List.of(
          "r'\\'",
          "R'\\'",
          "r\"\\\"",
          "R\"\\\"",
          "'\\\\'",
          "'\\''",
          "'it''s'",
          "\"a\\\"b\"",
          "\"a\"\"b\"",
          "'a\\\\\\''",
          "r'--'",
          "r'/*'",
          "'--'",
          "'/*'",
          "'*/'",
          "r'it''s'",
          "r'\\' || '\\''",
          "'a' 'b'",
          "`a``b`",
          "`'`",
          "`\"`",
          "`--`",
          "`/*`",
          "x'0A'",
          "1E+5",
          ".5e3",
          "1.",
          "1.e5",
          "123L",
          "1BD",
          "0.5D",
          "1E+5R'\\'",
          "1.R'\\'",
          "/* c */ 1",
          "/* /* nested */ */ 1",
          "/* /*+ x */ 1",
          "/*/ x */ 1",
          "1 --c\r",
          "1 --c\r\n",
          "1 --c\n",
          "s://a--b",
          "s://a/*b",
          "'\\u0027'",
          "'\\''''",
          "''''",
          "\"\"\"\"",
          "r''",
          "R\"\"",
          "'$$'",
          "`$a$`");

  /** What a naive reader might take for the end of the string or comment a trick seemed to open. */
  static final List<String> TRAILERS =
      List.of("", "--'", "--\"", "-- '", "/* ' */", "--`", "-- */", "/*'*/", "--$$");

  /** DML that Spark accepts after a WITH clause. */
  static final List<String> DML =
      List.of(
          "DELETE FROM main.default.t",
          "DELETE FROM t WHERE x = 1",
          "INSERT INTO t SELECT 1",
          "INSERT INTO t VALUES (1)",
          "INSERT OVERWRITE t SELECT * FROM a",
          "UPDATE t SET x = 1",
          "MERGE INTO t USING a ON t.id = a.id WHEN MATCHED THEN DELETE",
          "MERGE INTO t USING a ON true WHEN NOT MATCHED THEN INSERT *",
          "INSERT INTO t BY NAME SELECT * FROM a");

  /** Statements that change something. */
  static final List<String> WRITES =
      List.of(
          "DROP TABLE t",
          "CREATE TABLE t AS SELECT 1",
          "TRUNCATE TABLE t",
          "SET x = 1",
          "USE main",
          "ALTER TABLE t ADD COLUMN c INT",
          "CACHE TABLE t",
          "REFRESH TABLE t",
          "FROM t INSERT INTO u SELECT *",
          "EXPLAIN DELETE FROM t",
          "DELETE FROM t",
          "INSERT INTO t VALUES (1)",
          "CREATE OR REPLACE VIEW v AS SELECT 1",
          "DROP SCHEMA s CASCADE",
          "RESET");

  /** Policy functions to call, prefix rules represented by real members. */
  static final List<String> FUNCTIONS =
      List.of(
          "http_request",
          "secret",
          "try_secret",
          "list_secrets",
          "python_exec",
          "reflect",
          "java_method",
          "try_reflect",
          "ai_query",
          "ai_gen",
          "ai_summarize",
          "ai_parse_document",
          "ai_forecast",
          "vector_search",
          "read_files",
          "read_kafka",
          "read_kinesis",
          "read_pubsub",
          "read_pulsar",
          "read_statestore",
          "cloud_files_state",
          "remote_query",
          "from_avro");

  /** What Spark allows between a function name and its '('. */
  static final List<String> GAPS =
      List.of(
          "",
          " ",
          "\t",
          "\n",
          "/**/",
          "/* c */",
          "/* /* n */ */",
          "--c\n",
          "--c\r",
          "--c\r\n",
          "\u00A0",
          "\u2028",
          "\u3000",
          "\f",
          "\u000B",
          " /*+x*/ ");

  /** Spark's whitespace, and comments, between tokens. */
  static final List<String> SPACES =
      List.of(
          " ",
          " ",
          " ",
          "\t",
          "\n",
          "\r\n",
          "\r",
          "\u00A0",
          "\u2028",
          "\u3000",
          "\f",
          "\u000B",
          " /* c */ ",
          "/**/",
          " --c\n",
          " --c\r");

  /** Harmless reads and calls for the reads of the corpus. */
  static final List<String> READS =
      List.of(
          "SELECT * FROM t",
          "SHOW TABLES",
          "DESCRIBE TABLE t",
          "SELECT upper(x) FROM t",
          "SELECT * FROM range(3)",
          "VALUES (1)",
          "TABLE t",
          "FROM t SELECT x",
          "SELECT count(*) FROM t GROUP BY x",
          "EXPLAIN SELECT 1");

  private final Random random;

  SqlAttackCorpus(long seed) {
    this.random = new Random(seed);
  }

  /**
   * count statements: about half hide a write, a third call a restricted function, the rest only
   * read.
   */
  List<String> generate(int count) {
    List<String> out = new ArrayList<>(count);
    while (out.size() < count) {
      int kind = random.nextInt(10);
      out.add(kind < 5 ? hiddenWrite() : kind < 8 ? restrictedCall() : read());
    }
    return out;
  }

  private String hiddenWrite() {
    String expr = expression();
    String trailer = pick(TRAILERS);
    return switch (random.nextInt(6)) {
      case 0, 1 -> skeleton("WITH a AS (SELECT ") + expr + ") " + write(pick(DML)) + " " + trailer;
      case 2 -> skeleton("SELECT ") + expr + skeleton(" ; ") + write(pick(WRITES)) + " " + trailer;
      case 3 -> skeleton("SELECT ") + expr + skeleton(" AS c FROM t ; ") + write(pick(WRITES));
      case 4 ->
          skeleton("WITH a AS (SELECT ")
              + expr
              + skeleton(" AS c), b AS (SELECT ")
              + expression()
              + ") "
              + write(pick(DML))
              + " "
              + trailer;
      default -> write(pick(DML)).replaceFirst("1", Matcher.quoteReplacement(expr)) + " " + trailer;
    };
  }

  private String restrictedCall() {
    String call = call();
    return switch (random.nextInt(6)) {
      case 0 -> skeleton("SELECT ") + call;
      case 1 -> skeleton("SELECT * FROM ") + call;
      case 2 -> skeleton("WITH s AS (SELECT ") + call + skeleton(" AS v) SELECT v FROM s");
      case 3 -> skeleton("SELECT ") + expression() + ", " + call;
      case 4 -> skeleton("SELECT * FROM t WHERE x IN (SELECT ") + call + ")";
      default -> skeleton("SELECT ") + expression() + skeleton(" AS c FROM t ; SELECT ") + call;
    };
  }

  private String read() {
    return switch (random.nextInt(5)) {
      case 0 -> skeleton("SELECT ") + expression();
      case 1 ->
          skeleton("SELECT ") + expression() + skeleton(" AS c FROM t WHERE c = ") + expression();
      case 2 -> skeleton("WITH a AS (SELECT ") + expression() + skeleton(") SELECT * FROM a");
      case 3 -> skeleton(pick(READS));
      default -> skeleton("EXPLAIN SELECT ") + expression() + " " + pick(TRAILERS);
    };
  }

  private String expression() {
    String e = pick(TRICKY_EXPRESSIONS);
    return random.nextInt(4) == 0 ? e + " || " + pick(TRICKY_EXPRESSIONS) : e;
  }

  /** A restricted function called under one of the many names Spark resolves to it. */
  private String call() {
    String fn = pick(FUNCTIONS);
    String name =
        switch (random.nextInt(15)) {
          case 0 -> fn;
          case 1 -> randomCase(fn);
          case 2 -> "`" + fn + "`";
          case 3 -> "system.builtin." + fn;
          case 4 -> "builtin." + randomCase(fn);
          case 5 -> "`system`.`builtin`.`" + fn + "`";
          case 6 -> "system.builtin.`" + fn + "`";
          case 7 -> "IDENTIFIER('" + fn + "')";
          case 8 -> "IDENTIFIER('system.builtin." + fn + "')";
          case 9 -> "IDENTIFIER('`" + fn + "`')";
          case 10 -> "IDENTIFIER(r'" + randomCase(fn) + "')";
          case 11 -> "system.IDENTIFIER('builtin')." + fn;
          case 12 -> "IDENTIFIER(:fn)";
          case 13 -> "IDENTIFIER('" + fn.substring(0, 2) + "' '" + fn.substring(2) + "')";
          default -> "\"" + fn + "\"";
        };
    return name + pick(GAPS) + "('a', 'b')";
  }

  /** SQL text without literals: random letter case and whitespace, as a client might send it. */
  private String skeleton(String sql) {
    StringBuilder out = new StringBuilder();
    for (char c : randomCase(sql).toCharArray()) {
      out.append(c == ' ' ? pick(SPACES) : String.valueOf(c));
    }
    return out.toString();
  }

  /**
   * A write statement, sometimes with keywords spelled in letters Spark folds to ASCII (ı → I, ſ →
   * S).
   */
  private String write(String sql) {
    String w = skeleton(sql);
    if (random.nextInt(8) == 0) {
      w =
          w.replace("INSERT", "\u0131NSERT")
              .replace("INTO", "\u0131NTO")
              .replace("SET", "\u017FET");
    }
    return w;
  }

  private String randomCase(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean flip = random.nextInt(3) == 0;
    for (char c : s.toCharArray()) {
      out.append(flip && random.nextBoolean() ? Character.toLowerCase(c) : c);
    }
    return out.toString();
  }

  private String pick(List<String> list) {
    return list.get(random.nextInt(list.size()));
  }
}
