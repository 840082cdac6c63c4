package dev.databricksmcp.server.tools.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Tokens of Databricks SQL for the read-only guard, following the lexer of Apache Spark 4.2
 * (SqlBaseLexer.g4), whose grammar Databricks SQL extends. Read as Spark reads it: keywords per
 * code point upper-cased; strings in single or double quotes with backslash escapes and doubled
 * quotes; raw strings r'…' / R"…" without escapes; $tag$…$tag$ bodies; `identifiers` with doubled
 * backticks; nested comments; -- comments ended by \r or \n; hints /*+ … *&#47; whose contents are
 * tokens; letters://paths as one identifier; numbers with Spark's longest-match rules.
 *
 * <p>Fails closed: anything it cannot read with certainty is a {@link LexError} — an unterminated
 * string, identifier, body, comment or hint; a character Spark does not accept outside a string or
 * comment (zero-width and format characters included: they are refused, not skipped); and two
 * spellings that readers disagree on, which could hide code from one of them: a -- comment line
 * ending in a backslash (Spark carries the comment on to the next line) and other line separators
 * inside a -- comment (U+2028 and the like, which Spark does not end a comment on).
 */
final class SqlLexer {
  enum Kind {
    WORD,
    QUOTED_IDENT,
    STRING,
    DOLLAR_STRING,
    NUMBER,
    SYMBOL,
    COMMENT
  }

  /**
   * One token.
   *
   * @param text the token as written, quotes included
   * @param start offset of its first character in the input
   * @param end offset just past it, to cut statements out of the text
   */
  record Token(Kind kind, String text, int start, int end) {
    /** True for a word that Spark reads as {@code keyword} (given in upper case). */
    boolean word(String keyword) {
      return kind == Kind.WORD && upper(text).equals(keyword);
    }

    boolean symbol(String s) {
      return kind == Kind.SYMBOL && text.equals(s);
    }
  }

  static final class LexError extends Exception {
    LexError(String message) {
      super(message, null, false, false);
    }
  }

  /** Spark's WS rule: these and nothing else separate tokens. */
  private static final String WHITESPACE =
      " \t\n"
          + "\f\r"
          + "\u000B\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A"
          + "\u2028\u202F\u205F\u3000";

  /**
   * Characters with a token of their own in Spark (operators and punctuation), and @, which Spark
   * lacks but Databricks reads in time travel (t@v12): a symbol opens no string or comment.
   */
  private static final String SYMBOLS = "!%&()*+,-./:;<=>?[]^|~@";

  /** Line breaks to other readers that do not end a -- comment in Spark. */
  private static final String OTHER_LINE_BREAKS = "\u000B\f\u001C\u001D\u001E\u0085\u2028\u2029";

  /** What may follow letters:// in Spark's path-like identifier. */
  private static final String PATH_CHARS = "_/-.?=&#%";

  private final String sql;
  private final int n;
  private final List<Token> out = new ArrayList<>();
  private int hintDepth;

  private SqlLexer(String sql) {
    this.sql = sql;
    this.n = sql.length();
  }

  /** The tokens without comments. */
  static List<Token> tokens(String sql) throws LexError {
    List<Token> all = scan(sql);
    all.removeIf(t -> t.kind() == Kind.COMMENT);
    return all;
  }

  /** Every token, comments included (whitespace is not a token). */
  static List<Token> scan(String sql) throws LexError {
    SqlLexer lexer = new SqlLexer(sql);
    lexer.run();
    return lexer.out;
  }

  /** A keyword as Spark compares it: every code point upper-cased (so ſelect is SELECT). */
  static String upper(String text) {
    StringBuilder b = new StringBuilder(text.length());
    text.codePoints().map(Character::toUpperCase).forEach(b::appendCodePoint);
    return b.toString();
  }

  private void run() throws LexError {
    int i = 0;
    while (i < n) {
      i = forward(i, next(i));
    }
    if (hintDepth > 0) {
      throw new LexError("a /*+ hint */ is not closed");
    }
  }

  /**
   * {@code to}, which must be past {@code from}: a step that does not move forward is a bug in this
   * class, and would otherwise spin forever on the model's statement; it fails the call instead
   * (and lets mutation testing see such a mutant fail at once rather than wait for its timeout).
   */
  private static int forward(int from, int to) {
    if (to <= from) {
      throw new IllegalStateException("the SQL lexer did not move past offset " + from);
    }
    return to;
  }

  /** Reads the token at i; returns where the next one may start. */
  private int next(int i) throws LexError {
    char c = sql.charAt(i);
    if (WHITESPACE.indexOf(c) >= 0) {
      return i + 1;
    }
    if (c == '-' && at(i + 1, '-')) {
      return add(Kind.COMMENT, i, lineCommentEnd(i));
    }
    if (c == '/' && at(i + 1, '*')) {
      if (at(i + 2, '+')) {
        hintDepth++;
        return add(Kind.SYMBOL, i, i + 3);
      }
      return add(Kind.COMMENT, i, blockCommentEnd(i));
    }
    if (c == '*' && at(i + 1, '/')) {
      hintDepth = Math.max(0, hintDepth - 1);
      return add(Kind.SYMBOL, i, i + 2);
    }
    if (c == '\'' || c == '"') {
      return add(Kind.STRING, i, stringEnd(i + 1, c));
    }
    if (c == '`') {
      return add(Kind.QUOTED_IDENT, i, backtickEnd(i));
    }
    if (c == '$') {
      return add(Kind.DOLLAR_STRING, i, dollarEnd(i));
    }
    if (isDigit(c) || c == '.' && i + 1 < n && isDigit(sql.charAt(i + 1))) {
      return numberOrWord(i);
    }
    int cp = sql.codePointAt(i);
    if (isIdentChar(cp)) {
      return wordOrRawString(i, cp);
    }
    if (SYMBOLS.indexOf(c) >= 0) {
      return add(Kind.SYMBOL, i, i + 1);
    }
    throw new LexError(
        String.format(
            "the character U+%04X at offset %d is not SQL outside a string or comment", cp, i));
  }

  private int add(Kind kind, int start, int end) {
    out.add(new Token(kind, sql.substring(start, end), start, end));
    return end;
  }

  private boolean at(int i, char c) {
    return i < n && sql.charAt(i) == c;
  }

  private int lineCommentEnd(int start) throws LexError {
    int i = start + 2;
    while (i < n && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
      if (OTHER_LINE_BREAKS.indexOf(sql.charAt(i)) >= 0) {
        throw new LexError(
            String.format(
                "a -- comment holds U+%04X, a line break to some readers but not to Spark; end"
                    + " comments with a newline",
                (int) sql.charAt(i)));
      }
      i++;
    }
    if (i < n && sql.charAt(i - 1) == '\\') {
      throw new LexError(
          "a -- comment line ends with a backslash, which Spark reads as carrying the comment on to"
              + " the next line; remove the backslash");
    }
    if (at(i, '\r')) {
      i++;
    }
    if (at(i, '\n')) {
      i++;
    }
    return i;
  }

  /**
   * Bracketed comments nest; an inner /*+ opens nothing (Spark lexes it as part of the comment).
   */
  private int blockCommentEnd(int start) throws LexError {
    int depth = 1;
    int i = start + 2;
    while (i < n) {
      if (sql.charAt(i) == '*' && at(i + 1, '/')) {
        i += 2;
        if (--depth == 0) {
          return i;
        }
      } else if (sql.charAt(i) == '/' && at(i + 1, '*') && !at(i + 2, '+')) {
        depth++;
        i += 2;
      } else {
        i++;
      }
    }
    throw new LexError("a /* comment */ is not closed");
  }

  /** Ordinary strings: a backslash escapes the next character, a doubled quote is a quote. */
  private int stringEnd(int from, char quote) throws LexError {
    int i = from;
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == quote && at(i + 1, quote)) {
        i += 2;
      } else if (c == quote) {
        return i + 1;
      } else {
        i++;
      }
    }
    throw new LexError("a string literal is not closed");
  }

  private int backtickEnd(int start) throws LexError {
    int i = start + 1;
    while (i < n) {
      if (sql.charAt(i) == '`' && at(i + 1, '`')) {
        i += 2;
      } else if (sql.charAt(i) == '`') {
        return i + 1;
      } else {
        i++;
      }
    }
    throw new LexError("an identifier in backticks is not closed");
  }

  /**
   * $tag$ … $tag$ with a tag of letters (possibly none), closed by the same tag, case included, as
   * in Spark 4.2. A body is code in another language; the classifier never takes it for a read.
   */
  private int dollarEnd(int start) throws LexError {
    int i = start + 1;
    while (i < n && isTagLetter(sql.codePointAt(i))) {
      i += Character.charCount(sql.codePointAt(i));
    }
    if (!at(i, '$')) {
      throw new LexError(
          "a $ at offset "
              + start
              + " starts no $tag$ body; it is not SQL outside a string or comment");
    }
    String tag = sql.substring(start, i + 1);
    int close = sql.indexOf(tag, i + 1);
    if (close == -1) {
      throw new LexError("a " + tag + " body is not closed");
    }
    return close + tag.length();
  }

  private static boolean isTagLetter(int cp) {
    int u = Character.toUpperCase(cp);
    return u >= 'A' && u <= 'Z';
  }

  /**
   * A word, a raw string or a letters://path identifier. r and R start a raw string only at the
   * start of a token (xr'…' is the word xr and an ordinary string), which this is.
   */
  private int wordOrRawString(int i, int cp) throws LexError {
    if (Character.toUpperCase(cp) == 'R' && (at(i + 1, '\'') || at(i + 1, '"'))) {
      int close = sql.indexOf(sql.charAt(i + 1), i + 2);
      if (close == -1) {
        throw new LexError("a raw string literal is not closed");
      }
      return add(Kind.STRING, i, close + 1);
    }
    return add(Kind.WORD, i, pathEnd(i, identRunEnd(i)));
  }

  /** Spark's IDENTIFIER: letters (any script), digits 0-9 and underscores. */
  private int identRunEnd(int i) {
    while (i < n && isIdentChar(sql.codePointAt(i))) {
      i += Character.charCount(sql.codePointAt(i));
    }
    return i;
  }

  /**
   * End of the word: past letters://path when [start, runEnd) is letters only and a path follows,
   * else runEnd.
   */
  private int pathEnd(int start, int runEnd) {
    for (int i = start; i < runEnd; i += Character.charCount(sql.codePointAt(i))) {
      if (!Character.isLetter(sql.codePointAt(i))) {
        return runEnd;
      }
    }
    int i = runEnd + 3;
    if (!sql.startsWith("://", runEnd) || i >= n || !isPathChar(sql.codePointAt(i))) {
      return runEnd;
    }
    while (i < n && isPathChar(sql.codePointAt(i))) {
      i += Character.charCount(sql.codePointAt(i));
    }
    return i;
  }

  private static boolean isPathChar(int cp) {
    return Character.isLetter(cp) || isDigit(cp) || PATH_CHARS.indexOf(cp) >= 0;
  }

  /**
   * The longest of Spark's numeric literals at i, or the identifier run when that is longer (123abc
   * is one word; 1E+5 then R'…' is a number and a raw string). A literal with a decimal point
   * counts only when no letter, digit or underscore follows it (Spark's isValidDecimal); a lone '.'
   * is a symbol.
   */
  private int numberOrWord(int i) {
    int digits = digitsEnd(i);
    int best = -1;
    if (digits > i) {
      int exponent = exponentEnd(digits);
      best = Math.max(Math.max(exponent, integerSuffixEnd(digits)), fractionSuffixEnd(exponent));
    }
    if (at(digits, '.')) {
      int exponent = exponentEnd(digitsEnd(digits + 1));
      best =
          Math.max(
              best, Math.max(validDecimal(exponent), validDecimal(fractionSuffixEnd(exponent))));
    }
    if (best == -1) {
      return add(Kind.SYMBOL, i, i + 1);
    }
    int word = identRunEnd(i);
    return word > best ? add(Kind.WORD, i, word) : add(Kind.NUMBER, i, best);
  }

  private int digitsEnd(int i) {
    while (i < n && isDigit(sql.charAt(i))) {
      i++;
    }
    return i;
  }

  /** End of an exponent E[+-]digits at i, or i when there is none. */
  private int exponentEnd(int i) {
    if (!letterAt(i, 'E')) {
      return i;
    }
    int signed = at(i + 1, '+') || at(i + 1, '-') ? i + 2 : i + 1;
    int end = digitsEnd(signed);
    return end > signed ? end : i;
  }

  /** End of L, S or Y (BIGINT, SMALLINT, TINYINT) at i, or i when there is none. */
  private int integerSuffixEnd(int i) {
    return letterAt(i, 'L') || letterAt(i, 'S') || letterAt(i, 'Y') ? i + 1 : i;
  }

  /** End of F, D or BD (FLOAT, DOUBLE, BIGDECIMAL) at i, or i when there is none. */
  private int fractionSuffixEnd(int i) {
    if (letterAt(i, 'B') && letterAt(i + 1, 'D')) {
      return i + 2;
    }
    return letterAt(i, 'F') || letterAt(i, 'D') ? i + 1 : i;
  }

  /** True when the character at i upper-cases to the ASCII letter. */
  private boolean letterAt(int i, char upper) {
    return i < n && Character.toUpperCase(sql.charAt(i)) == upper;
  }

  /** end, or -1 when a letter, digit or underscore follows (Spark's isValidDecimal). */
  private int validDecimal(int end) {
    if (end < n) {
      int u = Character.toUpperCase(sql.codePointAt(end));
      if (u >= 'A' && u <= 'Z' || isDigit(u) || u == '_') {
        return -1;
      }
    }
    return end;
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  static boolean isIdentChar(int cp) {
    return Character.isLetter(cp) || isDigit(cp) || cp == '_';
  }
}
