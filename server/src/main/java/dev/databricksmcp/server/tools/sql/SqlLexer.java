package dev.databricksmcp.server.tools.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Tokens of Databricks SQL for the read-only guard: words, quoted identifiers, strings (both quote
 * kinds, backslash escapes, $$ bodies), numbers, symbols. Comments and whitespace are dropped. Any
 * input it cannot tokenize with certainty (an unterminated string or comment) is an error, so the
 * guard refuses it.
 */
final class SqlLexer {
  enum Kind {
    WORD,
    QUOTED_IDENT,
    STRING,
    NUMBER,
    SYMBOL
  }

  /** @param end offset just past the token in the input, to cut statements out of the text */
  record Token(Kind kind, String text, int end) {
    boolean word(String w) {
      return kind == Kind.WORD && text.equalsIgnoreCase(w);
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

  private SqlLexer() {}

  static List<Token> tokens(String sql) throws LexError {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF' || Character.getType(c) == Character.FORMAT) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        i = blockCommentEnd(sql, i);
      } else if (c == '\'' || c == '"') {
        int end = stringEnd(sql, i, c);
        out.add(new Token(Kind.STRING, sql.substring(i, end), end));
        i = end;
      } else if (c == '`') {
        int end = sql.indexOf('`', i + 1);
        while (end > 0 && end + 1 < n && sql.charAt(end + 1) == '`') {
          end = sql.indexOf('`', end + 2);
        }
        if (end < 0) {
          throw new LexError("an identifier in backticks is not closed");
        }
        out.add(new Token(Kind.QUOTED_IDENT, sql.substring(i + 1, end), end + 1));
        i = end + 1;
      } else if (c == '$' && i + 1 < n && sql.charAt(i + 1) == '$') {
        int end = sql.indexOf("$$", i + 2);
        if (end < 0) {
          throw new LexError("a $$ body is not closed");
        }
        out.add(new Token(Kind.STRING, sql.substring(i, end + 2), end + 2));
        i = end + 2;
      } else if (Character.isDigit(c)) {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
          i++;
        }
        out.add(new Token(Kind.NUMBER, sql.substring(start, i), i));
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
          i++;
        }
        out.add(new Token(Kind.WORD, sql.substring(start, i), i));
      } else {
        out.add(new Token(Kind.SYMBOL, String.valueOf(c), i + 1));
        i++;
      }
    }
    return out;
  }

  /** Databricks block comments nest. */
  private static int blockCommentEnd(String sql, int start) throws LexError {
    int depth = 0;
    int i = start;
    while (i + 1 < sql.length()) {
      if (sql.charAt(i) == '/' && sql.charAt(i + 1) == '*') {
        depth++;
        i += 2;
      } else if (sql.charAt(i) == '*' && sql.charAt(i + 1) == '/') {
        depth--;
        i += 2;
        if (depth == 0) {
          return i;
        }
      } else {
        i++;
      }
    }
    throw new LexError("a /* comment */ is not closed");
  }

  private static int stringEnd(String sql, int start, char quote) throws LexError {
    int i = start + 1;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    throw new LexError("a string literal is not closed");
  }
}
