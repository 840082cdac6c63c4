package dev.databricksmcp.sandbox.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Databricks SQL into tokens, keeping every character (whitespace and comments included) so
 * text can be rebuilt exactly with only the tokens a translation changes.
 */
final class SqlTokenizer {
  enum Kind {
    WORD,
    BACKTICK_IDENT,
    SINGLE_STRING,
    DOUBLE_STRING,
    NUMBER,
    SYMBOL,
    SPACE,
    COMMENT
  }

  record Token(Kind kind, String text) {
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

  private SqlTokenizer() {}

  static List<Token> tokenize(String sql) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      int start = i;
      if (Character.isWhitespace(c)) {
        while (i < n && Character.isWhitespace(sql.charAt(i))) {
          i++;
        }
        out.add(new Token(Kind.SPACE, sql.substring(start, i)));
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n') {
          i++;
        }
        out.add(new Token(Kind.COMMENT, sql.substring(start, i)));
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
        out.add(new Token(Kind.COMMENT, sql.substring(start, i)));
      } else if (c == '\'' || c == '"' || c == '`') {
        i = quotedEnd(sql, i, c);
        Kind kind = c == '\'' ? Kind.SINGLE_STRING : c == '"' ? Kind.DOUBLE_STRING : Kind.BACKTICK_IDENT;
        out.add(new Token(kind, sql.substring(start, i)));
      } else if (Character.isDigit(c)) {
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
          i++;
        }
        out.add(new Token(Kind.NUMBER, sql.substring(start, i)));
      } else if (Character.isLetter(c) || c == '_') {
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
          i++;
        }
        out.add(new Token(Kind.WORD, sql.substring(start, i)));
      } else {
        out.add(new Token(Kind.SYMBOL, String.valueOf(c)));
        i++;
      }
    }
    return out;
  }

  /** End (exclusive) of a quoted token; doubled quotes and backslash escapes stay inside. */
  private static int quotedEnd(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\\' && quote != '`' && i + 1 < sql.length()) {
        i += 2;
        continue;
      }
      if (c == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    throw new SqlError("PARSE_SYNTAX_ERROR", "42601", "Syntax error: unclosed " + (quote == '`' ? "identifier" : "string") + " starting at position " + start + ".");
  }
}
