package dev.databricksmcp.sandbox.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Databricks SQL into tokens with Databricks' lexical rules (those of Spark's SqlBaseLexer):
 * '…' and "…" are string literals with backslash escapes, r'…' / R"…" raw strings without any, two
 * literals side by side are one value; `…` identifiers with `` for a backtick; {@code --} comments
 * end at \r or \n unless the \n follows a backslash; bracketed comments nest; {@code /*+} opens a
 * hint. Anything Databricks' lexer does not know ($, #, @, \, {, }, …) and anything left open is a
 * syntax error: the text is read once, here, and never handed on in a form another reader could
 * split differently.
 */
final class SqlTokenizer {
  enum Kind {
    WORD,
    BACKTICK_IDENT,
    STRING,
    NUMBER,
    SYMBOL,
    HINT_START,
    HINT_END,
    SPACE,
    COMMENT
  }

  /**
   * @param text the source text of the token
   * @param value what it stands for: a string's decoded value, an identifier's name, a number
   *     without its type suffix; the text otherwise
   * @param suffix a number's Databricks type suffix (L, S, Y, D, F, BD) in upper case, or ""
   * @param start offset of the token in the statement
   */
  record Token(Kind kind, String text, String value, String suffix, int start) {
    boolean is(String word) {
      return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    boolean isSymbol(String symbol) {
      return kind == Kind.SYMBOL && text.equals(symbol);
    }

    boolean significant() {
      return kind != Kind.SPACE && kind != Kind.COMMENT;
    }
  }

  /** Operators of Spark's lexer, longest first so that the longest match wins. */
  private static final List<String> SYMBOLS =
      List.of(
          ">>>", "<=>", "::", "==", "<>", "!=", "<=", ">=", "!>", "!<", "<<", ">>", "||", "->",
          "=>", ";", "(", ")", ",", ".", "[", "]", "!", "=", "<", ">", "+", "-", "*", "/", "%", "~",
          "&", "|", "^", ":", "?");

  private final String sql;
  private final List<Token> out = new ArrayList<>();
  private int i;

  private SqlTokenizer(String sql) {
    this.sql = sql;
  }

  static List<Token> tokenize(String sql) {
    SqlTokenizer t = new SqlTokenizer(sql);
    t.run();
    return t.out;
  }

  private void run() {
    while (i < sql.length()) {
      int start = i;
      char c = sql.charAt(i);
      if (isSpace(c)) {
        while (i < sql.length() && isSpace(sql.charAt(i))) {
          i++;
        }
        add(Kind.SPACE, start, " ");
      } else if (sql.startsWith("--", i)) {
        lineComment();
        add(Kind.COMMENT, start, "");
      } else if (sql.startsWith("/*+", i)) {
        i += 3;
        add(Kind.HINT_START, start, "/*+");
      } else if (sql.startsWith("/*", i)) {
        bracketedComment();
        add(Kind.COMMENT, start, "");
      } else if (sql.startsWith("*/", i)) {
        i += 2;
        add(Kind.HINT_END, start, "*/");
      } else if ((c == 'r' || c == 'R') && i + 1 < sql.length() && isQuote(sql.charAt(i + 1))) {
        i++;
        String value = rawString(start);
        out.add(new Token(Kind.STRING, sql.substring(start, i), value, "", start));
      } else if (isQuote(c)) {
        String value = escapedString(start);
        out.add(new Token(Kind.STRING, sql.substring(start, i), value, "", start));
      } else if (c == '`') {
        String name = backtickIdentifier(start);
        out.add(new Token(Kind.BACKTICK_IDENT, sql.substring(start, i), name, "", start));
      } else if (isDigit(c)) {
        number(start);
      } else if (Character.isLetter(c) || c == '_') {
        word(start);
      } else {
        symbol(start);
      }
    }
  }

  private void add(Kind kind, int start, String value) {
    out.add(new Token(kind, sql.substring(start, i), value, "", start));
  }

  /** Spark's WS: ASCII blanks and the Unicode spaces it lists. */
  private static boolean isSpace(char c) {
    return c == ' '
        || c == '\t'
        || c == '\n'
        || c == '\f'
        || c == '\r'
        || c == '\u000B'
        || c == '\u00A0'
        || c == '\u1680'
        || c >= '\u2000' && c <= '\u200A'
        || c == '\u2028'
        || c == '\u202F'
        || c == '\u205F'
        || c == '\u3000';
  }

  private static boolean isQuote(char c) {
    return c == '\'' || c == '"';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /**
   * {@code --} to the end of the line; a backslash right before \n continues it (Spark does so).
   */
  private void lineComment() {
    i += 2;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\\' && i + 1 < sql.length() && sql.charAt(i + 1) == '\n') {
        i += 2;
      } else if (c == '\r' || c == '\n') {
        return;
      } else {
        i++;
      }
    }
  }

  /**
   * A bracketed comment with nested ones inside ({@code /*+} inside is text, not a nested comment,
   * as in Spark); unclosed is an error, as in Databricks.
   */
  private void bracketedComment() {
    int start = i;
    int depth = 0;
    while (i < sql.length()) {
      if (sql.startsWith("/*", i) && (depth == 0 || !sql.startsWith("/*+", i))) {
        depth++;
        i += 2;
      } else if (sql.startsWith("*/", i)) {
        depth--;
        i += 2;
        if (depth == 0) {
          return;
        }
      } else {
        i++;
      }
    }
    throw syntax(
        "UNCLOSED_BRACKETED_COMMENT",
        "Found an unclosed bracketed comment starting at position "
            + start
            + ". Please, append */ at the end of the comment.");
  }

  private String rawString(int start) {
    char quote = sql.charAt(i);
    int end = sql.indexOf(quote, i + 1);
    if (end < 0) {
      throw unclosed("string", start);
    }
    String value = sql.substring(i + 1, end);
    i = end + 1;
    return value;
  }

  /** A '…' or "…" literal; backslash escapes decoded as Databricks documents them. */
  private String escapedString(int start) {
    char quote = sql.charAt(i);
    StringBuilder value = new StringBuilder();
    i++;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == quote) {
        i++;
        return value.toString();
      }
      if (c == '\\' && i + 1 < sql.length()) {
        i = StringEscapes.decode(sql, i, value);
      } else {
        value.append(c);
        i++;
      }
    }
    throw unclosed("string", start);
  }

  private String backtickIdentifier(int start) {
    StringBuilder name = new StringBuilder();
    i++;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '`' && i + 1 < sql.length() && sql.charAt(i + 1) == '`') {
        name.append('`');
        i += 2;
      } else if (c == '`') {
        i++;
        return name.toString();
      } else {
        name.append(c);
        i++;
      }
    }
    throw unclosed("identifier", start);
  }

  /** Digits, an optional fraction and exponent, and a type suffix; 12abc is not a number. */
  private void number(int start) {
    digits();
    boolean integral = true;
    if (i < sql.length() && sql.charAt(i) == '.') {
      integral = false;
      i++;
      digits();
    }
    if (i + 1 < sql.length() && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
      int mark = i;
      i++;
      if (i < sql.length() && (sql.charAt(i) == '+' || sql.charAt(i) == '-')) {
        i++;
      }
      if (i < sql.length() && isDigit(sql.charAt(i))) {
        integral = false;
        digits();
      } else {
        i = mark;
      }
    }
    int end = i;
    String suffix = suffix(integral);
    if (i < sql.length() && isWordChar(sql.charAt(i))) {
      while (i < sql.length() && isWordChar(sql.charAt(i))) {
        i++;
      }
      throw syntaxAt(sql.substring(start, i));
    }
    out.add(
        new Token(Kind.NUMBER, sql.substring(start, i), sql.substring(start, end), suffix, start));
  }

  private void digits() {
    while (i < sql.length() && isDigit(sql.charAt(i))) {
      i++;
    }
  }

  private String suffix(boolean integral) {
    String rest =
        sql.substring(i, Math.min(sql.length(), i + 2)).toUpperCase(java.util.Locale.ROOT);
    if (rest.startsWith("BD")) {
      i += 2;
      return "BD";
    }
    if (!rest.isEmpty()
        && ("DF".indexOf(rest.charAt(0)) >= 0 || integral && "LSY".indexOf(rest.charAt(0)) >= 0)) {
      i++;
      return rest.substring(0, 1);
    }
    return "";
  }

  /**
   * Unquoted identifiers hold ASCII letters, digits and '_' only (Databricks' INVALID_IDENTIFIER).
   */
  private void word(int start) {
    while (i < sql.length() && isWordChar(sql.charAt(i))) {
      i++;
    }
    String word = sql.substring(start, i);
    if (!word.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new SqlError(
          "INVALID_IDENTIFIER",
          "42602",
          "The unquoted identifier "
              + word
              + " is invalid and must be back quoted as: `"
              + word
              + "`.");
    }
    out.add(new Token(Kind.WORD, word, word, "", start));
  }

  private void symbol(int start) {
    for (String s : SYMBOLS) {
      if (sql.startsWith(s, i)) {
        i += s.length();
        out.add(new Token(Kind.SYMBOL, s, s, "", start));
        return;
      }
    }
    int cp = sql.codePointAt(i);
    throw syntaxAt(new String(Character.toChars(cp)));
  }

  private SqlError unclosed(String what, int start) {
    return syntax(
        "PARSE_SYNTAX_ERROR",
        "Syntax error: unclosed " + what + " starting at position " + start + ".");
  }

  private static SqlError syntaxAt(String near) {
    return syntax("PARSE_SYNTAX_ERROR", "Syntax error at or near '" + near + "'.");
  }

  private static SqlError syntax(String errorClass, String message) {
    return new SqlError(errorClass, "42601", message);
  }
}
