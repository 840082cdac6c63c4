package dev.databricksmcp.sandbox.sql;

/**
 * The only forms in which the sandbox hands SQL text to DuckDB: string literals as '…' with '' as
 * the one escape, identifiers as "…" with "", and the rest plain ASCII words, numbers and operators
 * with single spaces. {@link #requireOneStatement} re-reads the result as DuckDB's lexer would and
 * refuses anything outside that form, so no translation mistake can hand DuckDB a second statement,
 * a comment, an E'…' or $$…$$ string, or a backtick.
 */
final class DuckDbText {
  private DuckDbText() {}

  /**
   * A value as a DuckDB string literal; a NUL (which DuckDB's C API would end the text at) as
   * chr(0).
   */
  static String literal(String value) {
    if (value.indexOf('\0') < 0) {
      return "'" + value.replace("'", "''") + "'";
    }
    StringBuilder out = new StringBuilder("(");
    String[] parts = value.split("\0", -1);
    for (int k = 0; k < parts.length; k++) {
      out.append(k == 0 ? "" : " || chr(0) || ")
          .append("'")
          .append(parts[k].replace("'", "''"))
          .append("'");
    }
    return out.append(")").toString();
  }

  /** A DuckDB identifier in double quotes. */
  static String identifier(String name) {
    if (name.indexOf('\0') >= 0) {
      throw new SqlError(
          "INVALID_IDENTIFIER", "42602", "An identifier cannot contain the character U+0000.");
    }
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /**
   * Checks that DuckDB will read {@code sql} as exactly one statement with {@code parameters}
   * markers: outside literals only printable ASCII other than ; $ ` \ { }, no comment openers, no
   * letter or digit glued to an opening quote, and every literal closed.
   */
  static void requireOneStatement(String sql, int parameters) {
    int markers = 0;
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        if (i > 0 && isWordChar(sql.charAt(i - 1))) {
          throw refused("a prefix glued to a quote");
        }
        i = closing(sql, i);
        continue;
      }
      if (c < 0x20 && c != ' ' || c > 0x7E || ";$`\\{}".indexOf(c) >= 0) {
        throw refused("the character U+" + String.format("%04X", (int) c) + " outside a literal");
      }
      if (sql.startsWith("--", i) || sql.startsWith("/*", i)) {
        throw refused("a comment");
      }
      markers += c == '?' ? 1 : 0;
      i++;
    }
    if (markers != parameters) {
      throw new SqlError(
          "UNBOUND_SQL_PARAMETER",
          "42P02",
          "Found "
              + markers
              + " parameter markers for "
              + parameters
              + " named parameters; use :name markers only.");
    }
  }

  /** Offset just after the quote that closes the literal or identifier opened at {@code at}. */
  private static int closing(String sql, int at) {
    char quote = sql.charAt(at);
    int i = at + 1;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\0') {
        throw refused("the character U+0000");
      }
      if (c == quote && i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
        i += 2;
      } else if (c == quote) {
        return i + 1;
      } else {
        i++;
      }
    }
    throw refused("an unclosed literal");
  }

  private static boolean isWordChar(char c) {
    return c >= 'a' && c <= 'z'
        || c >= 'A' && c <= 'Z'
        || c >= '0' && c <= '9'
        || c == '_'
        || c == '&';
  }

  private static SqlError refused(String what) {
    return new SqlError(
        "PARSE_SYNTAX_ERROR",
        "42601",
        "Syntax error: the sandbox will not pass on a statement with " + what + ".");
  }
}
