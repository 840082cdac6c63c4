package dev.databricksmcp.server.tools.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where the lexer says each token starts and ends, on the boundaries of every construct; and what
 * it refuses.
 */
class SqlLexerTest {
  /** Every token, comments included, as KIND:text. */
  private static List<String> scan(String sql) throws SqlLexer.LexError {
    return SqlLexer.scan(sql).stream().map(t -> t.kind() + ":" + t.text()).toList();
  }

  private static String refusal(String sql) {
    try {
      SqlLexer.scan(sql);
    } catch (SqlLexer.LexError e) {
      return e.getMessage();
    }
    throw new AssertionError("lexed without error: " + sql);
  }

  @Test
  void aRawStringHasNoEscapeAndMayEndAtTheLastCharacter() throws Exception {
    assertThat(scan("r'\\'")).containsExactly("STRING:r'\\'");
    assertThat(scan("R\"\\\"")).containsExactly("STRING:R\"\\\"");
    assertThat(scan("r'\\' x")).containsExactly("STRING:r'\\'", "WORD:x");
    assertThat(scan("r'\"' R\"'\"")).containsExactly("STRING:r'\"'", "STRING:R\"'\"");
    assertThat(scan("r''")).containsExactly("STRING:r''");
    assertThat(SqlLexer.scan("SELECT r'abc'").get(1))
        .isEqualTo(new SqlLexer.Token(SqlLexer.Kind.STRING, "r'abc'", 7, 13));
  }

  @Test
  void rStartsARawStringOnlyAtTheStartOfAToken() throws Exception {
    assertThat(scan("xr'a'")).containsExactly("WORD:xr", "STRING:'a'");
    assertThat(scan("1r'a'")).containsExactly("WORD:1r", "STRING:'a'");
    assertThat(scan("r")).containsExactly("WORD:r");
    assertThat(scan("r.x")).containsExactly("WORD:r", "SYMBOL:.", "WORD:x");
    assertThat(refusal("r'abc")).isEqualTo("a raw string literal is not closed");
    assertThat(refusal("R\"abc")).isEqualTo("a raw string literal is not closed");
  }

  @Test
  void ordinaryStringsEscapeWithABackslashAndDoubleTheirQuote() throws Exception {
    assertThat(scan("'\\''")).containsExactly("STRING:'\\''");
    assertThat(scan("'a\\\\' x")).containsExactly("STRING:'a\\\\'", "WORD:x");
    assertThat(scan("'it''s'")).containsExactly("STRING:'it''s'");
    assertThat(scan("'a' 'b'")).containsExactly("STRING:'a'", "STRING:'b'");
    assertThat(scan("'a'''")).containsExactly("STRING:'a'''");
    assertThat(scan("\"a\"\"b\" \"\\\"\"")).containsExactly("STRING:\"a\"\"b\"", "STRING:\"\\\"\"");
    assertThat(scan("'\"' \"'\"")).containsExactly("STRING:'\"'", "STRING:\"'\"");
    assertThat(scan("''")).containsExactly("STRING:''");
  }

  @ParameterizedTest
  @ValueSource(strings = {"'\\'", "'a\\", "'abc", "\"abc", "'a''", "\"\\\""})
  void anUnterminatedStringIsRefused(String sql) {
    assertThat(refusal(sql)).isEqualTo("a string literal is not closed");
  }

  @Test
  void aDashCommentEndsAtCarriageReturnOrNewlineAndTakesThem() throws Exception {
    assertThat(scan("--x\rDELETE")).containsExactly("COMMENT:--x\r", "WORD:DELETE");
    assertThat(scan("--x\nDELETE")).containsExactly("COMMENT:--x\n", "WORD:DELETE");
    assertThat(scan("--x\r\nDELETE")).containsExactly("COMMENT:--x\r\n", "WORD:DELETE");
    assertThat(scan("--x\n\rY")).containsExactly("COMMENT:--x\n", "WORD:Y");
    assertThat(scan("SELECT 1 --x")).containsExactly("WORD:SELECT", "NUMBER:1", "COMMENT:--x");
    assertThat(scan("--")).containsExactly("COMMENT:--");
    assertThat(scan("-- a\\b\nx")).containsExactly("COMMENT:-- a\\b\n", "WORD:x");
    assertThat(scan("1-2")).containsExactly("NUMBER:1", "SYMBOL:-", "NUMBER:2");
    assertThat(scan("-")).containsExactly("SYMBOL:-");
  }

  @Test
  void aDashCommentLineEndingInABackslashIsRefusedUnlessInputEndsThere() throws Exception {
    assertThat(refusal("--c\\\nDELETE FROM t")).contains("ends with a backslash");
    assertThat(refusal("--c\\\r\nDELETE FROM t")).contains("ends with a backslash");
    assertThat(refusal("--\\\nx")).contains("ends with a backslash");
    assertThat(scan("SELECT 1 --c\\")).containsExactly("WORD:SELECT", "NUMBER:1", "COMMENT:--c\\");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"\u2028", "\u2029", "\u0085", "\u000B", "\f", "\u001C", "\u001D", "\u001E"})
  void otherLineBreaksInsideADashCommentAreRefused(String lineBreak) {
    assertThat(refusal("SELECT 1 -- c" + lineBreak + "DELETE FROM t"))
        .isEqualTo(
            String.format(
                "a -- comment holds U+%04X, a line break to some readers but not to Spark; end"
                    + " comments with a newline",
                (int) lineBreak.charAt(0)));
  }

  @Test
  void bracketedCommentsNestAndAnInnerHintOpensNothing() throws Exception {
    assertThat(scan("/* /* */ */x")).containsExactly("COMMENT:/* /* */ */", "WORD:x");
    assertThat(scan("/* /*+ */ x */")).containsExactly("COMMENT:/* /*+ */", "WORD:x", "SYMBOL:*/");
    assertThat(scan("/*/ */x")).containsExactly("COMMENT:/*/ */", "WORD:x");
    assertThat(scan("/**/x")).containsExactly("COMMENT:/**/", "WORD:x");
    assertThat(scan("/***/")).containsExactly("COMMENT:/***/");
    assertThat(scan("/*/**/*/")).containsExactly("COMMENT:/*/**/*/");
    assertThat(scan("/**/*/")).containsExactly("COMMENT:/**/", "SYMBOL:*/");
    assertThat(scan("1/2")).containsExactly("NUMBER:1", "SYMBOL:/", "NUMBER:2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/*", "/* x", "/* /* */", "/*/**/", "/* /*/ */", "SELECT 1 /* x *"})
  void anUnclosedCommentIsRefused(String sql) {
    assertThat(refusal(sql)).isEqualTo("a /* comment */ is not closed");
  }

  @Test
  void hintsAreTokensNotComments() throws Exception {
    assertThat(scan("/*+ a('*/') */x"))
        .containsExactly(
            "SYMBOL:/*+", "WORD:a", "SYMBOL:(", "STRING:'*/'", "SYMBOL:)", "SYMBOL:*/", "WORD:x");
    assertThat(scan("/*+*/")).containsExactly("SYMBOL:/*+", "SYMBOL:*/");
    assertThat(scan("/*+ a /* b */ c */"))
        .containsExactly("SYMBOL:/*+", "WORD:a", "COMMENT:/* b */", "WORD:c", "SYMBOL:*/");
    assertThat(scan("2*/*c*/3"))
        .containsExactly("NUMBER:2", "SYMBOL:*/", "SYMBOL:*", "WORD:c", "SYMBOL:*/", "NUMBER:3");
    assertThat(scan("*/ x")).containsExactly("SYMBOL:*/", "WORD:x");
    assertThat(scan("*/ /*+ */")).containsExactly("SYMBOL:*/", "SYMBOL:/*+", "SYMBOL:*/");
    assertThat(scan("/*+ /*+ */ */")).hasSize(4);
    assertThat(refusal("SELECT /*+ a")).isEqualTo("a /*+ hint */ is not closed");
    assertThat(refusal("/*+ /*+ */")).isEqualTo("a /*+ hint */ is not closed");
    assertThat(refusal("*/ /*+")).isEqualTo("a /*+ hint */ is not closed");
  }

  @Test
  void backtickedIdentifiersDoubleTheirBacktick() throws Exception {
    assertThat(scan("`a``b` x")).containsExactly("QUOTED_IDENT:`a``b`", "WORD:x");
    assertThat(scan("`'` `--` ``"))
        .containsExactly("QUOTED_IDENT:`'`", "QUOTED_IDENT:`--`", "QUOTED_IDENT:``");
    assertThat(scan("`a```")).containsExactly("QUOTED_IDENT:`a```");
    assertThat(refusal("`a")).isEqualTo("an identifier in backticks is not closed");
    assertThat(refusal("`a``")).isEqualTo("an identifier in backticks is not closed");
  }

  @Test
  void dollarBodiesCloseOnTheirOwnTagCaseIncluded() throws Exception {
    assertThat(scan("$$x$$ y")).containsExactly("DOLLAR_STRING:$$x$$", "WORD:y");
    assertThat(scan("$$$$")).containsExactly("DOLLAR_STRING:$$$$");
    assertThat(scan("$z$x$z$ $Z$x$Z$"))
        .containsExactly("DOLLAR_STRING:$z$x$z$", "DOLLAR_STRING:$Z$x$Z$");
    assertThat(scan("$a$ $A$ ' $a$")).containsExactly("DOLLAR_STRING:$a$ $A$ ' $a$");
    assertThat(scan("$ab$x$ab$" + "$$$$"))
        .containsExactly("DOLLAR_STRING:$ab$x$ab$", "DOLLAR_STRING:$$$$");
    assertThat(refusal("$ab$x$ab$" + "$$$")).isEqualTo("a $$ body is not closed");
    assertThat(refusal("$ab$x$ab$" + "$")).startsWith("a $ at offset 9 starts no");
  }

  @Test
  void aDollarThatOpensNoBodyOrABodyLeftOpenIsRefused() {
    assertThat(refusal("$a$ x $A$")).isEqualTo("a $a$ body is not closed");
    assertThat(refusal("$$x")).isEqualTo("a $$ body is not closed");
    assertThat(refusal("SELECT $1"))
        .isEqualTo(
            "a $ at offset 7 starts no $tag$ body; it is not SQL outside a string or comment");
    assertThat(refusal("$a1$x$a1$")).startsWith("a $ at offset 0 starts no");
    assertThat(refusal("$")).startsWith("a $ at offset 0 starts no");
  }

  @Test
  void numbersFollowSparksLongestMatch() throws Exception {
    assertThat(scan("1E+5R'\\'")).containsExactly("NUMBER:1E+5", "STRING:R'\\'");
    assertThat(scan("1e-5x")).containsExactly("NUMBER:1e-5", "WORD:x");
    assertThat(scan("1.R'x'")).containsExactly("NUMBER:1", "SYMBOL:.", "STRING:R'x'");
    assertThat(scan("1.5R'x'")).containsExactly("NUMBER:1", "SYMBOL:.", "WORD:5R", "STRING:'x'");
    assertThat(scan("123abc 1e5x 1E5L")).containsExactly("WORD:123abc", "WORD:1e5x", "WORD:1E5L");
    assertThat(scan("1..2")).containsExactly("NUMBER:1.", "NUMBER:.2");
    assertThat(scan(".5e3 1.e5 1.5.6"))
        .containsExactly("NUMBER:.5e3", "NUMBER:1.e5", "NUMBER:1.5", "NUMBER:.6");
    assertThat(scan("x.e5 .e5"))
        .containsExactly("WORD:x", "SYMBOL:.", "WORD:e5", "SYMBOL:.", "WORD:e5");
    assertThat(scan("a.5 t.1c"))
        .containsExactly("WORD:a", "NUMBER:.5", "WORD:t", "SYMBOL:.", "WORD:1c");
    assertThat(scan("1.5\u00E9")).containsExactly("NUMBER:1.5", "WORD:\u00E9");
    assertThat(scan("1.5_")).containsExactly("NUMBER:1", "SYMBOL:.", "WORD:5_");
    assertThat(scan("1.5a")).containsExactly("NUMBER:1", "SYMBOL:.", "WORD:5a");
    assertThat(scan("1.5z")).containsExactly("NUMBER:1", "SYMBOL:.", "WORD:5z");
    assertThat(scan("1.5D1")).containsExactly("NUMBER:1", "SYMBOL:.", "WORD:5D1");
    assertThat(scan("1.5@")).containsExactly("NUMBER:1.5", "SYMBOL:@");
    assertThat(scan("0 9 90")).containsExactly("NUMBER:0", "NUMBER:9", "NUMBER:90");
    assertThat(scan("1.51")).containsExactly("NUMBER:1.51");
    assertThat(scan("1E-x")).containsExactly("WORD:1E", "SYMBOL:-", "WORD:x");
    assertThat(scan("1E+")).containsExactly("WORD:1E", "SYMBOL:+");
    assertThat(scan("1e")).containsExactly("WORD:1e");
  }

  @Test
  void numericSuffixesAreSparks() throws Exception {
    assertThat(scan("1L 2s 3Y 4F 5d 6BD 7bd"))
        .containsOnly(
            "NUMBER:1L",
            "NUMBER:2s",
            "NUMBER:3Y",
            "NUMBER:4F",
            "NUMBER:5d",
            "NUMBER:6BD",
            "NUMBER:7bd");
    assertThat(scan("1.5F 1.5D 1.5BD 1E5F 1.5E5BD"))
        .containsOnly(
            "NUMBER:1.5F", "NUMBER:1.5D", "NUMBER:1.5BD", "NUMBER:1E5F", "NUMBER:1.5E5BD");
    assertThat(scan("1.5L")).containsExactly("NUMBER:1", "SYMBOL:.", "NUMBER:5L");
    assertThat(scan("1B")).containsExactly("WORD:1B");
    assertThat(scan("1.5B")).containsExactly("NUMBER:1", "SYMBOL:.", "WORD:5B");
    assertThat(scan("1.5BDx")).containsExactly("NUMBER:1", "SYMBOL:.", "WORD:5BDx");
    assertThat(scan("1\u017F")).containsExactly("NUMBER:1\u017F");
    assertThat(scan("1.5\u0131")).containsExactly("NUMBER:1", "SYMBOL:.", "WORD:5\u0131");
  }

  @Test
  void lettersColonSlashSlashIsOnePathIdentifier() throws Exception {
    assertThat(scan("s://a--b;c")).containsExactly("WORD:s://a--b", "SYMBOL:;", "WORD:c");
    assertThat(scan("ss://a?b=c#d&e%f-g.h/i_1 'x'"))
        .containsExactly("WORD:ss://a?b=c#d&e%f-g.h/i_1", "STRING:'x'");
    assertThat(scan("\u00E9://x")).containsExactly("WORD:\u00E9://x");
    assertThat(scan("s://a/*b")).containsExactly("WORD:s://a/", "SYMBOL:*", "WORD:b");
    assertThat(scan("s3://a--b"))
        .containsExactly("WORD:s3", "SYMBOL::", "SYMBOL:/", "SYMBOL:/", "WORD:a", "COMMENT:--b");
    assertThat(scan("a_://x"))
        .containsExactly("WORD:a_", "SYMBOL::", "SYMBOL:/", "SYMBOL:/", "WORD:x");
    assertThat(scan("a://")).containsExactly("WORD:a", "SYMBOL::", "SYMBOL:/", "SYMBOL:/");
    assertThat(scan("a://'x'"))
        .containsExactly("WORD:a", "SYMBOL::", "SYMBOL:/", "SYMBOL:/", "STRING:'x'");
    assertThat(scan("a:/x")).containsExactly("WORD:a", "SYMBOL::", "SYMBOL:/", "WORD:x");
    assertThat(scan("a:")).containsExactly("WORD:a", "SYMBOL::");
  }

  @Test
  void keywordsCompareAsSparkUpperCasesThem() throws Exception {
    List<SqlLexer.Token> tokens = SqlLexer.scan("\u0131nsert \u017Felect select `select` \u212Aey");
    assertThat(tokens.get(0).word("INSERT")).isTrue();
    assertThat(tokens.get(1).word("SELECT")).isTrue();
    assertThat(tokens.get(2).word("SELECT")).isTrue();
    assertThat(tokens.get(2).word("select")).isFalse();
    assertThat(tokens.get(3).word("SELECT")).isFalse();
    assertThat(tokens.get(4).word("KEY")).isFalse();
    assertThat(SqlLexer.upper("\u017Felect\u00DF")).isEqualTo("SELECT\u00DF");
    assertThat(tokens.get(2).symbol("select")).isFalse();
    assertThat(SqlLexer.scan(";").get(0).symbol(";")).isTrue();
    assertThat(SqlLexer.scan(";").get(0).symbol(",")).isFalse();
  }

  @Test
  void lettersOfEveryScriptAndPlaneMakeWords() throws Exception {
    assertThat(scan("\u00E9t\u00E9 \uD835\uDC00x _1"))
        .containsExactly("WORD:\u00E9t\u00E9", "WORD:\uD835\uDC00x", "WORD:_1");
    assertThat(SqlLexer.scan("\uD835\uDC00x y").get(1).start()).isEqualTo(4);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\u200B", "\u00AD", "\uFEFF", "\u0301", "\u180E", "\u2029", "\u0085", "\u0660", "\\", "#",
        "{", "}", "\u0000", "\uD800"
      })
  void charactersSparkRejectsOutsideStringsAreRefusedNotSkipped(String c) {
    assertThat(refusal("DEL" + c + "ETE"))
        .isEqualTo(
            String.format(
                "the character U+%04X at offset 3 is not SQL outside a string or comment",
                (int) c.charAt(0)));
  }

  @Test
  void sparksWhitespaceSeparatesTokens() throws Exception {
    for (char c :
        " \t\n\f\r\u000B\u00A0\u1680\u2000\u2005\u200A\u2028\u202F\u205F\u3000".toCharArray()) {
      assertThat(scan("a" + c + "b")).as("U+%04X", (int) c).containsExactly("WORD:a", "WORD:b");
    }
  }

  @Test
  void punctuationIsOneSymbolACharacterAndAtIsAccepted() throws Exception {
    assertThat(scan("<=>|>::@!%&[]^~?,")).allMatch(t -> t.startsWith("SYMBOL:")).hasSize(17);
    assertThat(scan("t@v12")).containsExactly("WORD:t", "SYMBOL:@", "WORD:v12");
  }

  @Test
  void tokensDropCommentsThatScanKeeps() throws Exception {
    String sql = "SELECT /* a */ 1 -- b";
    assertThat(SqlLexer.scan(sql))
        .extracting(SqlLexer.Token::kind)
        .containsExactly(
            SqlLexer.Kind.WORD, SqlLexer.Kind.COMMENT, SqlLexer.Kind.NUMBER, SqlLexer.Kind.COMMENT);
    assertThat(SqlLexer.tokens(sql))
        .extracting(SqlLexer.Token::text)
        .containsExactly("SELECT", "1");
    assertThat(SqlLexer.tokens(sql).get(1).start()).isEqualTo(15);
    assertThat(SqlLexer.tokens(sql).get(1).end()).isEqualTo(16);
    assertThat(SqlLexer.tokens("")).isEmpty();
  }
}
