package dev.databricksmcp.server.tools.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.server.tools.sql.SqlLexer.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.antlr.v4.runtime.Token;
import org.apache.spark.sql.catalyst.parser.SqlBaseLexer;
import org.junit.jupiter.api.Test;

/**
 * Our lexer against Spark's SqlBaseLexer (spark-sql-api 4.2.0) token by token: where each string,
 * comment, $tag$ body, backticked identifier, word and number starts and ends, on the generated
 * attack corpus and on random strings over the characters that matter (quotes, backslashes, r,
 * dashes, slashes, stars, line ends, dollars, Unicode look-alikes). Spark's multi-character
 * operators are compared character by character (we keep one symbol per character; only /*+ and
 * *&#47; are whole). Where Spark's lexer rejects the input, ours must too; where ours rejects what
 * Spark lexes, it must be one of our deliberate refusals (a -- line ending in a backslash, another
 * line separator in a -- comment, an unclosed hint), which are counted.
 */
class SparkLexerDifferentialTest {
  private static final long SEED = 424242L;
  private static final int RANDOM_INPUTS = 30_000;

  /**
   * Weighted alphabet: each string is one choice. '@' is left out: we accept it (Databricks time
   * travel), Spark does not.
   */
  private static final String[] ALPHABET = {
    "'",
    "'",
    "\"",
    "\"",
    "`",
    "\\",
    "\\",
    "r",
    "R",
    "x",
    "-",
    "-",
    "/",
    "*",
    "*",
    "+",
    "\n",
    "\r",
    " ",
    " ",
    "$",
    "$",
    "a",
    "e",
    "E",
    "1",
    "1",
    ".",
    ":",
    ";",
    "(",
    ")",
    "_",
    "\u00E9",
    "\u0131",
    "\u017F",
    "\u2028",
    "\u200B",
    "\u00A0",
    "\u0085",
    "#",
    "--",
    "/*",
    "*/",
    "/*+",
    "r'",
    "R\"",
    "$$",
    "$a$",
    "''",
    "\\'",
    "1E+5",
    "s://",
    "\uD835\uDC00"
  };

  /** Whole constructs, mostly complete, so that most of their concatenations lex. */
  private static final String[] FRAGMENTS = {
    "r'\\'",
    "R\"\\\"",
    "'\\''",
    "'a\\\\'",
    "'it''s'",
    "\"a\"\"b\"",
    "`a``b`",
    "`'`",
    "/* /* */ */",
    "/* /*+ */",
    "/*/ */",
    "/**/",
    "/*+",
    "*/",
    "--c\n",
    "--c\r",
    "--c\r\n",
    "--\\\n",
    "$$ x $$",
    "$a$ $A$ $a$",
    "$$$$",
    "1E+5",
    ".5",
    "1.",
    "1.5D",
    "123abc",
    "1e5x",
    "s://a--b",
    "s3://a",
    "\u0131nsert",
    "\u017Fet",
    "\uD835\uDC00x",
    "x'0A'",
    "e'x'",
    "IDENTIFIER('a')",
    "a.b",
    "::",
    "<=>",
    "|>",
    "->",
    "=>",
    "!=",
    ">>",
    "\u00A0",
    "\u2028",
    "\u3000",
    "\t",
    "\f",
    "\u000B",
    " ",
    " ",
    "\n",
    ";",
    "(",
    ")",
    ",",
    "'",
    "\"",
    "`",
    "\\",
    "$",
    "#"
  };

  @Test
  void ourTokensEndWhereSparksDo() {
    List<String> inputs = new ArrayList<>(new SqlAttackCorpus(SEED).generate(3000));
    Random random = new Random(SEED);
    for (int i = 0; i < RANDOM_INPUTS; i++) {
      String[] pieces = i % 2 == 0 ? ALPHABET : FRAGMENTS;
      StringBuilder s = new StringBuilder();
      int length = 1 + random.nextInt(12);
      for (int k = 0; k < length; k++) {
        s.append(pieces[random.nextInt(pieces.length)]);
      }
      inputs.add(s.toString());
    }
    int sparkRejects = 0;
    int weRefuseMore = 0;
    List<String> failures = new ArrayList<>();
    for (String sql : inputs) {
      List<Token> spark = SparkOracle.tokens(sql);
      List<String> ours;
      String refusal = null;
      try {
        ours = describe(SqlLexer.scan(sql));
      } catch (SqlLexer.LexError e) {
        ours = null;
        refusal = e.getMessage();
      }
      if (spark == null) {
        sparkRejects++;
        if (ours != null) {
          failures.add(
              "Spark rejects, we lex: "
                  + SparkStatementDifferentialTest.show(sql)
                  + " ours "
                  + ours);
        }
      } else if (ours == null) {
        weRefuseMore++;
        if (!deliberate(refusal)) {
          failures.add(
              "we refuse ("
                  + refusal
                  + ") what Spark lexes: "
                  + SparkStatementDifferentialTest.show(sql));
        }
      } else if (!ours.equals(describeSpark(sql, spark))) {
        failures.add(
            SparkStatementDifferentialTest.show(sql)
                + "\n  ours  "
                + ours
                + "\n  Spark "
                + describeSpark(sql, spark));
      }
    }
    int compared = inputs.size() - sparkRejects - weRefuseMore;
    System.out.printf(
        "Lexer differential: %d inputs, %d tokenized alike, Spark's lexer rejects %d (so do we), we"
            + " refuse %d more%n",
        inputs.size(), compared, sparkRejects, weRefuseMore);
    assertThat(failures).as("token boundaries that differ from Spark's").isEmpty();
    assertThat(compared).isGreaterThan(inputs.size() / 3);
    assertThat(sparkRejects).isGreaterThan(inputs.size() / 10);
  }

  private static boolean deliberate(String refusal) {
    return refusal.contains("ends with a backslash")
        || refusal.contains("a line break to some readers")
        || refusal.contains("hint */ is not closed");
  }

  /** Our tokens as kind[start,end). */
  private static List<String> describe(List<SqlLexer.Token> tokens) {
    List<String> out = new ArrayList<>();
    for (SqlLexer.Token t : tokens) {
      if (t.kind() == Kind.SYMBOL
          && t.text().length() > 1
          && !t.text().equals("/*+")
          && !t.text().equals("*/")) {
        throw new AssertionError("a multi-character symbol: " + t);
      }
      out.add(t.kind() + "[" + t.start() + "," + t.end() + ")");
    }
    return out;
  }

  /** Spark's tokens in our terms: same kinds, UTF-16 offsets, operators split into characters. */
  private static List<String> describeSpark(String sql, List<Token> tokens) {
    List<String> out = new ArrayList<>();
    int bodyStart = -1;
    for (Token t : tokens) {
      int start = sql.offsetByCodePoints(0, t.getStartIndex());
      int end = sql.offsetByCodePoints(0, t.getStopIndex() + 1);
      int type = t.getType();
      if (type == SqlBaseLexer.WS) {
        continue;
      }
      if (type == SqlBaseLexer.BEGIN_DOLLAR_QUOTED_STRING) {
        bodyStart = start;
      } else if (type == SqlBaseLexer.END_DOLLAR_QUOTED_STRING) {
        out.add(Kind.DOLLAR_STRING + "[" + bodyStart + "," + end + ")");
      } else if (type != SqlBaseLexer.DOLLAR_QUOTED_STRING_BODY) {
        Kind kind = kind(type, t.getText());
        if (kind == Kind.SYMBOL
            && type != SqlBaseLexer.HENT_START
            && type != SqlBaseLexer.HENT_END) {
          for (int i = start; i < end; i++) {
            out.add(Kind.SYMBOL + "[" + i + "," + (i + 1) + ")");
          }
        } else {
          out.add(kind + "[" + start + "," + end + ")");
        }
      }
    }
    return out;
  }

  private static Kind kind(int type, String text) {
    if (type == SqlBaseLexer.STRING_LITERAL || type == SqlBaseLexer.DOUBLEQUOTED_STRING) {
      return Kind.STRING;
    }
    if (type == SqlBaseLexer.SIMPLE_COMMENT || type == SqlBaseLexer.BRACKETED_COMMENT) {
      return Kind.COMMENT;
    }
    if (type == SqlBaseLexer.BACKQUOTED_IDENTIFIER) {
      return Kind.QUOTED_IDENT;
    }
    if (type >= SqlBaseLexer.BIGINT_LITERAL && type <= SqlBaseLexer.BIGDECIMAL_LITERAL) {
      return Kind.NUMBER;
    }
    return SqlLexer.isIdentChar(text.codePointAt(0)) ? Kind.WORD : Kind.SYMBOL;
  }
}
